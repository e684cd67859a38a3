// Why a statement failed, in terms of the user's rows. Runs inside the failed revision's
// transaction, before the rollback, so the old table is still there to be queried: the rows that
// hold NULL for a new NOT NULL column, the duplicated values for a UNIQUE, the rows a CHECK refuses.

import type { Database, QueryResult } from "../db/database";
import type { MigrateOp } from "../ops/ops";
import { existingConstraintOrder, ident, liveSource, planRebuild, tempTableName, type RebuildPlan } from "../execute";

export interface Diagnosis {
  /** What went wrong, in the user's table and column names. */
  readonly detail: string;
  /** How to fix it. */
  readonly hint: string;
  readonly rows: QueryResult | null;
}

const LIMIT = 5;

interface Target {
  /** The user's table the failing rows live in. */
  readonly table: string;
  /** The batch plan when the failure was the copy into _alembic_tmp_<table>. */
  readonly plan: RebuildPlan | null;
}

function targetOf(db: Database, op: MigrateOp, sqliteTable: string): Target {
  if (op.kind === "modify_table" && sqliteTable === tempTableName(op.table)) {
    const source = liveSource(db);
    const table = source.table(op.table);
    const plan = table ? planRebuild(table, existingConstraintOrder(table, source.createSql(op.table)), op.ops) : null;
    return { table: op.table, plan };
  }
  return { table: sqliteTable, plan: null };
}

/** The old-table expression that feeds a column of the new table; null for a column with no source. */
function valueOf(target: Target, column: string): string | null {
  if (!target.plan) return `${ident(target.table)}.${ident(column)}`;
  const at = target.plan.insertColumns.indexOf(column);
  return at < 0 ? null : target.plan.valueExprs[at]!;
}

function tryQuery(db: Database, sql: string): QueryResult | null {
  try {
    const result = db.query(sql);
    return result.rows.length > 0 ? result : null;
  } catch {
    return null;
  }
}

function notNull(db: Database, target: Target, column: string): Diagnosis {
  const expr = valueOf(target, column);
  const from = ident(target.table);
  if (expr === null) {
    return {
      detail: `the new NOT NULL column '${target.table}.${column}' has no value for the ${countRows(db, target.table)} existing row(s) and no server default`,
      hint: `Give the column a serverDefault, or add it nullable, fill it with op.execute("UPDATE ${target.table} SET ${column} = …"), then make it NOT NULL in a later batch block.`,
      rows: tryQuery(db, `SELECT rowid AS "rowid", * FROM ${from} LIMIT ${LIMIT}`),
    };
  }
  return {
    detail: `column '${target.table}.${column}' becomes NOT NULL but some rows hold NULL`,
    hint: `Fill those rows first, e.g. op.execute("UPDATE ${target.table} SET ${column} = … WHERE ${column} IS NULL") before the batch block, or keep the column nullable.`,
    rows: tryQuery(db, `SELECT rowid AS "rowid", * FROM ${from} WHERE ${expr} IS NULL LIMIT ${LIMIT}`),
  };
}

function unique(db: Database, target: Target, columns: readonly string[]): Diagnosis {
  // a column the block adds holds its server default in every row
  const defaultOf = (c: string) => target.plan?.table.columns.find((col) => col.name === c)?.serverDefault ?? null;
  const exprs = columns.map((c) => valueOf(target, c) ?? defaultOf(c) ?? "NULL");
  const select = exprs.map((e, i) => `${e} AS ${ident(columns[i]!)}`).join(", ");
  const names = columns.join(", ");
  return {
    detail: `the values of ${target.table}(${names}) must be unique but some are repeated`,
    hint: `Remove or change the duplicated rows (or drop the unique constraint or index on ${target.table}(${names})), then run the migration again.`,
    rows: tryQuery(db, `SELECT ${select}, COUNT(*) AS count FROM ${ident(target.table)} GROUP BY ${exprs.join(", ")} HAVING COUNT(*) > 1 LIMIT ${LIMIT}`),
  };
}

function check(db: Database, target: Target, nameOrExpr: string): Diagnosis {
  const found = target.plan?.table.checkConstraints.find((c) => c.name === nameOrExpr || c.sqltext === nameOrExpr);
  const expr = found?.sqltext ?? nameOrExpr;
  return {
    detail: `rows of ${target.table} do not satisfy CHECK (${expr})`,
    hint: `Change those rows so that ${expr} holds, or change the check constraint, then run the migration again.`,
    rows: tryQuery(db, `SELECT rowid AS "rowid", * FROM ${ident(target.table)} WHERE NOT (${expr}) LIMIT ${LIMIT}`),
  };
}

function countRows(db: Database, table: string): number {
  return Number(tryQuery(db, `SELECT COUNT(*) FROM ${ident(table)}`)?.rows[0]?.[0] ?? 0);
}

/** Reads a SQLite error and the rows behind it; null when the message is not one it knows. */
export function diagnose(db: Database, op: MigrateOp, message: string): Diagnosis | null {
  let m = /NOT NULL constraint failed: ([^.\s]+)\.(\S+)/.exec(message);
  if (m) return notNull(db, targetOf(db, op, m[1]!), m[2]!);
  m = /UNIQUE constraint failed: (.+)$/.exec(message);
  if (m) {
    const parts = m[1]!.split(", ").map((p) => p.split("."));
    return unique(db, targetOf(db, op, parts[0]![0]!), parts.map((p) => p.slice(1).join(".")));
  }
  m = /CHECK constraint failed: (.+)$/.exec(message);
  if (m) {
    const table = op.kind === "modify_table" ? tempTableName(op.table) : "table" in op && typeof op.table === "string" ? op.table : "";
    return check(db, targetOf(db, op, table), m[1]!.trim());
  }
  if (op.kind === "drop_column" && /cannot drop|after drop column/i.test(message)) {
    return {
      detail: `SQLite's ALTER TABLE DROP COLUMN cannot drop '${op.table}.${op.column}' while an index, a key or a constraint uses it`,
      hint: `Drop it inside op.batchAlterTable('${op.table}', (batchOp) => batchOp.dropColumn('${op.column}')), which moves and copies the table, or drop the index or constraint first.`,
      rows: null,
    };
  }
  if (/Cannot add a NOT NULL column with default value NULL/i.test(message) && op.kind !== "execute") {
    return {
      detail: "SQLite cannot add a NOT NULL column without a default value",
      hint: "Give the new column a serverDefault, or add it nullable and make it NOT NULL later in a batch block.",
      rows: null,
    };
  }
  return null;
}

/** `rowid=2 (id=2, name=NULL); rowid=5 (…)`: a few rows as text, for the error message. */
export function formatRows(rows: QueryResult): string {
  const show = (v: unknown) => (v === null ? "NULL" : v instanceof Uint8Array ? `<${v.length} bytes>` : typeof v === "string" ? `'${v}'` : String(v));
  return rows.rows.map((row) => row.map((v, i) => `${rows.columns[i]}=${show(v)}`).join(", ")).map((r) => `(${r})`).join("; ");
}
