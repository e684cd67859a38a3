// "Statement 3 of 8": how many statements a revision will run. An op's statements are only known
// when it starts (a batch plan reads the live table), so the later ops are counted ahead from
// the schema as the earlier ops leave it (as `upgrade --sql` renders them), and each op's count
// becomes exact when it starts. Raw SQL that creates a table the schema cannot see may make an
// early count wrong; it is corrected as the run reaches each op.

import type { Database } from "../db/database";
import type { Schema } from "../schema/model";
import { applyOpToSchema, toSqlStatements, type TableSource } from "../execute";
import { reflectSchema } from "../reflect";
import type { RunPoint } from "./points";
import type { MigrationStep } from "./step";

export interface Progress {
  /** Statements per op: counted ahead, then exact once the op has started; null when it cannot be told. */
  readonly opCounts: readonly (number | null)[];
  readonly versionCount: number;
  /** Statements and version changes run so far in this revision. */
  readonly done: number;
}

const sourceOf = (schema: Schema): TableSource => ({ table: (name) => schema.tables.find((t) => t.name === name), createSql: () => null });

export function planProgress(db: Database, step: MigrationStep): Progress {
  let schema: Schema | null = reflectSchema(db);
  const opCounts = step.ops.map((op) => {
    if (schema === null) return null;
    try {
      const count = toSqlStatements(op, sourceOf(schema)).length;
      schema = applyOpToSchema(schema, op, { lenient: true });
      return count;
    } catch {
      schema = null;
      return null;
    }
  });
  return { opCounts, versionCount: step.versionChanges.length, done: 0 };
}

export const opStarted = (p: Progress, opIndex: number, count: number): Progress => ({ ...p, opCounts: p.opCounts.map((c, i) => (i === opIndex ? count : c)) });

export const statementDone = (p: Progress): Progress => ({ ...p, done: p.done + 1 });

export function totalOf(p: Progress): number | null {
  if (p.opCounts.some((c) => c === null)) return null;
  return p.opCounts.reduce<number>((sum, c) => sum + (c ?? 0), p.versionCount);
}

/** Where a run stands, for "Revision 1 of 2 · Op 1 of 3 · Statement 3 of 8". */
export interface RunPosition {
  /** The last point that ran (or failed); "start" before any. */
  readonly kind: RunPoint["kind"] | "start";
  readonly revisionIndex: number;
  readonly revisionCount: number;
  readonly revision: string | null;
  readonly opIndex: number | null;
  readonly opCount: number;
  /** Statements and version changes run so far in this revision, and how many it has. */
  readonly statementNumber: number;
  readonly statementTotal: number | null;
}

export function positionOf(point: RunPoint | null, progress: Progress | null, revisionCount: number): RunPosition {
  const step = point?.step ?? null;
  return {
    kind: point?.kind ?? "start",
    revisionIndex: point?.stepIndex ?? 0,
    revisionCount,
    revision: step?.revision ?? null,
    opIndex: point && "opIndex" in point ? point.opIndex : null,
    opCount: step?.ops.length ?? 0,
    statementNumber: progress?.done ?? 0,
    statementTotal: progress ? totalOf(progress) : null,
  };
}
