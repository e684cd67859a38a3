// The native binding behind the engine's database port, for the Node CLI: better-sqlite3 (SQLite
// compiled to machine code) instead of sql.js (SQLite compiled to WebAssembly). A batch rebuild of
// a million rows runs about twice as fast, and the CLI starts without compiling a wasm module.
//
// It must behave as sql.js and as Python's sqlite3 (which real Flask-Migrate uses) do, so each
// connection undoes what better-sqlite3 compiles in differently: foreign keys start OFF, and an
// extension (sqlite-dqs.c, built by scripts/build-cli.js) turns double-quoted string literals
// back on and defensive mode off. When better-sqlite3 or that extension is missing (an install
// without a C compiler), `loadNativeSqlite` says why and the CLI stays on sql.js.
//
// Known differences from sql.js that the engine never meets (tests/engine/db/port.test.ts pins the
// ones it does): query() takes one statement (sql.js ignores the rest), every `?` needs a value
// (sql.js binds NULL), booleans are not values (sql.js binds 1), and ANALYZE writes sqlite_stat4
// (better-sqlite3 compiles STAT4 in). Whole numbers bind as integers, as Python binds ints; sql.js
// binds those beyond 32 bits as REAL.

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Database, OpenDatabase, QueryResult, SqlValue } from "../../engine/index";

/** The part of better-sqlite3's API this binding uses (the package ships no types). */
interface NativeStatement {
  readonly reader: boolean;
  raw(toggle: boolean): NativeStatement;
  columns(): { readonly name: string }[];
  all(...params: unknown[]): unknown[][];
  run(...params: unknown[]): { readonly changes: number };
}

interface NativeConnection {
  readonly inTransaction: boolean;
  prepare(sql: string): NativeStatement;
  exec(sql: string): void;
  serialize(): Buffer;
  loadExtension(path: string): void;
  close(): void;
}

type NativeConstructor = new (filenameOrBytes: string | Buffer) => NativeConnection;

export interface NativeBinding {
  /** An in-memory database: empty, or a copy of the bytes of a SQLite file. */
  readonly open: OpenDatabase;
  /**
   * The SQLite file at `path`, worked on in place. Its journal is kept in memory and nothing is
   * synced: the caller works on a copy it throws away or renames over the original, so a crash
   * of the process can only ever lose the copy (as the old whole-file write, the rename is not
   * fsynced: a power cut right after it may lose the new content). `export()` reads the file back;
   * `flush()` only makes the file hold every committed page, for a caller that never needs the bytes.
   */
  readonly openFile: (path: string) => FileDatabase;
}

export interface FileDatabase extends Database {
  /** Leaves every committed page in the file itself (as export() does, without reading it back). */
  flush(): void;
}

export type NativeSqlite = ({ readonly ok: true } & NativeBinding) | { readonly ok: false; readonly reason: string };

let loaded: NativeSqlite | undefined;

/** The extension's path: next to the bundled CLI (dist-cli/), or built there for the tests. */
export function extensionPath(): string {
  const bundled = /\/dist-cli\/retort\.[cm]js$/.test(import.meta.url);
  return fileURLToPath(new URL(bundled ? "./sqlite-dqs.so" : "../../../dist-cli/sqlite-dqs.so", import.meta.url));
}

/** better-sqlite3 with its checks passed, or the reason it cannot be used here. Loads once. */
export function loadNativeSqlite(): NativeSqlite {
  loaded ??= tryLoad();
  return loaded;
}

