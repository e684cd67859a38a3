// The page's side of a step-through (issue 10): starts a stepped run in the worker, moves it by
// the chosen unit, plays it on a timer (the engine has no Play: Play repeats Step forward), and
// ends it with Run to end (a commit, an undo snapshot and a save, as a plain upgrade) or Cancel.
// While it is open, everything on the page shows the half-migrated database the worker holds.

import type { EngineClient } from "./engine-client";
import { stepTowards } from "./graph-layout";
import type { Playground } from "./playground.svelte";
import type { StepAction, StepDirection, StepUnitView, StepView, TableView } from "./protocol";

export const STEP_UNITS: readonly { readonly value: StepUnitView; readonly label: string }[] = [
  { value: "revision", label: "Revision" },
  { value: "op", label: "Operation" },
  { value: "statement", label: "Statement" },
];

/** Play's pause between steps. */
export const PLAY_SPEEDS: readonly { readonly label: string; readonly ms: number }[] = [
  { label: "Slow", ms: 1500 },
  { label: "Normal", ms: 700 },
  { label: "Fast", ms: 200 },
];

/** Waits `ms` then calls `run`; returns the function that stops it (setTimeout in the page). */
export type Schedule = (run: () => void, ms: number) => () => void;

const timeout: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export interface StepThroughDeps {
  readonly client: EngineClient;
  readonly playground: Playground;
  /** Reloads the views that read the database themselves (the rows grid, the undo list). */
  readonly refreshViews?: () => Promise<void>;
  readonly schedule?: Schedule;
}

/** "Statement 3 of 8", "Operation 2 of 3", "Revision 1 of 2": the position in the chosen unit. */
export function positionText(view: StepView, unit: StepUnitView): string {
  const p = view.position;
  if (unit === "revision") return `Revision ${p.revision} of ${p.revisionCount}`;
  if (unit === "op") return `Operation ${p.op} of ${p.opCount}`;
  return `Statement ${p.statement} of ${p.statementTotal ?? "?"}`;
}

/** "Upgrade one revision", "Downgrade to 1a2b3c4d5e6f": the run's heading. */
export function moveTitle(direction: StepDirection, target: string): string {
  const verb = direction === "upgrade" ? "Upgrade" : "Downgrade";
  return /^[+-]1$/.test(target) ? `${verb} one revision` : `${verb} to ${target}`;
}

/** What a point without a statement of its own does. */
export function pointLabel(kind: StepView["state"] | string): string {
  if (kind === "revision-start") return "the revision's transaction begins";
  if (kind === "revision-end") return "the revision's checks pass and it is kept";
  if (kind === "op") return "the operation plans its statements from the live tables";
  return kind;
}

export class StepThrough {
  view = $state.raw<StepView | null>(null);
  unit = $state<StepUnitView>("statement");
  playing = $state(false);
  speedMs = $state(PLAY_SPEEDS[1]!.ms);
  /** How many answers of the worker have been shown: a step that leaves the position as it was still counts. */
  moves = $state(0);
  /** Why a step-through could not start or go on; shown until the next one starts. */
  message = $state<string | null>(null);
  #deps: StepThroughDeps;
  #schedule: Schedule;
  #stopPlay: (() => void) | null = null;
  #runStart: readonly TableView[] = [];
  #moving = false;

  constructor(deps: StepThroughDeps) {
    this.#deps = deps;
    this.#schedule = deps.schedule ?? timeout;
  }

  /** A step-through is on screen: paused, failed, at its end, or not yet stepped. */
  get open(): boolean {
    return this.view !== null && this.view.state !== "ended" && this.view.state !== "cancelled";
  }

  get position(): string {
    return this.view ? positionText(this.view, this.unit) : "";
  }

  async start(direction: StepDirection, target: string): Promise<boolean> {
    const { client, playground } = this.#deps;
    if (this.open || playground.busy) return false;
    await playground.flushEdits();
    this.#runStart = playground.snapshot?.tables ?? [];
    const started = await client.request({ kind: "step-start", direction, target });
    if (!started.ok) {
      this.message = started.message;
      return false;
    }
    this.message = null;
    this.#show(started.step);
    return true;
  }

