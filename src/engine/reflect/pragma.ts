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

// The PRAGMAs are read through their table-valued functions (https://www.sqlite.org/pragma.html#pragfunc),
// joined to sqlite_master, so that a whole schema takes four queries instead of several per table.
// Like base.py `_get_table_pragma`, they look in the "main" schema.
const USER_TABLES = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

/** Reads one query row's columns by name, without building an object per row. */
type Row = (column: string) => SqlValue | undefined;

// Rows are grouped by table straight from the result arrays: objects per row (queryObjects) and
// re-spread arrays cost more than the PRAGMA queries themselves on a few hundred tables.
function perTable<T>(db: Database, select: string, from: string, only: string | undefined, orderBy: string, build: (row: Row) => T): Map<string, T[]> {
  const where = only === undefined ? USER_TABLES : `${USER_TABLES} AND m.name = ?`;
  const sql = `SELECT m.name AS "$table", ${select} FROM sqlite_master AS m, ${from} WHERE ${where} ORDER BY m.rowid, ${orderBy}`;
  const { columns, rows } = db.query(sql, only === undefined ? [] : [only]);
  const position = new Map(columns.map((c, i) => [c, i]));
  const byTable = new Map<string, T[]>();
  for (const values of rows) {
    const table = str(values[0]);
    let list = byTable.get(table);
    if (!list) byTable.set(table, (list = []));
    list.push(build((column) => values[position.get(column) ?? -1]));
  }
  return byTable;
}

/** User tables (no `sqlite_%`) with their CREATE TABLE text, in sqlite_master order; or just `only`. */
export function userTables(db: Database, only?: string): { name: string; sql: string }[] {
  const where = only === undefined ? USER_TABLES : `${USER_TABLES} AND m.name = ?`;
  const { rows } = db.query(`SELECT m.name, m.sql FROM sqlite_master AS m WHERE ${where} ORDER BY m.rowid`, only === undefined ? [] : [only]);
  return rows.map((r) => ({ name: str(r[0]), sql: str(r[1]) }));
}

export function tableXinfo(db: Database, only?: string): Map<string, TableXinfoRow[]> {
  return perTable(db, "p.*", "pragma_table_xinfo(m.name, 'main') AS p", only, "p.cid", (r) => ({
    cid: num(r("cid")),
    name: str(r("name")),
    type: str(r("type")),
    notnull: num(r("notnull")),
    dflt_value: strOrNull(r("dflt_value")),
    pk: num(r("pk")),
    hidden: num(r("hidden")),
  }));
}

export interface IndexRows {
  readonly list: IndexListRow;
  readonly info: IndexInfoRow[];
}

/** index_list joined to index_info: each index of each table with its columns. */
export function indexes(db: Database, only?: string): Map<string, IndexRows[]> {
  const select = 'il.seq AS il_seq, il.name AS il_name, il."unique" AS il_unique, il.origin AS il_origin, il.partial AS il_partial, ii.seqno, ii.cid, ii.name';
  const from = "pragma_index_list(m.name, 'main') AS il, pragma_index_info(il.name, 'main') AS ii";
  const result = new Map<string, IndexRows[]>();
  const joined = (r: Row) => ({
    list: { seq: num(r("il_seq")), name: str(r("il_name")), unique: num(r("il_unique")), origin: str(r("il_origin")), partial: num(r("il_partial")) },
    info: { seqno: num(r("seqno")), cid: num(r("cid")), name: strOrNull(r("name")) },
  });
  for (const [table, rows] of perTable(db, select, from, only, "il.seq, ii.seqno", joined)) {
    const byIndex = new Map<string, IndexRows>();
    for (const { list, info } of rows) {
      let entry = byIndex.get(list.name);
      if (!entry) byIndex.set(list.name, (entry = { list, info: [] }));
      entry.info.push(info);
    }
    result.set(table, [...byIndex.values()]);
  }
  return result;
}

export function foreignKeyList(db: Database, only?: string): Map<string, ForeignKeyListRow[]> {
  return perTable(db, "f.*", "pragma_foreign_key_list(m.name, 'main') AS f", only, "f.id, f.seq", (r) => ({
    id: num(r("id")),
    seq: num(r("seq")),
    table: str(r("table")),
    from: str(r("from")),
    to: strOrNull(r("to")),
    on_update: str(r("on_update")),
    on_delete: str(r("on_delete")),
    match: str(r("match")),
  }));
}

/** The primary key columns of any table, in key order (for a foreign key that names no column). */
export function primaryKeyColumns(db: Database, table: string): string[] {
  const rows = queryObjects(db, `PRAGMA main.table_xinfo(${quoteId(table)})`);
  return rows
    .filter((r) => num(r.pk) > 0)
    .sort((a, b) => num(a.pk) - num(b.pk))
    .map((r) => str(r.name));
}
