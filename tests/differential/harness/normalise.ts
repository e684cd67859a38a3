// The one normaliser of the differential tests: everything a user can observe of a SQLite file,
// as plain JSON. Flask's app.db (when the oracle records it) and Retort's app.db (when a test
// compares with the recording) both go through this module, read by sql.js, so that a
// difference in the JSON is a difference in the files and never one of two readers.
//
// A missing or empty file is an empty database: Flask-SQLAlchemy creates a zero-byte app.db on
// its first connection while Retort writes the file only when a command changed it, and the two
// mean the same to a user (no tables).
import { existsSync, readFileSync, statSync } from "node:fs";
import { openSqlJs } from "../../../src/engine/db/sqljs";
import { quoteId, type Database, type SqlValue } from "../../../src/engine/index";

export type SnapshotValue = number | string | null | { real: string } | { blob: string } | { integer: string };

export interface SnapshotObject {
  readonly type: string;
  readonly name: string;
  readonly tbl_name: string;
  readonly sql: string | null;
}

export interface SnapshotIndex {
  readonly name: string;
  readonly unique: number;
  readonly origin: string;
  readonly columns: readonly (string | null)[];
}

export interface SnapshotTable {
  readonly columns: readonly Record<string, SqlValue>[];
  readonly indexes: readonly SnapshotIndex[];
  readonly foreignKeys: readonly Record<string, unknown>[];
  readonly constraintNames: readonly string[];
  readonly checks: readonly string[];
  readonly rows: readonly (readonly SnapshotValue[])[];
}

export interface Snapshot {
  readonly objects: readonly SnapshotObject[];
  readonly tables: Readonly<Record<string, SnapshotTable>>;
  readonly alembic_version: readonly string[] | null;
}

export const EMPTY_SNAPSHOT: Snapshot = { objects: [], tables: {}, alembic_version: null };

