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

function perTable(db: Database, select: string, from: string, only: string | undefined, orderBy: string): Map<string, Record<string, SqlValue>[]> {
  const where = only === undefined ? USER_TABLES : `${USER_TABLES} AND m.name = ?`;
  const rows = queryObjects(db, `SELECT m.name AS "$table", ${select} FROM sqlite_master AS m, ${from} WHERE ${where} ORDER BY m.rowid, ${orderBy}`, only === undefined ? [] : [only]);
  const byTable = new Map<string, Record<string, SqlValue>[]>();
  for (const row of rows) {
    const table = str(row.$table);
    byTable.set(table, [...(byTable.get(table) ?? []), row]);
  }
  return byTable;
}

const mapValues = <A, B>(m: Map<string, A[]>, f: (a: A) => B): Map<string, B[]> => new Map([...m].map(([k, v]) => [k, v.map(f)]));

/** User tables (no `sqlite_%`) with their CREATE TABLE text, in sqlite_master order; or just `only`. */
export function userTables(db: Database, only?: string): { name: string; sql: string }[] {
  const where = only === undefined ? USER_TABLES : `${USER_TABLES} AND m.name = ?`;
  const { rows } = db.query(`SELECT m.name, m.sql FROM sqlite_master AS m WHERE ${where} ORDER BY m.rowid`, only === undefined ? [] : [only]);
  return rows.map((r) => ({ name: str(r[0]), sql: str(r[1]) }));
}

export function tableXinfo(db: Database, only?: string): Map<string, TableXinfoRow[]> {
  const rows = perTable(db, "p.*", "pragma_table_xinfo(m.name, 'main') AS p", only, "p.cid");
  return mapValues(rows, (r) => ({
    cid: num(r.cid),
    name: str(r.name),
    type: str(r.type),
    notnull: num(r.notnull),
    dflt_value: strOrNull(r.dflt_value),
    pk: num(r.pk),
    hidden: num(r.hidden),
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
  for (const [table, rows] of perTable(db, select, from, only, "il.seq, ii.seqno")) {
    const byIndex = new Map<string, IndexRows>();
    for (const r of rows) {
      const name = str(r.il_name);
      let entry = byIndex.get(name);
      if (!entry) {
        const list = { seq: num(r.il_seq), name, unique: num(r.il_unique), origin: str(r.il_origin), partial: num(r.il_partial) };
        entry = { list, info: [] };
        byIndex.set(name, entry);
      }
      entry.info.push({ seqno: num(r.seqno), cid: num(r.cid), name: strOrNull(r.name) });
    }
    result.set(table, [...byIndex.values()]);
  }
  return result;
}

export function foreignKeyList(db: Database, only?: string): Map<string, ForeignKeyListRow[]> {
  const rows = perTable(db, "f.*", "pragma_foreign_key_list(m.name, 'main') AS f", only, "f.id, f.seq");
  return mapValues(rows, (r) => ({
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

/** The primary key columns of any table, in key order (for a foreign key that names no column). */
export function primaryKeyColumns(db: Database, table: string): string[] {
  const rows = queryObjects(db, `PRAGMA main.table_xinfo(${quoteId(table)})`);
  return rows
    .filter((r) => num(r.pk) > 0)
    .sort((a, b) => num(a.pk) - num(b.pk))
    .map((r) => str(r.name));
}
