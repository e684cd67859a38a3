// The runtime: a run of migration steps that executes one point at a time (see points.ts).
// Two drivers use it (the shape of the Debug Adapter Protocol: requests in, a state out):
//  - a plain upgrade calls toEnd() at once: each revision in its own transaction, as Alembic;
//  - a step-through calls forward()/back() and at last toEnd() (commit) or cancel() (roll back).
// The first request chooses the transaction scheme (transactions.ts). A stepped run pauses inside
// its transaction, so everything that reads the database sees the half-migrated state; a
// statement that fails leaves it paused *at* the failure, from where back() and cancel() work, and
// toEnd() rolls the failed revision back and commits the earlier ones, as a plain run would.

import type { Database } from "../db/database";
import { opStatements, runOpStatement, runStatement, validateOps } from "../execute";
import type { OnSql, RunOptions, RunResult, RuntimeEvent } from "./events";
import { VersionError, checkForeignKeys, failure, lostTransaction, openFailure, type RunError } from "./failure";
import { after, isPause, pointAt, startOf, type Cursor, type RunPoint } from "./points";
import { opStarted, planProgress, positionOf, statementDone, type Progress, type RunPosition } from "./progress";
import type { MigrationStep } from "./step";
import { PlainTransactions, SteppingTransactions, type RevisionTx, type Transactions } from "./transactions";
import { VERSION_TABLE_DDL, versionMismatchMessage } from "./version-table";

/** How far one forward() or back() goes. */
export type StepUnit = "statement" | "op" | "revision";

/**
 * ready: nothing ran yet. paused: between two points. failed: paused at a failing point.
 * at-end: every point ran, the transaction is still open (toEnd commits). ended: over, `result`
 * says what committed (and the error, if any). cancelled: rolled back whole.
 */
export type RunState = "ready" | "paused" | "failed" | "at-end" | "ended" | "cancelled";

interface Revision {
  readonly stepIndex: number;
  readonly tx: RevisionTx;
  readonly progress: Progress;
}

/** What a pause remembers, to come back to it. */
interface Pause {
  readonly mark: string;
  readonly cursor: Cursor;
  readonly current: RunPoint | null;
  readonly revision: Revision | null;
  readonly completed: number;
}

export const RUN_CAPABILITIES = { supportsStepBack: true, supportsCancel: true, stepUnits: ["statement", "op", "revision"] as readonly StepUnit[] } as const;

export class MigrationRun {
  readonly capabilities = RUN_CAPABILITIES;
  private tx: Transactions | null = null;
  private cursor: Cursor;
  private currentPoint: RunPoint | null = null;
  private revision: Revision | null = null;
  private startProgress: Progress | undefined;
  private readonly completed: MigrationStep[] = [];
  private readonly pauses: Pause[] = [];
  private failedWith: { readonly error: unknown; readonly point: RunPoint } | null = null;
  private pausedError: RunError | null = null;
  private runState: RunState = "ready";
  private runResult: RunResult | null = null;
  private readonly emit: (e: RuntimeEvent) => void;
  private readonly onSql: OnSql;

  constructor(
    private readonly db: Database,
    readonly steps: readonly MigrationStep[],
    options: RunOptions = {},
  ) {
    this.emit = options.listener ?? (() => {});
    this.onSql = (sql, rowsChanged, durationMs) => this.emit({ type: "sql", sql, rowsChanged, durationMs });
    this.cursor = startOf(steps);
  }

  get state(): RunState {
    return this.runState;
  }

  /** The point that ran last (the failing one when failed). */
  get current(): RunPoint | null {
    return this.currentPoint;
  }

  /** The point the next forward() starts with. */
  get next(): RunPoint | null {
    return this.runState === "failed" ? null : pointAt(this.steps, this.cursor);
  }

  /** The error of the failing point (failed), or of the run (ended). */
  get error(): RunError | null {
    if (this.runState === "failed") return this.pausedError;
    return this.runResult?.error ?? null;
  }

  get result(): RunResult | null {
    return this.runResult;
  }

  get canStepBack(): boolean {
    return this.pauses.length > 0 && (this.runState === "paused" || this.runState === "failed" || this.runState === "at-end");
  }

