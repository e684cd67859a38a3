// Typed rows of the PRAGMAs that SQLAlchemy 1.4's SQLite dialect reads
// (sqlalchemy/dialects/sqlite/base.py `_get_table_pragma`). Every table name is quoted, so that
// tables named `order`, `select` or `my "table"` work.

import { quoteId, queryObjects, type Database, type SqlValue } from "../db/database";

/** https://www.sqlite.org/pragma.html#pragma_table_xinfo */
export interface TableXinfoRow {
  readonly cid: number;
  readonly name: string;
  /** The declared type, as typed in the DDL ("" when there is none). */
  readonly type: string;
  readonly notnull: number;
  /** The DEFAULT expression's SQL text, or null. */
  readonly dflt_value: string | null;
  /** 0, or the 1-based position of the column in the primary key. */
  readonly pk: number;
  /** 0 normal, 1 hidden (virtual tables), 2 virtual generated, 3 stored generated. */
  readonly hidden: number;
}

/** https://www.sqlite.org/pragma.html#pragma_index_list */
export interface IndexListRow {
  readonly seq: number;
  readonly name: string;
  readonly unique: number;
  /** "c" CREATE INDEX, "u" UNIQUE constraint, "pk" PRIMARY KEY. */
  readonly origin: string;
  readonly partial: number;
}

/** https://www.sqlite.org/pragma.html#pragma_index_info */
export interface IndexInfoRow {
  readonly seqno: number;
  readonly cid: number;
  /** null for an expression. */
  readonly name: string | null;
}

/** https://www.sqlite.org/pragma.html#pragma_foreign_key_list */
export interface ForeignKeyListRow {
  readonly id: number;
  readonly seq: number;
  readonly table: string;
  readonly from: string;
  /** null when the REFERENCES clause names no column (the referred primary key is meant). */
  readonly to: string | null;
  readonly on_update: string;
  readonly on_delete: string;
  readonly match: string;
}

const str = (v: SqlValue | undefined): string => (v === null || v === undefined ? "" : String(v));
const strOrNull = (v: SqlValue | undefined): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: SqlValue | undefined): number => Number(v ?? 0);

// As base.py `_get_table_pragma`: `PRAGMA main.<pragma>("<table>")`.
function pragma(db: Database, name: string, arg: string): Record<string, SqlValue>[] {
  return queryObjects(db, `PRAGMA main.${name}(${quoteId(arg)})`);
}

export function tableXinfo(db: Database, table: string): TableXinfoRow[] {
  return pragma(db, "table_xinfo", table).map((r) => ({
    cid: num(r.cid),
    name: str(r.name),
    type: str(r.type),
    notnull: num(r.notnull),
    dflt_value: strOrNull(r.dflt_value),
    pk: num(r.pk),
    hidden: num(r.hidden),
  }));
}

export function indexList(db: Database, table: string): IndexListRow[] {
  return pragma(db, "index_list", table).map((r) => ({
    seq: num(r.seq),
    name: str(r.name),
    unique: num(r.unique),
    origin: str(r.origin),
    partial: num(r.partial),
  }));
}

export function indexInfo(db: Database, index: string): IndexInfoRow[] {
  return pragma(db, "index_info", index).map((r) => ({ seqno: num(r.seqno), cid: num(r.cid), name: strOrNull(r.name) }));
}

export function foreignKeyList(db: Database, table: string): ForeignKeyListRow[] {
  return pragma(db, "foreign_key_list", table).map((r) => ({
    id: num(r.id),
    seq: num(r.seq),
    table: str(r.table),
    from: str(r.from),
    to: strOrNull(r.to),
    on_update: str(r.on_update),
    on_delete: str(r.on_delete),
    match: str(r.match),
  }));
}

/** The CREATE statement SQLite keeps for a table, or null (base.py `_get_table_sql`). */
export function tableSql(db: Database, table: string): string | null {
  const { rows } = db.query("SELECT sql FROM sqlite_master WHERE name = ? AND type = 'table'", [table]);
  const sql = rows[0]?.[0];
  return typeof sql === "string" ? sql : null;
}

/** User tables in sqlite_master order, without SQLite's own (`sqlite_%`) tables. */
export function tableNames(db: Database): string[] {
  const { rows } = db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid");
  return rows.map((r) => str(r[0]));
}
