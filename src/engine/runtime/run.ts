// Upgrade and downgrade, online. Retort does better than Alembic on SQLite here (SPEC §3):
// every revision runs in its own transaction, and a failure rolls that revision back whole, so
// no _alembic_tmp_* table and no half-applied DDL is left behind; earlier revisions stay applied.
// A revision with a batch rebuild runs with PRAGMA foreign_keys OFF (it cannot change inside a
// transaction), so the DROP TABLE of a rebuild never cascades into child tables (Alembic's does);
// foreign_key_check before COMMIT guards the result, and the pragma is restored afterwards.

import type { Database, QueryResult } from "../db/database";
import type { MigrateOp } from "../ops/ops";
import { ExecuteError, StatementError, applyOps, needsRecreate, runStatement, validateOps } from "../execute";
import { diagnose, formatRows } from "./diagnose";
import { foreignKeyViolations, readForeignKeys, setForeignKeys, type Violation } from "./foreign-keys";
import { formatStepLine } from "./format";
import type { MigrationStep } from "./step";
import { VERSION_TABLE_DDL, hasVersionTable, versionChangeSql, versionMismatchMessage } from "./version-table";

export type RuntimeEvent =
  | { readonly type: "step-start"; readonly step: MigrationStep }
  | { readonly type: "op"; readonly op: MigrateOp; readonly index: number }
  | { readonly type: "sql"; readonly sql: string; readonly rowsChanged: number; readonly durationMs: number }
  | { readonly type: "step-end"; readonly step: MigrationStep; readonly ok: boolean };

export interface RunOptions {
  readonly listener?: (e: RuntimeEvent) => void;
}

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

export interface RunResult {
  readonly ok: boolean;
  /** The steps that ran and committed, in order. */
  readonly completed: readonly MigrationStep[];
  readonly error: RunError | null;
}

class VersionError extends Error {}

/** Runs the steps in order, each in its own transaction; stops at the first failure. Never throws. */
export function runSteps(db: Database, steps: readonly MigrationStep[], options: RunOptions = {}): RunResult {
  const emit = options.listener ?? (() => {});
  const onSql = (sql: string, rowsChanged: number, durationMs: number) => emit({ type: "sql", sql, rowsChanged, durationMs });
  const completed: MigrationStep[] = [];
  try {
    ensureVersionTable(db, onSql);
  } catch (e) {
    const cause = e instanceof Error ? e.message : String(e);
    const first = steps[0];
    const message = `Could not create the alembic_version table: ${cause}. Check that the database file is writable and not inside an open transaction.`;
    const error: RunError = { revision: first?.revision ?? "", direction: first?.direction ?? "upgrade", message, cause, op: null, opIndex: null, sql: VERSION_TABLE_DDL, rows: null, hint: null };
    return { ok: false, completed, error };
  }
  for (const step of steps) {
    emit({ type: "step-start", step });
    const error = runStep(db, step, emit, onSql);
    emit({ type: "step-end", step, ok: error === null });
    if (error) return { ok: false, completed, error };
    completed.push(step);
  }
  return { ok: true, completed, error: null };
}

/** As Alembic's _ensure_version_table: created, in its own transaction, the first time it is needed. */
function ensureVersionTable(db: Database, onSql: (sql: string, rows: number, ms: number) => void): void {
  if (hasVersionTable(db)) return;
  runStatement(db, "BEGIN", onSql);
  runStatement(db, VERSION_TABLE_DDL, onSql);
  runStatement(db, "COMMIT", onSql);
}

function runStep(db: Database, step: MigrationStep, emit: (e: RuntimeEvent) => void, onSql: (sql: string, rows: number, ms: number) => void): RunError | null {
  try {
    validateOps(step.ops);
  } catch (e) {
    return failure(step, e, null);
  }
  let foreignKeysWereOn = false;
  let began = false;
  try {
    // only around rebuilds: other revisions keep the user's pragma, so their cascades run as in Alembic
    foreignKeysWereOn = hasRebuild(step.ops) && readForeignKeys(db);
    if (foreignKeysWereOn) setForeignKeys(db, false);
    const before = foreignKeysWereOn ? foreignKeyViolations(db) : [];
    runStatement(db, "BEGIN", onSql);
    began = true;
    applyOps(db, step.ops, { onOp: (op, index) => emit({ type: "op", op, index }), onSql });
    for (const change of step.versionChanges) {
      runStatement(db, versionChangeSql(change), onSql);
      const found = db.changes();
      if (change.kind !== "insert" && found !== 1) throw new VersionError(versionMismatchMessage(change, found));
    }
    if (foreignKeysWereOn) checkForeignKeys(db, before);
    runStatement(db, "COMMIT", onSql);
    return null;
  } catch (e) {
    const error = failure(step, e, began ? db : null);
    if (began) rollback(db, onSql);
    return error;
  } finally {
    if (foreignKeysWereOn) setForeignKeys(db, true);
  }
}

const hasRebuild = (ops: readonly MigrateOp[]) => ops.some((op) => op.kind === "modify_table" && needsRecreate(op.ops));

function rollback(db: Database, onSql: (sql: string, rows: number, ms: number) => void): void {
  try {
    runStatement(db, "ROLLBACK", onSql);
  } catch {
    // SQLite already rolled back on its own (e.g. after SQLITE_FULL): nothing is left to undo
  }
}

class ForeignKeyError extends Error {
  constructor(
    message: string,
    readonly rows: QueryResult | null,
  ) {
    super(message);
  }
}

/** New violations only: rows that were orphans before the revision are not its fault. */
function checkForeignKeys(db: Database, before: readonly Violation[]): void {
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

function failure(step: MigrationStep, e: unknown, db: Database | null): RunError {
  const base = { revision: step.revision, direction: step.direction };
  const head = `${formatStepLine(step)} failed`;
  const rolledBack = db ? " The revision was rolled back: the database is exactly as it was before it." : " No SQL was run.";
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
