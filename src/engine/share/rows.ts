// The rows of a playground as the link format's values (SPEC §4), and back. Rows are read with
// SELECT * and put back with bound parameters only: a value in a link is never part of SQL text,
// and a table or column name is always quoted as an identifier (names with markup or quotes are
// data). Tables are filled parents first, so that a database with foreign_keys=ON accepts them.

import { quoteId, type Database, type SqlValue } from "../db/database";
import type { Schema } from "../schema/model";
import type { SharedTable, SharedValue } from "./link";

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

/** Every table's rows (alembic_version is not in the schema: the heads travel on their own). */
export function readRows(db: Database, schema: Schema): Record<string, SharedTable> {
  const rows: Record<string, SharedTable> = {};
  for (const table of schema.tables) {
    // ORDER BY rowid where there is one, so that the same database always gives the same link.
    const result = selectAll(db, table.name);
    rows[table.name] = { columns: [...result.columns], rows: result.rows.map((r) => r.map(toSharedValue)) };
  }
  return rows;
}

function selectAll(db: Database, table: string): { columns: readonly string[]; rows: readonly (readonly SqlValue[])[] } {
  try {
    return db.query(`SELECT * FROM ${quoteId(table)} ORDER BY rowid`);
  } catch {
    // a WITHOUT ROWID table (or a column the user named rowid): the table's own order
    return db.query(`SELECT * FROM ${quoteId(table)}`);
  }
}

/** Parents before children, by foreign keys; a cycle keeps the remaining tables in schema order. */
export function fillOrder(schema: Schema, tables: readonly string[]): string[] {
  const wanted = new Set(tables);
  const parents = new Map(schema.tables.map((t) => [t.name, t.foreignKeys.map((fk) => fk.referredTable).filter((p) => p !== t.name && wanted.has(p))]));
  const order: string[] = [];
  const placed = new Set<string>();
  let pending = tables.filter((t) => wanted.has(t));
  while (pending.length > 0) {
    const ready = pending.filter((t) => (parents.get(t) ?? []).every((p) => placed.has(p)));
    const next = ready.length > 0 ? ready : [pending[0]!];
    for (const t of next) {
      order.push(t);
      placed.add(t);
    }
    pending = pending.filter((t) => !placed.has(t));
  }
  return order;
}

export type RestoreResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * Puts the shared rows in place of whatever the migrations left (a data migration's rows are in
 * the shared rows too), in one transaction: all tables or none.
 */
export function restoreRows(db: Database, schema: Schema, rows: Readonly<Record<string, SharedTable>>): RestoreResult {
  const known = new Set(schema.tables.map((t) => t.name));
  const unknown = Object.keys(rows).find((t) => !known.has(t));
  if (unknown !== undefined) {
    return { ok: false, message: `This link has rows for a table ${JSON.stringify(unknown.slice(0, 80))} that its migrations do not create.` };
  }
  db.exec("BEGIN");
  let current = "";
  try {
    for (const table of [...fillOrder(schema, Object.keys(rows))].reverse()) db.exec(`DELETE FROM ${quoteId(table)}`);
    for (const table of fillOrder(schema, Object.keys(rows))) {
      current = table;
      const data = rows[table]!;
      if (data.columns.length === 0) continue;
      const sql = `INSERT INTO ${quoteId(table)} (${data.columns.map(quoteId).join(", ")}) VALUES (${data.columns.map(() => "?").join(", ")})`;
      for (const row of data.rows) db.exec(sql, row.map(fromSharedValue));
    }
    db.exec("COMMIT");
    return { ok: true };
  } catch (e) {
    db.exec("ROLLBACK");
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `This link's rows do not fit the schema its migrations build: table ${JSON.stringify(current.slice(0, 80))} refused them (${why}).` };
  }
}

const sortedJson = (rows: readonly (readonly SharedValue[])[]) => rows.map((r) => JSON.stringify(r)).sort();

/** The tables whose rows differ from the shared ones (as multisets: a table's order is not kept by every table). */
export function differingTables(db: Database, schema: Schema, rows: Readonly<Record<string, SharedTable>>): string[] {
  const now = readRows(db, schema);
  return Object.entries(rows).filter(([table, shared]) => {
    const there = now[table];
    if (!there) return true;
    const sameColumns = JSON.stringify(there.columns) === JSON.stringify(shared.columns);
    return !sameColumns || JSON.stringify(sortedJson(there.rows)) !== JSON.stringify(sortedJson(shared.rows));
  }).map(([table]) => table);
}
