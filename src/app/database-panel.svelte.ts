// The database panel's state: which view is open (schema, rows, SQL), the rows of the selected
// table for the grid, and the SQL console. Edits go to the worker as parameterised statements.

import { EngineStopped, type EngineClient } from "./engine-client";
import type { Playground } from "./playground.svelte";
import type { QueryView, RowEdit, RowsView, SqlCell } from "./protocol";

export type DatabaseTab = "schema" | "rows" | "sql";
export const ROW_LIMIT = 200;

export class DatabasePanel {
  tab = $state<DatabaseTab>("schema");
  table = $state<string | null>(null);
  rows = $state.raw<RowsView | null>(null);
  sql = $state("SELECT * FROM sqlite_master;");
  result = $state.raw<QueryView | null>(null);
  error = $state<string | null>(null);

  #client: EngineClient;
  #playground: Playground;

  constructor(client: EngineClient, playground: Playground) {
    this.#client = client;
    this.#playground = playground;
    playground.onOutput(() => void this.refresh());
  }

  async showRows(table: string): Promise<void> {
    this.table = table;
    this.tab = "rows";
    await this.refresh();
  }

  /** Reloads the grid after anything that may have changed the database. */
  async refresh(): Promise<void> {
    const tables = this.#playground.snapshot?.tables ?? [];
    if (this.table === null || !tables.some((t) => t.name === this.table)) {
      this.table = tables[0]?.name ?? null;
    }
    this.rows = this.table === null ? null : await this.#client.request({ kind: "rows", table: this.table, limit: ROW_LIMIT });
  }

  async edit(edit: RowEdit): Promise<boolean> {
    const result = await stoppable(this.#playground.guarded({ kind: "edit-row", edit }));
    if (result instanceof EngineStopped) {
      this.error = result.message;
      return false;
    }
    this.error = result.error;
    if (result.snapshot) this.#playground.acceptSnapshot(result.snapshot);
    await this.refresh();
    return result.ok;
  }

  insert(values: Record<string, SqlCell>): Promise<boolean> {
    return this.table === null ? Promise.resolve(false) : this.edit({ kind: "insert", table: this.table, values });
  }

  async runSql(): Promise<void> {
    this.result = null;
    // the user's SQL may never end (a recursive query without a limit): guarded, so it can be stopped
    const result = await stoppable(this.#playground.guarded({ kind: "query", sql: this.sql }));
    if (result instanceof EngineStopped) {
      this.result = { ok: false, columns: [], rows: [], rowsNotShown: 0, rowsChanged: 0, error: result.message, snapshot: null };
      return;
    }
    this.result = result;
    if (result.snapshot) this.#playground.acceptSnapshot(result.snapshot);
    await this.refresh();
  }
}

/** The answer, or the EngineStopped it was refused with (the reason is shown where the answer would be). */
async function stoppable<T>(answer: Promise<T>): Promise<T | EngineStopped> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof EngineStopped) return error;
    throw error;
  }
}

/** What a grid cell shows: text as is (never as HTML), NULL marked, blobs summarised. */
export function cellText(value: SqlCell): string {
  if (value === null) return "NULL";
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return String(value);
}

/** Reads a cell typed into the grid: "NULL" is NULL, numbers stay numbers, the rest is text. */
export function parseCell(text: string): SqlCell {
  if (text === "NULL") return null;
  if (/^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  return text;
}
