// The database panel's state: which view is open (schema, rows, SQL), the rows of the selected
// table for the grid, and the SQL console. Edits go to the worker as parameterised statements.

import { EngineStopped, ignoreStop, type EngineClient } from "./engine-client";
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
    if (this.table === null) {
      this.rows = null;
      return;
    }
    const rows = await ignoreStop(this.#client.request({ kind: "rows", table: this.table, limit: ROW_LIMIT }));
    if (rows) this.rows = rows;
  }

  async edit(edit: RowEdit): Promise<boolean> {
    const result = await this.#stoppable(() => this.#client.request({ kind: "edit-row", edit }));
    if (!result) return false;
    this.error = result.error;
    if (result.snapshot) this.#playground.acceptSnapshot(result.snapshot);
    await this.refresh();
    return result.ok;
  }

  /**
   * The user's SQL, guarded (it may never end: a recursive query without a limit); when it is
   * stopped, the reason shows where its result would have, and the answer is null.
   */
  async #stoppable(send: () => Promise<QueryView>): Promise<QueryView | null> {
    try {
      return await this.#playground.guard(send);
    } catch (error) {
      if (!(error instanceof EngineStopped)) throw error;
      this.result = { ok: false, columns: [], rows: [], rowsNotShown: 0, rowsChanged: 0, error: error.message, snapshot: null };
      return null;
    }
  }

  insert(values: Record<string, SqlCell>): Promise<boolean> {
    return this.table === null ? Promise.resolve(false) : this.edit({ kind: "insert", table: this.table, values });
  }

  async runSql(): Promise<void> {
    this.result = null;
    const result = await this.#stoppable(() => this.#client.request({ kind: "query", sql: this.sql }));
    if (!result) return;
    this.result = result;
    if (result.snapshot) this.#playground.acceptSnapshot(result.snapshot);
    await this.refresh();
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
