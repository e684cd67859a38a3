// The row counts behind Retort's warnings, taken on the database's actual rows. Read-only: every
// statement is a SELECT, and every identifier goes through quoteId.

import type { Database, SqlValue } from "../db/database";
import { quoteId } from "../db/database";
import type { SqlType } from "../schema/types";
import { toDdl } from "../schema/types";
import { readsTable } from "../schema/sql-text";

function scalar(db: Database, sql: string): SqlValue {
  return db.query(sql).rows[0]?.[0] ?? null;
}

const count = (db: Database, sql: string): number => Number(scalar(db, sql) ?? 0);

export function rowCount(db: Database, table: string): number {
  return count(db, `SELECT count(*) FROM ${quoteId(table)}`);
}

/**
 * The triggers on `table`, and the views whose SQL names it (sql-text.ts readsTable, as adopt's
 * notes find them).
 */
export interface SchemaObject {
  readonly name: string;
  /** Its CREATE statement, as sqlite_master keeps it. */
  readonly sql: string;
}

export function viewsAndTriggers(db: Database, table: string): { readonly triggers: SchemaObject[]; readonly views: SchemaObject[] } {
  const rows = db.query("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name").rows;
  const object = (r: readonly SqlValue[]): SchemaObject => ({ name: String(r[1]), sql: String(r[3] ?? "") });
  const triggers = rows.filter((r) => r[0] === "trigger" && String(r[2]).toLowerCase() === table.toLowerCase()).map(object);
  const views = rows.filter((r) => r[0] === "view" && readsTable(String(r[3] ?? ""), table)).map(object);
  return { triggers, views };
}

export function nonNullCount(db: Database, table: string, column: string): number {
  return count(db, `SELECT count(${quoteId(column)}) FROM ${quoteId(table)}`);
}

export function nullCount(db: Database, table: string, column: string): number {
  return count(db, `SELECT count(*) FROM ${quoteId(table)} WHERE ${quoteId(column)} IS NULL`);
}

/**
 * Groups of rows that share the same values in `columns`, and how many rows they hold. Rows with a
 * NULL in any of the columns never collide: SQLite's UNIQUE treats NULLs as distinct.
 */
export function duplicateGroups(db: Database, table: string, columns: readonly string[]): { groups: number; rows: number } {
  const cols = columns.map(quoteId);
  const where = cols.map((c) => `${c} IS NOT NULL`).join(" AND ");
  const { rows } = db.query(
    `SELECT count(*), coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM ${quoteId(table)} WHERE ${where} GROUP BY ${cols.join(", ")} HAVING count(*) > 1)`,
  );
  return { groups: Number(rows[0]?.[0] ?? 0), rows: Number(rows[0]?.[1] ?? 0) };
}

// SQLAlchemy's _type_affinity of each type name: Alembic's batch copy CASTs a column only when
// this changes (alembic/ddl/sqlite.py cast_for_batch_migrate), and never to JSON.
const SQLALCHEMY_AFFINITY: Readonly<Record<string, string>> = {
  ...Object.fromEntries(["String", "Unicode", "Text", "UnicodeText", "Enum", "VARCHAR", "CHAR", "NVARCHAR", "NCHAR", "TEXT"].map((n) => [n, "String"])),
  ...Object.fromEntries(["Integer", "BigInteger", "SmallInteger", "INTEGER", "BIGINT", "SMALLINT"].map((n) => [n, "Integer"])),
  ...Object.fromEntries(["Numeric", "Float", "NUMERIC", "DECIMAL", "FLOAT", "REAL", "DOUBLE"].map((n) => [n, "Numeric"])),
  ...Object.fromEntries(["Boolean", "BOOLEAN", "BOOL"].map((n) => [n, "Boolean"])),
  ...Object.fromEntries(["DateTime", "DATETIME", "TIMESTAMP"].map((n) => [n, "DateTime"])),
  ...Object.fromEntries(["Date", "DATE"].map((n) => [n, "Date"])),
  ...Object.fromEntries(["Time", "TIME"].map((n) => [n, "Time"])),
  ...Object.fromEntries(["LargeBinary", "BLOB"].map((n) => [n, "Binary"])),
};

const affinityOf = (type: SqlType) => SQLALCHEMY_AFFINITY[type.name] ?? type.name;

export function isCastOnCopy(from: SqlType, to: SqlType): boolean {
  return affinityOf(from) !== affinityOf(to) && affinityOf(to) !== "JSON";
}

/**
 * Values that the batch copy's CAST changes: 'abc' and '1.5' going to INTEGER, '2024-01-01'
 * going to DATETIME (NUMERIC affinity makes it 2024). The comparison runs with the old column's
 * affinity, so '12' -> 12 counts as kept, as SQLite compares them equal.
 */
export function changedByCast(db: Database, table: string, column: string, to: SqlType): { count: number; example: SqlValue } {
  const c = quoteId(column);
  const where = `${c} IS NOT NULL AND CAST(${c} AS ${toDdl(to)}) IS NOT ${c}`;
  const n = count(db, `SELECT count(*) FROM ${quoteId(table)} WHERE ${where}`);
  const example = n > 0 ? scalar(db, `SELECT ${c} FROM ${quoteId(table)} WHERE ${where} LIMIT 1`) : null;
  return { count: n, example };
}

/** Rows whose value is not one of `values` (an Enum that changed its values). */
export function valuesOutside(db: Database, table: string, column: string, values: readonly string[]): { count: number; examples: string[] } {
  const c = quoteId(column);
  const list = values.map(() => "?").join(", ");
  const where = `${c} IS NOT NULL${values.length > 0 ? ` AND ${c} NOT IN (${list})` : ""}`;
  const n = Number(db.query(`SELECT count(*) FROM ${quoteId(table)} WHERE ${where}`, values).rows[0]?.[0] ?? 0);
  const examples = db
    .query(`SELECT DISTINCT ${c} FROM ${quoteId(table)} WHERE ${where} LIMIT 3`, values)
    .rows.map((r) => String(r[0]));
  return { count: n, examples };
}
