// Runs a scenario's SQL on a folder's app.db with sql.js, on both sides: the same executor for
// the oracle's recording and for Retort, and no Python at test time. Like Python's
// sqlite3.executescript in autocommit mode (what the scenarios were written against), each
// statement commits on its own, so the ones before a failing statement stay applied.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openSqlJs } from "../../../src/engine/db/sqljs";

/** Empty when the SQL ran; otherwise SQLite's message. The file keeps what ran before the error. */
export async function runSql(dir: string, sqlText: string): Promise<{ readonly error: string }> {
  const path = join(dir, "app.db");
  const db = await openSqlJs(existsSync(path) ? readFileSync(path) : undefined);
  let error = "";
  try {
    db.exec(sqlText);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  try {
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, db.export());
    renameSync(temp, path);
  } finally {
    db.close();
  }
  return { error };
}

/** A database file built from SQL (the oracle's recorded schema, for instance). */
export async function writeDatabase(path: string, sqlText: string): Promise<void> {
  const db = await openSqlJs();
  try {
    db.exec(sqlText);
    writeFileSync(path, db.export());
  } finally {
    db.close();
  }
}
