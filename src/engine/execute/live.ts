// Running ops against a live database: each op's statements are computed from the database as it
// is just before the op (reflection), then run one by one, each reported to the caller.

import type { Database } from "../db/database";
import type { MigrateOp } from "../ops/ops";
import { reflectTable } from "../reflect";
import { ExecuteError } from "./errors";
import { toSqlStatements, validateBatchNames, type TableSource } from "./statements";

export interface OpHooks {
  readonly onOp?: (op: MigrateOp, index: number) => void;
  readonly onSql?: (sql: string, rowsChanged: number, durationMs: number) => void;
}

/** A statement that SQLite refused, with the op it belongs to. */
export class StatementError extends Error {
  constructor(
    readonly op: MigrateOp,
    readonly opIndex: number,
    readonly sql: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "StatementError";
  }
}

export function liveSource(db: Database): TableSource {
  return {
    table: (name) => reflectTable(db, name),
    createSql: (name) => {
      const { rows } = db.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [name]);
      const sql = rows[0]?.[0];
      return typeof sql === "string" ? sql : null;
    },
  };
}

/**
 * The checks that need no database: ops Alembic cannot run on SQLite outside a batch block, and
 * unnamed constraints in batch blocks. Run on a whole revision before its first statement.
 */
export function validateOps(ops: readonly MigrateOp[]): void {
  for (const op of ops) {
    switch (op.kind) {
      case "modify_table":
        validateBatchNames(op);
        break;
      case "alter_column":
      case "create_unique_constraint":
      case "create_foreign_key":
      case "create_check_constraint":
      case "drop_constraint":
        toSqlStatements(op, { table: () => undefined, createSql: () => null });
        break;
      case "add_column":
        if ((op.foreignKeys?.length ?? 0) > 0) toSqlStatements(op, { table: () => undefined, createSql: () => null });
        break;
      default:
        break;
    }
  }
}

const WRITES = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;

/** Runs one statement and reports it; rowsChanged is 0 for statements that write no rows. */
export function runStatement(db: Database, sql: string, onSql?: OpHooks["onSql"]): void {
  const started = performance.now();
  db.exec(sql);
  const rowsChanged = WRITES.test(sql) ? db.changes() : 0;
  onSql?.(sql, rowsChanged, performance.now() - started);
}

/** The statements of one op, computed from the database as it is now (just before the op runs). */
export function opStatements(db: Database, op: MigrateOp): string[] {
  return toSqlStatements(op, liveSource(db));
}

/** Runs one statement of an op; SQLite's refusal becomes a StatementError that names the op. */
export function runOpStatement(db: Database, op: MigrateOp, opIndex: number, sql: string, onSql?: OpHooks["onSql"]): void {
  try {
    runStatement(db, sql, onSql);
  } catch (cause) {
    if (cause instanceof ExecuteError) throw cause;
    throw new StatementError(op, opIndex, sql, cause);
  }
}

/** Runs the ops in order; throws ExecuteError (before SQL) or StatementError (SQLite refused one). */
export function applyOps(db: Database, ops: readonly MigrateOp[], hooks: OpHooks = {}): void {
  ops.forEach((op, index) => {
    hooks.onOp?.(op, index);
    for (const sql of opStatements(db, op)) runOpStatement(db, op, index, sql, hooks.onSql);
  });
}
