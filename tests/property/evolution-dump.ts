// A normalised dump of a SQLite database's schema, to compare the schema before an upgrade with
// the schema after the downgrade that undoes it.
import { openTestDatabase } from "../binding";
import { quoteId, type Database, type SqlValue } from "../../src/engine/db/database";
import type { TableRows } from "./evolution-rows";

export interface SchemaDump {
  master: string[];
  tables: Record<string, { columns: unknown[]; indexes: unknown[]; foreignKeys: unknown[] }>;
  versions: SqlValue[];
}

/**
 * The CREATE text without the one difference a batch rebuild brings that changes nothing SQLite
 * keeps: SQLite's `ALTER TABLE _alembic_tmp_x RENAME TO x` (the last step of Alembic's move and
 * copy) rewrites the name in the stored text as `"x"`, quoted, where SQLAlchemy's CREATE TABLE
 * wrote x bare. And the order of the column and constraint clauses: a column that the upgrade
 * dropped comes back in the downgrade through `batch_op.add_column`, which Alembic runs as SQLite's
 * ALTER TABLE ADD COLUMN (alembic/ddl/sqlite.py: no rebuild needed), appending it last, as the real
 * tool does. So the clauses are compared as a sorted list; each clause as written (names, types,
 * NOT NULL, defaults, constraint names), with runs of whitespace collapsed. Both checked with the
 * real tool: after `flask db downgrade` of a dropped column b of t(id, b, c), sqlite_master holds
 * `CREATE TABLE "t" (id INTEGER NOT NULL, c INTEGER, b VARCHAR(10), PRIMARY KEY (id))`.
 */
export function normaliseSql(sql: string | null): string {
  const text = (sql ?? "")
    .replace(/^CREATE TABLE "((?:[^"]|"")+)"/, (_, name: string) => `CREATE TABLE ${name.replace(/""/g, '"')}`)
    .replace(/\s+/g, " ")
    .replace(/\( /g, "(")
    .replace(/ \)/g, ")")
    .trim();
  const open = text.indexOf("(");
  if (!text.startsWith("CREATE TABLE") || open < 0 || !text.endsWith(")")) return text;
  return `${text.slice(0, open)}(${splitClauses(text.slice(open + 1, -1)).sort().join(", ")})`;
}

/** The top-level comma-separated clauses of a CREATE TABLE body (not inside parens or quotes). */
function splitClauses(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quote !== null) { if (ch === quote) quote = null; continue; }
    if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) { out.push(body.slice(start, i).trim()); start = i + 1; }
  }
  out.push(body.slice(start).trim());
  return out;
}

const all = (db: Database, sql: string) => db.query(sql).rows.map((r) => [...r]);

function tableDump(db: Database, table: string) {
  const q = quoteId(table).replace(/'/g, "''");
  // cid is the column's position: compared by name instead (see normaliseSql on column order).
  const columns = all(db, `SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo('${q.slice(1, -1)}') ORDER BY name`);
  // sqlite_autoindex_* numbers follow the order of UNIQUE clauses, and cid the column order:
  // compare indexes by their column names.
  const indexes = all(db, `SELECT name, "unique", origin, partial FROM pragma_index_list('${q.slice(1, -1)}')`)
    .map(([name, unique, origin, partial]) => {
      const cols = all(db, `SELECT seqno, name FROM pragma_index_info('${String(name).replace(/'/g, "''")}')`);
      return [String(name).startsWith("sqlite_autoindex_") ? "autoindex" : name, unique, origin, partial, JSON.stringify(cols)];
    })
    .map((x) => JSON.stringify(x))
    .sort();
  // id and seq number the foreign keys in the order of their clauses: compare the set.
  const foreignKeys = all(db, `SELECT "table", "from", "to", on_update, on_delete, "match" FROM pragma_foreign_key_list('${q.slice(1, -1)}')`)
    .map((x) => JSON.stringify(x))
    .sort();
  return { columns, indexes, foreignKeys };
}

export async function dumpSchema(bytes: Uint8Array | null): Promise<SchemaDump> {
  const db = await openTestDatabase(bytes ?? undefined);
  try {
    const master = all(db, `SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`)
      .map(([type, name, tbl, sql]) => `${String(type)} ${String(name).startsWith("sqlite_autoindex_") ? "autoindex" : String(name)} ${String(tbl)}: ${normaliseSql(sql as string | null)}`)
      .sort();
    const names = all(db, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).map((r) => String(r[0]));
    const tables = Object.fromEntries(names.map((n) => [n, tableDump(db, n)]));
    const versions = names.includes("alembic_version") ? all(db, "SELECT version_num FROM alembic_version ORDER BY 1").map((r) => r[0] ?? null) : [];
    return { master, tables, versions };
  } finally {
    db.close();
  }
}

export async function insertRows(bytes: Uint8Array | null, data: readonly TableRows[]): Promise<Uint8Array> {
  const db = await openTestDatabase(bytes ?? undefined);
  try {
    for (const t of data) {
      for (const row of t.rows) {
        db.exec(`INSERT INTO ${quoteId(t.table)} (${t.columns.map(quoteId).join(", ")}) VALUES (${row.map(() => "?").join(", ")})`, row);
      }
    }
    return db.export();
  } finally {
    db.close();
  }
}

/**
 * quote() of each value: the storage class shows (1 and 1.0 and '1' differ). Columns in `asText`
 * are read as text: a type change casts their values (4 becomes '4' in a TEXT column, as
 * Alembic's batch copy does with CAST), which the downgrade casts back.
 */
export async function readColumns(bytes: Uint8Array | null, table: string, columns: readonly string[], asText: ReadonlySet<string> = new Set()): Promise<SqlValue[][]> {
  if (columns.length === 0) return [];
  const db = await openTestDatabase(bytes ?? undefined);
  try {
    const exprs = columns.map((c) => (asText.has(c) ? `quote(CAST(${quoteId(c)} AS TEXT))` : `quote(${quoteId(c)})`));
    return all(db, `SELECT ${exprs.join(", ")} FROM ${quoteId(table)} ORDER BY "id"`);
  } finally {
    db.close();
  }
}

/** Deletes every row but alembic_version's. */
export async function emptyTables(bytes: Uint8Array | null): Promise<Uint8Array> {
  const db = await openTestDatabase(bytes ?? undefined);
  try {
    const names = all(db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'`).map((r) => String(r[0]));
    for (const name of names) db.exec(`DELETE FROM ${quoteId(name)}`);
    return db.export();
  } finally {
    db.close();
  }
}
