// How a revision fails, in words: the RunError every driver of the runtime reports (the whole
// story, ready to print: step, op, SQL, SQLite's words, the rows behind it, the fix), and the
// checks that fail a revision besides SQLite itself (alembic_version rows, foreign_key_check).

import type { Database, QueryResult } from "../db/database";
import type { MigrateOp } from "../ops/ops";
import { ExecuteError, StatementError } from "../execute";
import { diagnose, formatRows } from "./diagnose";
import { foreignKeyViolations, type Violation } from "./foreign-keys";
import { formatStepLine } from "./format";
import type { MigrationStep } from "./step";

export interface RunError {
  readonly revision: string;
  readonly direction: MigrationStep["direction"];
  /** The whole story, ready to print: step, op, SQL, SQLite's words, the rows, the fix. */
  readonly message: string;
  /** SQLite's (or the executor's) own message. */
  readonly cause: string;
  readonly op: MigrateOp | null;
  readonly opIndex: number | null;
  readonly sql: string | null;
  readonly rows: QueryResult | null;
  readonly hint: string | null;
}

const causeOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The run could not start: alembic_version could not be created (or the stepped run's BEGIN failed). */
export function openFailure(first: MigrationStep | undefined, e: unknown, sql: string): RunError {
  const cause = causeOf(e);
  const message = `Could not create the alembic_version table: ${cause}. Check that the database file is writable and not inside an open transaction.`;
  return { revision: first?.revision ?? "", direction: first?.direction ?? "upgrade", message, cause, op: null, opIndex: null, sql, rows: null, hint: null };
}

/** Something outside the stepper ended the stepped run's transaction (a COMMIT or ROLLBACK of its own, or SQLite after a full disk). */
export function lostTransaction(step: MigrationStep | undefined, e: unknown): RunError {
  const cause = causeOf(e);
  const hint = "Run `db current` to see which revision the database is at, then step or upgrade again.";
  const message = `The stepped run's transaction was ended outside the stepper (${cause}), so its pauses cannot be undone and it cannot go on. ${hint}`;
  return { revision: step?.revision ?? "", direction: step?.direction ?? "upgrade", message, cause, op: null, opIndex: null, sql: null, rows: null, hint };
}

/** An UPDATE or DELETE of alembic_version that did not match exactly one row. */
export class VersionError extends Error {}

export class ForeignKeyError extends Error {
  constructor(
    message: string,
    readonly rows: QueryResult | null,
  ) {
    super(message);
  }
}

/** New violations only: rows that were orphans before the revision are not its fault. */
export function checkForeignKeys(db: Database, before: readonly Violation[]): void {
  const known = new Set(before.map((v) => v.key));
  const fresh = foreignKeyViolations(db).filter((v) => !known.has(v.key));
  if (fresh.length === 0) return;
  const first = fresh[0]!;
  const rows = db.query(`SELECT rowid AS "rowid", * FROM "${first.table.replace(/"/g, '""')}" WHERE rowid IN (${fresh.filter((v) => v.table === first.table).slice(0, 5).map((v) => v.rowid).join(", ")})`);
  throw new ForeignKeyError(
    `FOREIGN KEY constraint failed: ${fresh.length} row(s) of '${first.table}' refer to rows of '${first.parent}' that do not exist`,
    rows,
  );
}

/** Where the database stands when the error is reported: a plain run has rolled the revision back; a stepped one waits. */
export type FailureOutcome = "rolled-back" | "paused";

const OUTCOME: Record<FailureOutcome, string> = {
  "rolled-back": " The revision was rolled back: the database is exactly as it was before it.",
  paused: " Paused at the failure, nothing rolled back yet: step back to look again, or cancel to roll back the whole run.",
};

/** `db` is the database inside the failed revision's transaction (null when no SQL ran), to find the rows behind the error. */
export function failure(step: MigrationStep, e: unknown, db: Database | null, outcome: FailureOutcome = "rolled-back"): RunError {
  const base = { revision: step.revision, direction: step.direction };
  const head = `${formatStepLine(step)} failed`;
  const rolledBack = db ? OUTCOME[outcome] : " No SQL was run.";
  if (e instanceof StatementError) {
    const found = db ? diagnose(db, e.op, e.message) : null;
    const opText = `op ${e.opIndex + 1} (${describeOp(e.op)})`;
    const lines = [`${head} at ${opText}: ${e.message}${found ? ` (${found.detail})` : ""}.`, `SQL: ${e.sql}`];
    if (found?.rows) lines.push(`Rows: ${formatRows(found.rows)}`);
    if (found) lines.push(found.hint);
    lines.push(rolledBack.trim());
    return { ...base, message: lines.join("\n"), cause: e.message, op: e.op, opIndex: e.opIndex, sql: e.sql, rows: found?.rows ?? null, hint: found?.hint ?? null };
  }
  if (e instanceof ForeignKeyError) {
    const hint = "Delete or fix those rows (or the foreign key) and run the migration again.";
    const lines = [`${head}: ${e.message}.`, "SQL: PRAGMA foreign_key_check"];
    if (e.rows && e.rows.rows.length > 0) lines.push(`Rows: ${formatRows(e.rows)}`);
    lines.push(hint, rolledBack.trim());
    return { ...base, message: lines.join("\n"), cause: e.message, op: null, opIndex: null, sql: "PRAGMA foreign_key_check", rows: e.rows, hint };
  }
  const op = e instanceof ExecuteError ? (e.op ?? null) : null;
  const cause = e instanceof Error ? e.message : String(e);
  return { ...base, message: `${head}: ${cause}${rolledBack}`, cause, op, opIndex: op ? step.ops.indexOf(op) : null, sql: null, rows: null, hint: null };
}

function describeOp(op: MigrateOp): string {
  return "table" in op ? `${op.kind} '${typeof op.table === "string" ? op.table : op.table.name}'` : op.kind;
}
