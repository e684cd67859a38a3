// What changed between a table's rows before a step and after it: rows matched by rowid, a cell
// changed when its column is in both and its value differs, a row added when its rowid is new.

import type { SqlCell, TableSampleView } from "./protocol";

export interface RowChanges {
  /** Indexes of `after`'s rows that were not there before. */
  readonly added: ReadonlySet<number>;
  /** "row:column" indexes of `after`'s cells whose value changed. */
  readonly changed: ReadonlySet<string>;
  /** Indexes of `before`'s rows that are gone. */
  readonly removed: ReadonlySet<number>;
}

const same = (a: SqlCell | undefined, b: SqlCell | undefined) =>
  a instanceof Uint8Array && b instanceof Uint8Array ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;

export function rowChanges(before: TableSampleView | null, after: TableSampleView | null): RowChanges {
  const added = new Set<number>();
  const changed = new Set<string>();
  const removed = new Set<number>();
  if (!before || !after) return { added, changed, removed };
  const beforeAt = new Map(before.rowids.map((id, i) => [id, i]));
  const afterIds = new Set(after.rowids);
  after.rows.forEach((row, r) => {
    const id = after.rowids[r];
    const old = id === null || id === undefined ? undefined : beforeAt.get(id);
    if (old === undefined) {
      added.add(r);
      return;
    }
    after.columns.forEach((column, c) => {
      const b = before.columns.indexOf(column);
      if (b >= 0 && !same(before.rows[old]![b], row[c])) changed.add(`${r}:${c}`);
    });
  });
  // only rows within both first pages can be told gone (a later page may still hold them)
  const lastShown = Math.max(-Infinity, ...after.rowids.map((id) => id ?? -Infinity));
  before.rowids.forEach((id, i) => {
    if (id !== null && !afterIds.has(id) && (id <= lastShown || after.rows.length === after.total)) removed.add(i);
  });
  return { added, changed, removed };
}
