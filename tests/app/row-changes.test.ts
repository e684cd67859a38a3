import { expect, test } from "vitest";
import { rowChanges } from "../../src/app/row-changes";
import type { TableSampleView } from "../../src/app/protocol";

const sample = (columns: string[], rows: [number, ...(string | number | null)[]][]): TableSampleView => ({
  columns, rowids: rows.map((r) => r[0]), rows: rows.map((r) => r.slice(1)), total: rows.length,
});

test("rows are matched by rowid: changed cells, added rows and removed rows are told apart", () => {
  const before = sample(["id", "email"], [[1, 1, "a@x"], [2, 2, "b@x"], [3, 3, "c@x"]]);
  const after = sample(["id", "email", "name"], [[1, 1, "a@x", null], [3, 3, "C@x", "c"], [4, 4, "d@x", "d"]]);
  const changes = rowChanges(before, after);
  expect([...changes.changed]).toEqual(["1:1"]);
  expect([...changes.added]).toEqual([2]);
  expect([...changes.removed]).toEqual([1]);
});

test("a table that did not exist before has nothing to compare: no marks", () => {
  const after = sample(["id"], [[1, 1]]);
  expect(rowChanges(null, after)).toEqual({ added: new Set(), changed: new Set(), removed: new Set() });
});
