// The points of a run, in the order the runtime executes them: each revision's start (its
// transaction), each op's start (its statements are computed then, from the live database, as
// the batch plan needs), each statement, each alembic_version change, the revision's end (its
// checks and commit). A Cursor names the next point; it is a small immutable value, so a stepped
// run can keep the cursor of every earlier pause and go back to it after a ROLLBACK TO.

import type { MigrateOp } from "../ops/ops";
import { describeStatement, describeVersionChange, type StatementDescription } from "./point-messages";
import type { MigrationStep, VersionChange } from "./step";
import { versionChangeSql } from "./version-table";

export type Stage =
  | { readonly kind: "revision-start" }
  | { readonly kind: "op"; readonly op: number }
  | { readonly kind: "statement"; readonly op: number; readonly statements: readonly string[]; readonly index: number }
  | { readonly kind: "version"; readonly index: number }
  | { readonly kind: "revision-end" }
  | { readonly kind: "end" };

export interface Cursor {
  /** The index of the revision in the run; the number of steps once the run is through. */
  readonly step: number;
  readonly stage: Stage;
}

interface PointBase {
  readonly step: MigrationStep;
  readonly stepIndex: number;
}

/** One point of a run, as a driver shows it. */
export type RunPoint =
  | (PointBase & { readonly kind: "revision-start" })
  | (PointBase & { readonly kind: "op"; readonly op: MigrateOp; readonly opIndex: number })
  | (PointBase & {
      readonly kind: "statement";
      readonly op: MigrateOp;
      readonly opIndex: number;
      readonly sql: string;
      /** 0-based place among the statements of its op. */
      readonly statementIndex: number;
      readonly statementCount: number;
      readonly description: StatementDescription;
    })
  | (PointBase & { readonly kind: "version"; readonly change: VersionChange; readonly sql: string; readonly index: number; readonly description: StatementDescription })
  | (PointBase & { readonly kind: "revision-end" });

export type PointKind = RunPoint["kind"];

export const startOf = (steps: readonly MigrationStep[]): Cursor => (steps.length > 0 ? { step: 0, stage: { kind: "revision-start" } } : { step: 0, stage: { kind: "end" } });

/** The point the cursor names, or null at the end of the run. */
export function pointAt(steps: readonly MigrationStep[], cursor: Cursor): RunPoint | null {
  const step = steps[cursor.step];
  const stage = cursor.stage;
  if (!step || stage.kind === "end") return null;
  const base = { step, stepIndex: cursor.step };
  switch (stage.kind) {
    case "revision-start":
    case "revision-end":
      return { ...base, kind: stage.kind };
    case "op":
      return { ...base, kind: "op", op: step.ops[stage.op]!, opIndex: stage.op };
    case "statement": {
      const op = step.ops[stage.op]!;
      const sql = stage.statements[stage.index]!;
      const description = describeStatement(op, stage.statements, stage.index);
      return { ...base, kind: "statement", op, opIndex: stage.op, sql, statementIndex: stage.index, statementCount: stage.statements.length, description };
    }
    case "version": {
      const change = step.versionChanges[stage.index]!;
      return { ...base, kind: "version", change, sql: versionChangeSql(change), index: stage.index, description: describeVersionChange(change, stage.index, step.versionChanges.length) };
    }
  }
}

/** The cursor after the point it names has run; an op point passes the statements it computed. */
export function after(steps: readonly MigrationStep[], cursor: Cursor, statements: readonly string[] = []): Cursor {
  const step = steps[cursor.step]!;
  const at = (stage: Stage): Cursor => ({ step: cursor.step, stage });
  const versionsOrEnd = () => at(step.versionChanges.length > 0 ? { kind: "version", index: 0 } : { kind: "revision-end" });
  const afterOp = (op: number) => (op + 1 < step.ops.length ? at({ kind: "op", op: op + 1 }) : versionsOrEnd());
  const stage = cursor.stage;
  switch (stage.kind) {
    case "revision-start":
      return step.ops.length > 0 ? at({ kind: "op", op: 0 }) : versionsOrEnd();
    case "op":
      return statements.length > 0 ? at({ kind: "statement", op: stage.op, statements, index: 0 }) : afterOp(stage.op);
    case "statement":
      return stage.index + 1 < stage.statements.length ? at({ ...stage, index: stage.index + 1 }) : afterOp(stage.op);
    case "version":
      return stage.index + 1 < step.versionChanges.length ? at({ kind: "version", index: stage.index + 1 }) : at({ kind: "revision-end" });
    case "revision-end":
      return cursor.step + 1 < steps.length ? { step: cursor.step + 1, stage: { kind: "revision-start" } } : { step: steps.length, stage: { kind: "end" } };
    case "end":
      return cursor;
  }
}

/** Points that change the database a person can look at: where a statement-by-statement step pauses. */
export const isPause = (kind: PointKind) => kind === "statement" || kind === "version" || kind === "revision-end";