const CONSTRAINT_NAME = /\bCONSTRAINT\s+("(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|[^\s(]+)/gi;
const CHECK_START = /\bCHECK\s*\(/gi;
const TABLE_CONSTRAINT = /^(CONSTRAINT\s|PRIMARY KEY|UNIQUE\s*\(|FOREIGN KEY|CHECK\s*\()/i;
// SQLAlchemy writes one item a line, joined by ", \n\t" (sqlalchemy/sql/compiler.py, visit_create_table).
const ITEM_SEPARATOR = ", \n\t";

/** Code-point order, as Python's sorted() on strings. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The CREATE TABLE text, whitespace untouched, with its table constraints in sorted order.
 *
 * Alembic's batch "move and copy" rebuilds the table from `Table.constraints`, a Python set
 * (alembic/operations/batch.py, ApplyBatchImpl.__init__), so the order of the constraint clauses
 * of a rebuilt table changes from run to run (hash randomisation): two runs of Flask-Migrate
 * itself differ. Only that order is loosened; the columns, their order and every character of
 * each clause are still compared exactly.
 */
export function canonicalCreateTable(sql: string | null): string | null {
  if (!sql) return sql;
  const start = sql.indexOf("(\n\t");
  const end = sql.lastIndexOf("\n)");
  if (start < 0 || end < start) return sql;
  const items = sql.slice(start + 3, end).split(ITEM_SEPARATOR);
  let first = items.findIndex((item) => TABLE_CONSTRAINT.test(item));
  if (first < 0) first = items.length;
  const ordered = [...items.slice(0, first), ...items.slice(first).sort(byCodePoint)];
  return sql.slice(0, start + 3) + ordered.join(ITEM_SEPARATOR) + sql.slice(end);
}

/** The text inside the parentheses that open at text[start - 1]. */
function balanced(text: string, start: number): string {
  let depth = 1;
  let i = start;
  let quote: string | null = null;
  while (i < text.length && depth > 0) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    i++;
  }
  return text.slice(start, i - 1);
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

// JSON has one number type: integers and reals are kept apart, blobs made readable, and an
// integer beyond 2^53 kept exact as text (it is read as text for that reason).
function toSnapshotValue(type: SqlValue, value: SqlValue): SnapshotValue {
  if (value instanceof Uint8Array) return { blob: hex(value) };
  if (type === "integer") {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : { integer: String(value) };
  }
  if (type === "real") return { real: Number.isInteger(value) ? (value as number).toFixed(1) : String(value) };
  return value;
}

function tableRows(db: Database, name: string, columnNames: readonly string[], withoutRowid: boolean): SnapshotValue[][] {
  if (columnNames.length === 0) return [];
  const cells = columnNames.flatMap((c) => {
    const q = quoteId(c);
    return [`typeof(${q})`, `CASE typeof(${q}) WHEN 'integer' THEN CAST(${q} AS TEXT) ELSE ${q} END`];
  });
  const { rows } = db.query(`SELECT ${cells.join(", ")} FROM ${quoteId(name)} ORDER BY ${withoutRowid ? "1" : "rowid"}`);
  return rows.map((row) => columnNames.map((_c, i) => toSnapshotValue(row[2 * i]!, row[2 * i + 1]!)));
}

function compareLists(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = byCodePoint(String(a[i]), String(b[i]));
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function foreignKeys(db: Database, name: string): Record<string, unknown>[] {
  const byId = new Map<SqlValue, { table: SqlValue; from: SqlValue[]; to: SqlValue[]; on_update: SqlValue; on_delete: SqlValue }>();
  // id, seq, table, from, to, on_update, on_delete, match (sqlite.org/pragma.html#pragma_foreign_key_list)
  for (const r of db.query(`PRAGMA foreign_key_list(${quoteId(name)})`).rows) {
    const fk = byId.get(r[0]!) ?? { table: r[2]!, from: [], to: [], on_update: r[5]!, on_delete: r[6]! };
    byId.set(r[0]!, fk);
    fk.from.push(r[3]!);
    fk.to.push(r[4]!);
  }
  return [...byId.values()].sort((a, b) => byCodePoint(String(a.table), String(b.table)) || compareLists(a.from, b.from));
}

function tableInfo(db: Database, name: string, sql: string): SnapshotTable {
  const q = quoteId(name);
  // cid, name, type, notnull, dflt_value, pk, hidden
  const columnRows = db.query(`PRAGMA table_xinfo(${q})`).rows;
  const columns = columnRows.map((r) => ({ name: r[1]!, type: r[2]!, notnull: r[3]!, default: r[4]!, pk: r[5]! }));
  const indexes = db
    .query(`PRAGMA index_list(${q})`)
    .rows.map((r) => ({
      name: String(r[1]),
      unique: Number(r[2]),
      origin: String(r[3]),
      columns: db.query(`PRAGMA index_info(${quoteId(String(r[1]))})`).rows.map((c) => (c[2] === null ? null : String(c[2]))),
    }))
    .sort((a, b) => byCodePoint(a.name, b.name));
  const withoutRowid = /\)\s*WITHOUT\s+ROWID\s*$/i.test(sql);
  const rows = tableRows(db, name, columnRows.map((r) => String(r[1])), withoutRowid);
  // A set to Alembic: after `upgrade heads` its row order follows the order in which the branches
  // ran, which Alembic takes from os.listdir (alembic/script/base.py, _list_py_dir).
  if (name === "alembic_version") rows.sort((a, b) => byCodePoint(JSON.stringify(a), JSON.stringify(b)));
  return {
    columns,
    indexes,
    foreignKeys: foreignKeys(db, name),
    // Sorted for the reason given in canonicalCreateTable.
    constraintNames: [...sql.matchAll(CONSTRAINT_NAME)].map((m) => m[1]!).sort(byCodePoint),
    checks: [...sql.matchAll(CHECK_START)].map((m) => balanced(sql, m.index + m[0].length)).sort(byCodePoint),
    rows,
  };
}

/** What a user can observe of a database, given as the bytes of its file. */
export async function normaliseBytes(bytes: Uint8Array): Promise<Snapshot> {
  if (bytes.length === 0) return EMPTY_SNAPSHOT;
  const db = await openSqlJs(bytes);
  try {
    // sqlite_master order is creation order, which differs harmlessly between two tools that
    // rebuild tables in a different sequence: compare by (type, name). The SQL text is compared
    // whitespace-exact: it is what `.schema` shows users.
    const objects = db
      .query("SELECT type, name, tbl_name, sql FROM sqlite_master")
      .rows.map(([type, name, tblName, sql]) => ({
        type: String(type),
        name: String(name),
        tbl_name: String(tblName),
        sql: type === "table" ? canonicalCreateTable(sql as string | null) : (sql as string | null),
      }))
      .sort((a, b) => byCodePoint(a.type, b.type) || byCodePoint(a.name, b.name));
    const tables: Record<string, SnapshotTable> = {};
    for (const o of objects) if (o.type === "table") tables[o.name] = tableInfo(db, o.name, rawSql(db, o.name));
    const version = "alembic_version" in tables
      ? db.query("SELECT version_num FROM alembic_version").rows.map((r) => String(r[0])).sort(byCodePoint)
      : null;
    return { objects, tables, alembic_version: version };
  } finally {
    db.close();
  }
}

function rawSql(db: Database, table: string): string {
  const row = db.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).rows[0];
  return (row?.[0] as string | null) ?? "";
}

/** The snapshot of `path`; a missing file is an empty database. */
export async function normaliseFile(path: string): Promise<Snapshot> {
  if (!existsSync(path) || statSync(path).size === 0) return EMPTY_SNAPSHOT;
  return normaliseBytes(readFileSync(path));
}
