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
  return wrap(new SQL.Database(bytes && withGrowthRoom(bytes)));
}

/**
 * How every connection is tuned. The file lives in memory (MEMFS) either way, so a rollback
 * journal on "disk" buys no safety over one in memory, only copying: with SQLite's defaults
 * (journal_mode=DELETE, a 2 MB page cache) a batch rebuild of 1M rows spends 1.1 s in SQLite,
 * with these 0.4 s (measured in Node, tests/bench). ROLLBACK works the same in both modes, and
 * neither is written into the file. The cache only grows as pages are read, up to 64 MiB.
 */
export const CONNECTION_PRAGMAS = "PRAGMA journal_mode=MEMORY; PRAGMA cache_size=-65536;";

/** Files smaller than this gain nothing measurable from the room. */
const ROOM_THRESHOLD = 1024 * 1024;

/**
 * sql.js keeps the database file in Emscripten's MEMFS, which grows a file past 1 MiB by only
 * 12.5% at a time, copying it whole each time: a batch rebuild that doubles a 46 MB file copies
 * ~400 MB on the way (measured: a third of a 1M-row upgrade). Handing SQLite a file with zeroed
 * room after its last page avoids that. SQLite ignores the room: it takes the page count from the
 * header (https://www.sqlite.org/fileformat2.html#in_header_database_size), which is valid when
 * the change counter (offset 24) equals the version-valid-for number (offset 92), as every
 * SQLite since 3.7.0 writes it. A file whose header does not say so is left as it is.
 */
export function withGrowthRoom(bytes: Uint8Array): Uint8Array {
  if (bytes.length < ROOM_THRESHOLD || !hasValidPageCount(bytes)) return bytes;
  const roomy = new Uint8Array(bytes.length * 2);
  roomy.set(bytes);
  return roomy;
}

function hasValidPageCount(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 100 || view.getUint32(28) === 0) return false;
  return view.getUint32(24) === view.getUint32(92);
}

function wrap(db: SqlJsDatabase): Database {
  try {
    db.exec(CONNECTION_PRAGMAS);
  } catch (e) {
    // bytes that are not SQLite fail here: the connection and its copy of them are freed
    db.close();
    throw e;
  }
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
    // sql.js's export closes and reopens the connection, which would reset every pragma: the
    // tuning and the user's foreign_keys setting are put back, so exporting changes nothing.
    export() {
      const foreignKeys = db.exec("PRAGMA foreign_keys")[0]?.values[0]?.[0] ?? 0;
      const bytes = db.export();
      db.exec(`${CONNECTION_PRAGMAS} PRAGMA foreign_keys=${foreignKeys === 1 ? "ON" : "OFF"};`);
      return bytes;
    },
    close: () => db.close(),
  };
}
