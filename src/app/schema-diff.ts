// What the last step changed, so that the schema view and the rows grid can highlight it:
// compares the tables before and after a command, as the UI shows them.

import type { ColumnView, TableView } from "./protocol";

export interface Highlight {
  /** Tables that are new or whose definition changed. */
  readonly tables: ReadonlySet<string>;
  /** "table.column" for columns that are new or changed. */
  readonly columns: ReadonlySet<string>;
  /** Human-readable descriptions of what disappeared ("table old", "column users.email"). */
  readonly removed: readonly string[];
}

export const NO_HIGHLIGHT: Highlight = { tables: new Set(), columns: new Set(), removed: [] };

function sameColumn(a: ColumnView, b: ColumnView): boolean {
  return a.type === b.type && a.nullable === b.nullable && a.primaryKey === b.primaryKey && a.unique === b.unique &&
    a.indexed === b.indexed && a.references === b.references && a.serverDefault === b.serverDefault;
}

const indexKey = (t: TableView) => t.indexes.map((i) => `${i.name}:${i.unique}:${i.columns.join(",")}`).sort().join(";");

export function diffTables(before: readonly TableView[], after: readonly TableView[]): Highlight {
  const tables = new Set<string>();
  const columns = new Set<string>();
  const removed: string[] = [];
  const old = new Map(before.map((t) => [t.name, t]));
  for (const table of after) {
    const previous = old.get(table.name);
    old.delete(table.name);
    if (!previous) {
      tables.add(table.name);
      table.columns.forEach((c) => columns.add(`${table.name}.${c.name}`));
      continue;
    }
    const oldColumns = new Map(previous.columns.map((c) => [c.name, c]));
    for (const col of table.columns) {
      const was = oldColumns.get(col.name);
      oldColumns.delete(col.name);
      if (!was || !sameColumn(was, col)) columns.add(`${table.name}.${col.name}`);
    }
    for (const gone of oldColumns.keys()) removed.push(`column ${table.name}.${gone}`);
    const changed = [...columns].some((c) => c.startsWith(`${table.name}.`)) || oldColumns.size > 0;
    if (changed || indexKey(previous) !== indexKey(table)) tables.add(table.name);
  }
  for (const gone of old.keys()) removed.push(`table ${gone}`);
  return { tables, columns, removed };
}
