// The database port. The engine talks to SQLite only through this interface: sql.js in the browser
// (and in the CLI when nothing else is built), the native better-sqlite3 binding in the CLI
// (src/cli/native). tests/engine/db/port.test.ts holds both to the same behaviour.

export type SqlValue = number | string | Uint8Array | null;

export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly SqlValue[])[];
}

export interface Database {
  /** Runs one statement (or several, without parameters). */
  exec(sql: string, params?: readonly SqlValue[]): void;
  /** Runs one statement and returns its rows. */
  query(sql: string, params?: readonly SqlValue[]): QueryResult;
  /** Rows changed by the last INSERT, UPDATE or DELETE (sqlite3_changes). */
  changes(): number;
  /** The whole database file. Throws while a transaction is open (as sql.js does). */
  export(): Uint8Array;
  close(): void;
}

/** Opens a database: empty, or from the bytes of a SQLite file. */
export type OpenDatabase = (bytes?: Uint8Array) => Promise<Database>;

/** Double-quotes an identifier for SQLite: every table and column name goes through here. */
export function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Single-quotes a string literal for SQLite. */
export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The rows of a query as objects keyed by column name. */
export function queryObjects(db: Database, sql: string, params?: readonly SqlValue[]): Record<string, SqlValue>[] {
  const { columns, rows } = db.query(sql, params);
  return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])));
}
