// The worker's side of a step-through: one stepped engine run on the playground's live database,
// and the words the page shows at each point. The run keeps its transaction open between
// requests, so the host (engine-host.ts) lets every read see the half-migrated database and keeps
// the workspace's bytes as they were before the run until Run to end commits.

import type { EngineEvent, EngineRunPoint, EngineStepRun } from "./engine-facade";
import type { SnapshotView, StepAction, StepDirection, StepPointView, StepRowsView, StepUnitView, StepView, TableSampleView } from "./protocol";

/** Reads a table's first rows and count from the live database; null when it does not exist. */
export type SampleTable = (table: string) => TableSampleView | null;

/** The runtime's own savepoints and transaction control are not the migration's SQL. */
const CONTROL = /^\s*(SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|PRAGMA foreign_keys)\b/i;

export class StepSession {
  #run: EngineStepRun | null = null;
  #ran: string[] = [];
  #rows: StepRowsView[] = [];
  #collecting = false;

  constructor(
    readonly direction: StepDirection,
    readonly target: string,
  ) {}

  /** The engine's run listener: collects the SQL each step runs. */
  listener = (event: EngineEvent): void => {
    if (!this.#collecting || event.type !== "sql" || !("sql" in event)) return;
    if (!CONTROL.test(event.sql)) this.#ran.push(event.sql);
  };

  attach(run: EngineStepRun): void {
    this.#run = run;
  }

  get run(): EngineStepRun {
    if (!this.#run) throw new Error("The step-through has no run attached.");
    return this.#run;
  }

  /** Paused inside its transaction (or not yet started): the database is not the saved one. */
  get active(): boolean {
    return this.run.state !== "ended" && this.run.state !== "cancelled";
  }

  apply(action: StepAction, unit: StepUnitView, sample: SampleTable): void {
    const run = this.run;
    this.#ran = [];
    this.#rows = [];
    this.#collecting = action === "forward" || action === "to-end";
    try {
      switch (action) {
        case "forward": {
          // read before the step runs, while those rows are still there: cheaper than a savepoint
          const before = new Map((run.next?.description?.touches ?? []).map((t) => [t, sample(t)]));
          run.forward(unit);
          this.#rows = (run.current?.description?.touches ?? []).map((table) => ({ table, readBefore: before.has(table), before: before.get(table) ?? null, after: sample(table) }));
          return;
        }
        case "back":
          run.back(unit);
          // after a step back, the statement shown is the one the run is now just past
          this.#ran = run.current?.sql !== undefined && (run.current.kind === "statement" || run.current.kind === "version") ? [run.current.sql] : [];
          return;
        case "to-end":
          run.toEnd();
          return;
        case "cancel":
          run.cancel();
          return;
      }
    } finally {
      this.#collecting = false;
    }
  }

  view(snapshot: SnapshotView): StepView {
    const run = this.run;
    const p = run.position;
    const started = run.current !== null;
    return {
      direction: this.direction,
      target: this.target,
      state: run.state,
      position: {
        revision: started ? p.revisionIndex + 1 : 0,
        revisionCount: p.revisionCount,
        op: p.opIndex === null ? 0 : p.opIndex + 1,
        opCount: p.opCount,
        statement: p.statementNumber,
        statementTotal: p.statementTotal,
      },
      point: run.current ? pointView(run.current) : null,
      next: run.next ? pointView(run.next) : null,
      sql: [...this.#ran],
      rows: this.#rows,
      error: run.error?.message ?? null,
      canStepBack: run.canStepBack,
      canStepForward: run.canStepForward,
      snapshot,
    };
  }
}

export function pointView(point: EngineRunPoint): StepPointView {
  const op = point.opIndex === undefined ? null : point.step.ops[point.opIndex];
  const d = point.description;
  return {
    kind: point.kind,
    revision: point.step.revision,
    direction: point.step.direction,
    message: point.step.message,
    op: op ? `${op.kind} ${tableName(op.table)}`.trim() : null,
    opIndex: point.opIndex ?? null,
    sql: point.sql ?? null,
    where: d ? `${d.group}, ${d.index + 1} of ${d.count}: ${d.purpose}` : null,
    why: d?.why ?? null,
    touches: d ? [...d.touches] : [],
  };
}

/** An op's table is a name, or a whole table (create_table). */
function tableName(table: unknown): string {
  if (typeof table === "string") return table;
  if (table && typeof table === "object" && "name" in table && typeof table.name === "string") return table.name;
  return "";
}