  /** "Step through to here" on a revision of the graph: up or down, as "to here" would move. */
  async startTowards(revision: string): Promise<boolean> {
    const history = this.#deps.playground.snapshot?.history;
    if (!history) return false;
    const argv = stepTowards(history.revisions.map((r) => ({ id: r.id, parents: r.parents })), history.current, revision);
    if (!argv) return false;
    return this.start(argv[0] === "downgrade" ? "downgrade" : "upgrade", revision);
  }

  forward(): Promise<void> {
    return this.#move("forward");
  }

  back(): Promise<void> {
    this.pause();
    return this.#move("back");
  }

  cancel(): Promise<void> {
    this.pause();
    return this.#move("cancel");
  }

  /** Commits what is left as a plain upgrade would, with its undo snapshot and a save. */
  async runToEnd(): Promise<void> {
    this.pause();
    const view = this.view;
    if (!view || !this.open || this.#moving) return;
    this.#moving = true;
    try {
      let ended: StepView | null = null;
      await this.#deps.playground.finishStep([view.direction, view.target], async () => {
        ended = await this.#request("to-end");
        return ended.snapshot;
      }, this.#runStart);
      if (ended) {
        this.view = ended;
        this.#showOp(ended);
      }
      await this.#deps.refreshViews?.();
    } catch (error) {
      this.#lost(error);
    } finally {
      this.#moving = false;
    }
  }

  togglePlay(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    if (!this.open || !this.view?.canStepForward) return;
    this.playing = true;
    this.#tick();
  }

  pause(): void {
    this.playing = false;
    this.#stopPlay?.();
    this.#stopPlay = null;
  }

  #tick(): void {
    this.#stopPlay = this.#schedule(() => {
      this.#stopPlay = null;
      void this.forward().then(() => {
        if (this.playing && this.view?.canStepForward) this.#tick();
        else this.pause();
      });
    }, this.speedMs);
  }

  async #move(action: Exclude<StepAction, "to-end">): Promise<void> {
    if (!this.open || this.#moving) return;
    this.#moving = true;
    try {
      this.#show(await this.#request(action));
      await this.#deps.refreshViews?.();
    } catch (error) {
      this.#lost(error);
    } finally {
      this.#moving = false;
    }
  }

  #request(action: StepAction): Promise<StepView> {
    return this.#deps.client.request({ kind: "step", action, unit: this.unit });
  }

  #show(view: StepView): void {
    this.view = view;
    this.moves++;
    const { playground } = this.#deps;
    playground.showStep(view.snapshot, this.#runStart);
    this.#showOp(view);
  }

  /** The running op, in its script: the script's tab opens when the run reaches it. */
  #showOp(view: StepView): void {
    const { playground } = this.#deps;
    const point = view.state === "ended" || view.state === "cancelled" ? null : view.point;
    const file = point ? view.snapshot.history.revisions.find((r) => r.id === point.revision)?.file : undefined;
    if (!point || point.opIndex === null || !file) {
      playground.stepOp = null;
      return;
    }
    if (playground.stepOp?.file !== file) playground.openTab(file);
    playground.stepOp = { file, direction: point.direction, opIndex: point.opIndex };
  }

  /**
   * Stop restarted the worker (a runaway console query while paused): the run lived there, so it
   * is gone, and the page says so at once rather than at the next step. The restarted worker
   * holds the playground from before the run (a checkpoint never carries a paused database).
   */
  engineRestarted(why: string): void {
    if (!this.open) return;
    this.pause();
    this.view = null;
    this.#deps.playground.stepOp = null;
    this.message = `The step-through ended: ${why}. The database is as it was before it.`;
  }

  /** The worker lost the run (it was restarted after a Stop): the database is the one from before it. */
  #lost(error: unknown): void {
    this.pause();
    this.view = null;
    this.#deps.playground.stepOp = null;
    this.message = `The step-through ended: ${error instanceof Error ? error.message : String(error)}. The database is as it was before it.`;
    void this.#deps.client.request({ kind: "snapshot" }).then((snapshot) => this.#deps.playground.showStep(snapshot, this.#runStart));
  }
}
