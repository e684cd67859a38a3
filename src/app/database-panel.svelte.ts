// The database panel's state: which view is open (schema, rows, SQL, diagram), the rows of the selected
// table for the grid, and the SQL console. Edits go to the worker as parameterised statements.

import { EngineStopped, type EngineClient } from "./engine-client";
import type { Playground } from "./playground.svelte";
import type { QueryView, RowEdit, RowsView, SqlCell } from "./protocol";

export type DatabaseTab = "schema" | "rows" | "sql" | "diagram";
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
  /** The first row of the grid's page. */
  #offset = 0;

  constructor(client: EngineClient, playground: Playground) {
    this.#client = client;
    this.#playground = playground;
    playground.onOutput(() => void this.refresh());
  }

  async showRows(table: string): Promise<void> {
    if (table !== this.table) this.#offset = 0;
    this.table = table;
    this.tab = "rows";
    await this.refresh();
  }

  /**
   * Reloads the grid's page after anything that may have changed the database. The page stays
   * where it was (an edit on page 3 shows page 3 again); the worker moves it back if it is gone.
   */
  async refresh(): Promise<void> {
    const tables = this.#playground.snapshot?.tables ?? [];
    if (this.table === null || !tables.some((t) => t.name === this.table)) {
      this.table = tables[0]?.name ?? null;
      this.#offset = 0;
    }
    this.rows = this.table === null ? null : await this.#client.request({ kind: "rows", table: this.table, limit: ROW_LIMIT, offset: this.#offset });
    this.#offset = this.rows?.offset ?? 0;
  }

  /** "Rows 201–400 of 100,002", or null when every row fits on one page. */
  get pageLabel(): string | null {
    const rows = this.rows;
    if (!rows || rows.total <= ROW_LIMIT) return null;
    const first = rows.offset + 1;
    const last = rows.offset + rows.rows.length;
    return `Rows ${first.toLocaleString("en")}–${last.toLocaleString("en")} of ${rows.total.toLocaleString("en")}`;
  }

  get hasPrevious(): boolean {
    return (this.rows?.offset ?? 0) > 0;
  }

  get hasNext(): boolean {
    const rows = this.rows;
    return rows !== null && rows.offset + rows.rows.length < rows.total;
  }

  /** Moves the grid to another page of ROW_LIMIT rows; each page is read from the worker alone. */
  goTo(page: "first" | "previous" | "next" | "last"): Promise<void> {
    const rows = this.rows;
    if (!rows) return Promise.resolve();
    const last = Math.max(0, Math.floor((rows.total - 1) / ROW_LIMIT) * ROW_LIMIT);
    const offsets = { first: 0, previous: Math.max(0, rows.offset - ROW_LIMIT), next: Math.min(last, rows.offset + ROW_LIMIT), last };
    this.#offset = offsets[page];
    return this.refresh();
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