  get canStepForward(): boolean {
    return this.runState === "ready" || this.runState === "paused";
  }

  get position(): RunPosition {
    return positionOf(this.currentPoint, this.revision?.progress ?? this.beforeFirst(), this.steps.length);
  }

  /**
   * Before the first point, the first revision's count as it would start now: the database is
   * the one it starts from ("Statement 0 of 8", not "0 of ?"). Counted once, when asked; a run
   * that is never looked at (a plain upgrade) never counts.
   */
  private beforeFirst(): Progress | null {
    if (this.currentPoint !== null || this.steps.length === 0 || !this.canStepForward) return null;
    this.startProgress ??= planProgress(this.db, this.steps[0]!);
    return this.startProgress;
  }

  /** Runs the next point(s) up to the next pause of that unit; returns the state it stopped in. */
  forward(unit: StepUnit = "statement"): RunState {
    if (!this.canStepForward || !this.open(true) || this.lost()) return this.runState;
    const tx = this.tx!;
    this.pauses.push({ mark: tx.mark(), cursor: this.cursor, current: this.currentPoint, revision: this.revision, completed: this.completed.length });
    let ranPause = false;
    for (let point = pointAt(this.steps, this.cursor); point; point = pointAt(this.steps, this.cursor)) {
      if (!this.runPoint(point)) {
        this.pausedError = this.describeFailure("paused");
        return (this.runState = "failed");
      }
      ranPause ||= isPause(point.kind);
      if (this.reached(unit, point, ranPause)) break;
    }
    return (this.runState = pointAt(this.steps, this.cursor) ? "paused" : "at-end");
  }

  /**
   * Undoes back to an earlier pause: the last one, or by op or revision the first pause at the
   * start of one. Only pauses can be returned to: a forward("revision") is undone as a whole.
   */
  back(unit: StepUnit = "statement"): RunState {
    let at = this.pauses.length - 1;
    while (at > 0 && !atBoundary(unit, this.pauses[at]!.cursor)) at -= 1;
    return this.backTo(at);
  }

  /** How many pauses back() can return to; backTo(0) returns to the start of the run. */
  get pauseCount(): number {
    return this.pauses.length;
  }

  /** Returns to the state before forward() number `index` (0-based): one ROLLBACK TO, however far. */
  backTo(index: number): RunState {
    if (!this.canStepBack || index < 0 || index >= this.pauses.length || this.lost()) return this.runState;
    const pause = this.pauses[index]!;
    this.pauses.length = index;
    // savepoints nest: rolling back to an earlier one undoes every later one with it
    this.tx!.undoTo(pause.mark);
    this.cursor = pause.cursor;
    this.currentPoint = pause.current;
    this.revision = pause.revision;
    this.completed.length = pause.completed;
    this.failedWith = null;
    this.pausedError = null;
    return (this.runState = "paused");
  }

  /** Runs what is left, then commits: a failed revision rolls back, the ones before it stay applied. */
  toEnd(): RunResult {
    if (this.runResult) return this.runResult;
    if (!this.open(false) || this.lost()) return this.runResult!;
    let error: RunError | null = this.failedWith ? this.concludeFailure() : null;
    for (let point = error ? null : pointAt(this.steps, this.cursor); point; point = pointAt(this.steps, this.cursor)) {
      if (!this.runPoint(point)) {
        error = this.concludeFailure();
        break;
      }
    }
    this.tx!.close();
    return this.end({ ok: error === null, completed: [...this.completed], error });
  }

  /** Rolls back everything the stepped run did; the database is as before it started. */
  cancel(): RunResult {
    if (this.runResult || this.lost()) return this.runResult!;
    if (this.tx) this.tx.cancel();
    this.completed.length = 0;
    const result = this.end({ ok: false, completed: [], error: null });
    this.runState = "cancelled";
    return result;
  }

  /** Ends the run when its transaction was ended from outside; true then. */
  private lost(): boolean {
    if (this.tx?.isOpen() !== false) return false;
    this.tx.cancel();
    this.end({ ok: false, completed: [], error: lostTransaction(this.currentPoint?.step ?? this.steps[0], "no transaction is active") });
    return true;
  }

