// A runaway request (a data migration that never ends, a recursive query without a limit) keeps
// the engine worker busy for good, and every request after it waits: SQLite in wasm cannot be
// interrupted from the page. Once a request has run for STALL_MS, the page says so, and offers
// Stop when stopping loses nothing else (engine-client.ts: the request was sent guarded). Stop
// ends the worker, starts a fresh one and puts the playground back as it was before the request,
// as Ctrl-C on the real `flask db upgrade` leaves the database as its rolled-back transaction
// found it.

import type { EngineClient, Running } from "./engine-client";
import type { Playground } from "./playground.svelte";
import type { EngineRequest } from "./protocol";

/** How long a request runs before Stop is offered: steps of the tutorials take tens of ms. */
export const STALL_MS = 2000;
const TICK_MS = 250;

export interface Stall {
  /** What runs, in the user's words ("flask db upgrade"). */
  readonly label: string;
  readonly seconds: number;
  /** Stopping it loses nothing else: a checkpoint from just before it is kept, or no playground is open yet. */
  readonly canStop: boolean;
}

export interface WatchDeps {
  readonly client: EngineClient;
  readonly playground: Playground;
  /** Reloads the views a reopened playground changes (the rows grid, the undo list). */
  readonly refreshViews?: () => Promise<void>;
  /** Told when Stop restarted the worker: what lived only in the old one (a paused step-through) is gone. */
  readonly onRestarted?: (why: string) => void;
  readonly now?: () => number;
}

/** The running request in the user's words. */
export function describeRequest(request: EngineRequest): string {
  switch (request.kind) {
    case "command":
      return `flask db ${request.argv.join(" ")}`;
    case "query":
      return "the SQL console's query";
    case "edit-row":
      return "the row edit";
    case "open-shared":
      return "the shared link's migrations";
    default:
      return `the engine's “${request.kind}” request`;
  }
}

export class EngineWatch {
  stalled = $state.raw<Stall | null>(null);
  stopping = $state(false);
  #deps: WatchDeps;
  #now: () => number;

  constructor(deps: WatchDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => performance.now());
  }

  /** Checks the running request every TICK_MS; returns the function that stops checking. */
  watch(): () => void {
    const timer = setInterval(() => this.tick(), TICK_MS);
    return () => clearInterval(timer);
  }

  tick(): void {
    const running = this.#deps.client.running();
    const ms = running ? this.#now() - running.since : 0;
    const stall = running && ms >= STALL_MS
      ? { label: describeRequest(running.request), seconds: Math.floor(ms / 1000), canStop: this.#canStop(running) }
      : null;
    const same = stall?.label === this.stalled?.label && stall?.seconds === this.stalled?.seconds && stall?.canStop === this.stalled?.canStop;
    if (!same) this.stalled = stall;
  }

  /** With a checkpoint; or a link still opening, before any playground exists (nothing to lose). */
  #canStop(running: Running): boolean {
    return running.recoverable || (this.#deps.playground.snapshot === null && running.request.kind === "open-shared");
  }

  /**
   * Ends the running request with its worker; the playground comes back as it was before it, and
   * the requests that waited behind it run. Only offered when that loses nothing else.
   */
  async stop(): Promise<void> {
    const { client, playground } = this.#deps;
    const running = client.running();
    if (this.stopping || !running || !this.#canStop(running)) return;
    const label = describeRequest(running.request);
    const seconds = Math.max(1, Math.round((this.#now() - running.since) / 1000));
    this.stopping = true;
    this.stalled = null;
    try {
      const kept = running.recoverable ? "the database is as it was before, as after Ctrl-C on the real command." : "nothing it did was kept.";
      const reopened = client.stop(`Stopped ${label} after ${seconds} s. SQLite in the browser cannot be interrupted, so the engine was restarted; ${kept}`, (checkpoint) =>
        playground.reopenRequest(checkpoint),
      );
      this.#deps.onRestarted?.(`${label} was stopped after ${seconds} s, and the engine restarted with it`);
      if (reopened) {
        // only the reopen is awaited: what follows it may queue behind another runaway that was
        // waiting, which must be stoppable in turn
        await playground.reopened(reopened, `Stopped ${label} after ${seconds} s: the playground is back as it was before it, with your edits since.`);
        void this.#deps.refreshViews?.();
      }
    } catch (error) {
      playground.notice = `Stopping ${label} did not finish: ${error instanceof Error ? error.message : String(error)}. Reload the page; the last save is kept.`;
    } finally {
      this.stopping = false;
    }
  }
}