function tryLoad(): NativeSqlite {
  let Native: NativeConstructor;
  try {
    Native = createRequire(import.meta.url)("better-sqlite3") as NativeConstructor;
  } catch (e) {
    return { ok: false, reason: `better-sqlite3 is not installed or not built (${firstLine(e)})` };
  }
  const extension = extensionPath();
  if (!existsSync(extension)) return { ok: false, reason: `${extension} is missing: run \`npm run build:cli\` with a C compiler installed` };
  const open: OpenDatabase = (bytes) => Promise.resolve(openNative(Native, extension, bytes && bytes.length > 0 ? deserializable(bytes) : ":memory:"));
  const openFile = (path: string) => openNative(Native, extension, path);
  try {
    // the checks that make the binding faithful, on a throwaway connection
    const probe = openNative(Native, extension, ":memory:");
    const dqs = probe.query(`SELECT "a string"`).rows[0]?.[0];
    probe.close();
    if (dqs !== "a string") return { ok: false, reason: "the SQLite extension did not turn double-quoted strings back on" };
  } catch (e) {
    return { ok: false, reason: `the native SQLite binding failed its checks (${firstLine(e)})` };
  }
  return { ok: true, open, openFile };
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!;

function openNative(Native: NativeConstructor, extension: string, source: string | Buffer): FileDatabase {
  const connection = new Native(source);
  const file = typeof source === "string" && source !== ":memory:" ? source : null;
  try {
    connection.loadExtension(extension);
    // foreign keys: SQLite's own default, which better-sqlite3 compiles the other way; the cache
    // as sql.js's (CONNECTION_PRAGMAS)
    connection.exec("PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536");
    // a file is in the kernel's page cache already: SQLite's own 64 MiB cache only doubles it, and
    // reading through mmap skips a copy per page. A 1M-row rebuild: ~370 ms -> ~315 ms. The file
    // is the caller's private copy, so no other process can truncate it under the mapping.
    if (file) connection.exec("PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA cache_size=-2000; PRAGMA mmap_size=1073741824");
  } catch (e) {
    connection.close();
    throw e;
  }
  return wrap(connection, file);
}

/**
 * SQLite cannot deserialize a file marked for WAL (header bytes 18 and 19 are 2), which sql.js
 * opens: such bytes, exported after a checkpoint, hold every committed page, so a copy marked
 * for the rollback journal (1) opens with the same content.
 */
function deserializable(bytes: Uint8Array): Buffer {
  if (bytes.length < 100 || bytes[18] !== 2 || bytes[19] !== 2) return asBuffer(bytes);
  const copy = Buffer.from(bytes);
  copy[18] = 1;
  copy[19] = 1;
  return copy;
}

/** A Buffer over the same memory (better-sqlite3 binds and deserializes only Buffers). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Blobs come back as Buffers; the engine and its tests expect plain Uint8Arrays, as sql.js gives. */
function fromNative(value: unknown): SqlValue {
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return value as SqlValue;
}

// better-sqlite3 binds every JS number as a double (5 would be stored as 5.0 in a TEXT column);
// whole numbers go as 64-bit integers instead, as sql.js and Python's sqlite3 bind them.
const toNative = (params: readonly SqlValue[]) =>
  params.map((p) => (p instanceof Uint8Array ? asBuffer(p) : typeof p === "number" && Number.isSafeInteger(p) ? BigInt(p) : p));

function wrap(connection: NativeConnection, file: string | null): FileDatabase {
  const changesQuery = connection.prepare("SELECT changes()").raw(true);
  const run = (sql: string, params: readonly SqlValue[]): QueryResult => {
    const stmt = connection.prepare(sql);
    if (!stmt.reader) {
      stmt.run(toNative(params));
      return { columns: [], rows: [] };
    }
    stmt.raw(true);
    const rows = stmt.all(toNative(params)).map((row) => row.map(fromNative));
    return { columns: stmt.columns().map((c) => c.name), rows };
  };
  const flush = () => {
    // as sql.js, whose export closes the connection: there is no file to export mid-transaction
    if (connection.inTransaction) throw new Error("cannot export the database while a transaction is open");
    // outside a transaction every committed page is in the file (synchronous=OFF skips only
    // fsync), unless a user's journal_mode=WAL holds some in the -wal file: checkpoint those
    if (file) connection.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  };
  return {
    exec(sql, params) {
      if (params && params.length > 0) {
        run(sql, params);
        return;
      }
      connection.exec(sql);
    },
    query: (sql, params) => run(sql, params ?? []),
    // sqlite3_changes(), as sql.js's getRowsModified: statements that change no rows keep it
    changes: () => Number(changesQuery.all()[0]![0]),
    flush,
    export() {
      flush();
      const bytes = file ? readFileSync(file) : connection.serialize();
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    close: () => connection.close(),
  };
}
