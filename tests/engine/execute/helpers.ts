// A real sql.js database that records every statement sent through exec (reflection queries are
// reads and go through query, so they are not recorded).

import type { Database, SqlValue } from "../../../src/engine/db/database";
import { openTestDatabase } from "../../binding";

export interface RecordingDb extends Database {
  readonly statements: string[];
  rows(sql: string): SqlValue[][];
  schemaSql(): string[];
}

export async function recordingDb(setup = ""): Promise<RecordingDb> {
  const db = await openTestDatabase();
  if (setup) db.exec(setup);
  const statements: string[] = [];
  return {
    ...db,
    exec(sql, params) {
      statements.push(sql);
      db.exec(sql, params);
    },
    query: (sql, params) => db.query(sql, params),
    changes: () => db.changes(),
    export: () => db.export(),
    close: () => db.close(),
    statements,
    rows: (sql) => db.query(sql).rows.map((r) => [...r]),
    schemaSql: () => db.query("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").rows.map((r) => String(r[0])),
  };
}

/** Everything a database holds: its schema text and every row of every table, for before/after comparisons. */
export function dump(db: Database): unknown {
  const objects = db.query("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").rows;
  const tables = objects.filter((o) => o[0] === "table").map((o) => String(o[1]));
  return { objects, data: Object.fromEntries(tables.map((t) => [t, db.query(`SELECT * FROM "${t}" ORDER BY rowid`).rows])) };
}
