// The only module that knows sql.js. In Node sql.js finds its wasm inside the package; the
// browser passes `locateFile` (a Vite `?url` import) through configureSqlJs before first use.

import initSqlJs, { type SqlJsStatic, type Database as SqlJsDatabase } from "sql.js";
import type { Database, QueryResult, SqlValue } from "./database";

let locateFile: ((file: string) => string) | undefined;
let loading: Promise<SqlJsStatic> | undefined;

export function configureSqlJs(options: { locateFile: (file: string) => string }): void {
  locateFile = options.locateFile;
  loading = undefined;
}

function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs(locateFile ? { locateFile } : undefined);
  return loading;
}

export async function openSqlJs(bytes?: Uint8Array): Promise<Database> {
  const SQL = await loadSqlJs();
  return wrap(new SQL.Database(bytes));
}

function wrap(db: SqlJsDatabase): Database {
  return {
    exec(sql, params) {
      if (params && params.length > 0) db.run(sql, params as SqlValue[]);
      else db.exec(sql);
    },
    query(sql, params): QueryResult {
      const stmt = db.prepare(sql);
      try {
        if (params && params.length > 0) stmt.bind(params as SqlValue[]);
        const columns = stmt.getColumnNames();
        const rows: SqlValue[][] = [];
        while (stmt.step()) rows.push(stmt.get() as SqlValue[]);
        return { columns, rows };
      } finally {
        stmt.free();
      }
    },
    changes: () => db.getRowsModified(),
    export: () => db.export(),
    close: () => db.close(),
  };
}
