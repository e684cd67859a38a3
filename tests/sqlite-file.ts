// A SQLite file on disk, read and written through the project's own binding (sql.js), so that the
// tests need no `sqlite3` shell: a fresh Debian or Ubuntu machine has none.
// tests/architecture/no-sqlite3-shell.test.ts keeps the shell out of the tests.
import { readFileSync, writeFileSync } from "node:fs";
import { openSqlJs } from "../src/engine/db/sqljs";
import type { Database, SqlValue } from "../src/engine/index";

async function withFile<T>(path: string, use: (db: Database) => T): Promise<T> {
  const db = await openSqlJs(readFileSync(path));
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** The rows of one query on the file. */
export const queryFile = (path: string, sql: string): Promise<SqlValue[][]> => withFile(path, (db) => db.query(sql).rows.map((r) => [...r]));

/** Runs SQL (several statements allowed) on the file and writes it back, as `sqlite3 FILE "SQL"` does. */
export async function execFile(path: string, sql: string): Promise<void> {
  const bytes = await withFile(path, (db) => {
    db.exec(sql);
    return db.export();
  });
  writeFileSync(path, bytes);
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** What `sqlite3 FILE .dump` shows: every object's DDL and every table's rows, in a stable order. */
export function dumpFile(path: string): Promise<unknown> {
  return withFile(path, (db) => {
    const objects = db.query("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").rows.map((r) => [...r]);
    const rows: Record<string, SqlValue[][]> = {};
    for (const [type, name] of objects) if (type === "table") rows[String(name)] = db.query(`SELECT * FROM ${quoteName(String(name))}`).rows.map((r) => [...r]);
    return { objects, rows };
  });
}