  private reached(unit: StepUnit, point: RunPoint, ranPause: boolean): boolean {
    if (unit === "statement") return isPause(point.kind);
    if (unit === "revision") return point.kind === "revision-end";
    return ranPause && this.cursor.stage.kind !== "statement";
  }

  /** Chooses the transaction scheme on the first request; false when the run could not start. */
  private open(stepping: boolean): boolean {
    if (this.tx) return true;
    this.tx = stepping ? new SteppingTransactions(this.db, this.onSql, this.steps) : new PlainTransactions(this.db, this.onSql);
    try {
      this.tx.open();
      return true;
    } catch (e) {
      this.end({ ok: false, completed: [], error: openFailure(this.steps[0], e, VERSION_TABLE_DDL) });
      return false;
    }
  }

  /** Runs one point; on failure, keeps it and returns false (nothing is rolled back here). */
  private runPoint(point: RunPoint): boolean {
    this.currentPoint = point;
    try {
      this.cursor = after(this.steps, this.cursor, this.execute(point));
      return true;
    } catch (error) {
      this.failedWith = { error, point };
      return false;
    }
  }

  /** Returns the statements an op point computed. */
  private execute(point: RunPoint): readonly string[] {
    const revision = this.revision;
    switch (point.kind) {
      case "revision-start": {
        this.emit({ type: "step-start", step: point.step });
        validateOps(point.step.ops);
        const tx = this.tx!.beginRevision(point.step);
        this.revision = { stepIndex: point.stepIndex, tx, progress: this.tx!.stepping ? planProgress(this.db, point.step) : { opCounts: [], versionCount: 0, done: 0 } };
        return [];
      }
      case "op": {
        this.emit({ type: "op", op: point.op, index: point.opIndex });
        const statements = opStatements(this.db, point.op);
        this.revision = { ...revision!, progress: opStarted(revision!.progress, point.opIndex, statements.length) };
        return statements;
      }
      case "statement":
        runOpStatement(this.db, point.op, point.opIndex, point.sql, this.onSql);
        break;
      case "version": {
        runStatement(this.db, point.sql, this.onSql);
        const found = this.db.changes();
        if (point.change.kind !== "insert" && found !== 1) throw new VersionError(versionMismatchMessage(point.change, found));
        break;
      }
      case "revision-end":
        if (revision!.tx.foreignKeysBefore) checkForeignKeys(this.db, revision!.tx.foreignKeysBefore);
        this.tx!.commitRevision(revision!.tx);
        this.emit({ type: "step-end", step: point.step, ok: true });
        this.completed.push(point.step);
        return [];
    }
    this.revision = { ...revision!, progress: statementDone(revision!.progress) };
    return [];
  }

  /** The error, with the rows behind it, while the failed revision is still open. */
  private describeFailure(outcome: "paused" | "rolled-back"): RunError {
    const { error, point } = this.failedWith!;
    const began = this.revision !== null && this.revision.stepIndex === point.stepIndex;
    return failure(point.step, error, began ? this.db : null, outcome);
  }

  /** Rolls the failed revision back, as a plain run does at once. */
  private concludeFailure(): RunError {
    const error = this.describeFailure("rolled-back");
    const { point } = this.failedWith!;
    if (this.revision?.stepIndex === point.stepIndex) this.tx!.rollbackRevision(this.revision.tx);
    this.revision = null;
    this.failedWith = null;
    this.emit({ type: "step-end", step: point.step, ok: false });
    return error;
  }

  private end(result: RunResult): RunResult {
    this.runResult = result;
    this.runState = "ended";
    this.pauses.length = 0;
    return result;
  }
}

/** Whether a cursor restored by back(unit) is where that unit starts. */
function atBoundary(unit: StepUnit, cursor: Cursor): boolean {
  if (unit === "statement") return true;
  if (unit === "op") return cursor.stage.kind !== "statement";
  return cursor.stage.kind === "revision-start";
}

/** Starts a run; nothing executes until the first forward(), toEnd() or cancel(). */
export function startRun(db: Database, steps: readonly MigrationStep[], options: RunOptions = {}): MigrationRun {
  return new MigrationRun(db, steps, options);
}
