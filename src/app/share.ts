// Share links on the worker's side (SPEC §4): the playground as the link format's plain data
// (models, scripts by file name, current revisions, rows when they fit), and back: a new
// workspace whose scripts are upgraded to the shared revisions and whose rows are put back.
// Nothing in a link is executed: scripts are parsed, rows are bound as parameters.

import type { EngineDatabase, SqlValue } from "./engine-facade";
import { VERSIONS_DIR } from "./engine-views";

/** The link format's values (src/engine/share/link.ts), restated for the app's side. */
export type SharedValue = string | number | null | { readonly base64: string };
export interface SharedTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly SharedValue[])[];
}
export interface SharedPlaygroundData {
  readonly title: string;
  readonly models: string;
  readonly scripts: Readonly<Record<string, string>>;
  readonly heads: readonly string[];
  readonly rows: Readonly<Record<string, SharedTable>> | null;
}

/** Rows go into a link only while their JSON stays under this (links are cut at ~2,000 chars by chat apps; rows compress well). */
export const ROWS_BUDGET_BYTES = 64 * 1024;

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function toSharedValue(value: SqlValue): SharedValue {
  return value instanceof Uint8Array ? { base64: toBase64(value) } : value;
}

export function fromSharedValue(value: SharedValue): SqlValue {
  return value !== null && typeof value === "object" ? fromBase64(value.base64) : value;
}

/** The rows of every table, or null when they do not fit the link's budget. */
export function sharedRows(db: EngineDatabase, tables: readonly string[]): Record<string, SharedTable> | null {
  const rows: Record<string, SharedTable> = {};
  let size = 0;
  for (const table of tables) {
    const result = db.query(`SELECT * FROM ${quoteId(table)}`);
    const shared = { columns: [...result.columns], rows: result.rows.map((r) => r.map(toSharedValue)) };
    size += JSON.stringify(shared).length;
    if (size > ROWS_BUDGET_BYTES) return null;
    rows[table] = shared;
  }
  return rows;
}

export function sharedScripts(files: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(files)
    .filter(([path]) => path.startsWith(VERSIONS_DIR) && path.endsWith(".ts"))
    .map(([path, text]) => [path.slice(VERSIONS_DIR.length), text]));
}

export function scriptFiles(scripts: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(scripts).map(([name, text]) => [`${VERSIONS_DIR}${name}`, text]));
}

/** Puts the shared rows back, table by table, in one transaction; returns the tables it could not fill. */
export function restoreRows(db: EngineDatabase, rows: Readonly<Record<string, SharedTable>>): string[] {
  const skipped: string[] = [];
  db.exec("BEGIN");
  try {
    for (const [table, data] of Object.entries(rows)) {
      try {
        db.exec(`DELETE FROM ${quoteId(table)}`);
        const sql = `INSERT INTO ${quoteId(table)} (${data.columns.map(quoteId).join(", ")}) VALUES (${data.columns.map(() => "?").join(", ")})`;
        for (const row of data.rows) db.exec(sql, row.map(fromSharedValue));
      } catch {
        skipped.push(table);
      }
    }
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
  return skipped;
}
