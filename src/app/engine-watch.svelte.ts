// A runaway request (a data migration that never ends, a recursive query without a limit) keeps
// the engine worker busy for good, and every request after it waits: SQLite in wasm cannot be
// interrupted from the page. Once a request has run for STALL_MS, the page offers Stop, which
// ends the worker, starts a fresh one and puts the playground back as it was before the request,
// as Ctrl-C on the real `flask db upgrade` leaves the database as its rolled-back transaction
// found it.

import type { EngineClient } from "./engine-client";
import type { PlaygroundLibrary } from "./library.svelte";
import type { Playground } from "./playground.svelte";
import type { EngineRequest, WorkspaceData } from "./protocol";

/** How long a request runs before Stop is offered: steps of the tutorials take tens of ms. */
export const STALL_MS = 2000;
const TICK_MS = 250;

export interface Stall {
  /** What runs, in the user's words ("flask db upgrade"). */
  readonly label: string;
  readonly seconds: number;
}

export interface WatchDeps {
  readonly client: EngineClient;
  readonly playground: Playground;
  readonly library: PlaygroundLibrary;
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
    const stall = running && ms >= STALL_MS ? { label: describeRequest(running.request), seconds: Math.floor(ms / 1000) } : null;
    if (stall?.label !== this.stalled?.label || stall?.seconds !== this.stalled?.seconds) this.stalled = stall;
  }

  /** Ends the running request with its worker, and reopens the playground as it was before it. */
  async stop(): Promise<void> {
    const { client, playground } = this.#deps;
    const running = client.running();
    if (!running) return;
    const label = describeRequest(running.request);
    const seconds = Math.max(1, Math.round((this.#now() - running.since) / 1000));
    const kept = playground.takeCheckpoint() ?? this.#lastSaved();
    this.stalled = null;
    client.stop(
      `Stopped ${label} after ${seconds} s. SQLite in the browser cannot be interrupted, so the engine was restarted; ` +
        (kept ? "the database is as it was before, as after Ctrl-C on the real command." : "nothing it did was kept."),
    );
    if (!playground.snapshot) return;
    if (kept) {
      await playground.recover(kept, `Stopped ${label} after ${seconds} s: the playground is back as it was before it, with your edits since.`);
    } else {
      playground.notice = `Stopped ${label} after ${seconds} s, and this playground was never saved: reload the page to start again.`;
    }
  }

  /** The playground as last saved: a request no checkpoint covers cannot have changed more than this. */
  #lastSaved(): WorkspaceData | null {
    const record = this.#deps.playground.snapshot ? this.#deps.library.autosave.record : null;
    return record && { title: record.title, files: record.files, database: record.database };
  }
}
