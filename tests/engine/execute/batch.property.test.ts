import fc from "fast-check";
import { expect, test } from "vitest";
import { applyOps, applyOpsToSchema } from "../../../src/engine/execute";
import { reflectSchema } from "../../../src/engine/reflect";
import { addColumn, alterColumn, createTable, dropColumn, modifyTable, type MigrateOp } from "../../../src/engine/ops/ops";
import { column, emptyTable, type Schema, type Table } from "../../../src/engine/schema/model";
import type { SqlType } from "../../../src/engine/schema/types";
import { recordingDb } from "./helpers";

const TYPES: SqlType[] = [{ name: "Integer" }, { name: "String", length: 20 }, { name: "Text" }, { name: "Float" }, { name: "Boolean" }, { name: "Date" }];
const NAMES = ["a", "b", "c", "d", "e"];

// A batch block of random column ops over columns a..e of a table t(id, a, b, c).
const opArb: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), name: fc.constantFrom(...NAMES), type: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant("drop" as const), name: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant("type" as const), name: fc.constantFrom(...NAMES), type: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant("rename" as const), name: fc.constantFrom(...NAMES), to: fc.constantFrom(...NAMES) }),
);

type Spec =
  | { kind: "add"; name: string; type: SqlType }
  | { kind: "drop"; name: string }
  | { kind: "type"; name: string; type: SqlType }
  | { kind: "rename"; name: string; to: string };

/** Turns the random specs into ops valid for the columns as they evolve (invalid ones are skipped). */
function toOps(specs: readonly Spec[]): { ops: MigrateOp[]; survivors: Map<string, string> } {
  const cols = new Set(["a", "b", "c"]);
  // current name -> original name, for columns whose values are copied unchanged
  const survivors = new Map([...cols].map((c) => [c, c]));
  const ops: MigrateOp[] = [];
  for (const s of specs) {
    if (s.kind === "add" && !cols.has(s.name)) {
      ops.push(addColumn("t", column(s.name, s.type)));
      cols.add(s.name);
    } else if (s.kind === "drop" && cols.has(s.name) && cols.size > 1) {
      ops.push(dropColumn("t", s.name));
      cols.delete(s.name);
      survivors.delete(s.name);
    } else if (s.kind === "type" && cols.has(s.name)) {
      ops.push(alterColumn("t", s.name, { type: s.type }));
      survivors.delete(s.name);
    } else if (s.kind === "rename" && cols.has(s.name) && !cols.has(s.to)) {
      ops.push(alterColumn("t", s.name, { newColumnName: s.to }));
      cols.delete(s.name);
      cols.add(s.to);
      const original = survivors.get(s.name);
      survivors.delete(s.name);
      if (original !== undefined) survivors.set(s.to, original);
    }
  }
  return { ops, survivors };
}

const T: Table = {
  ...emptyTable("t"),
  columns: [column("id", { name: "Integer" }, { nullable: false }), column("a", { name: "Integer" }), column("b", { name: "String", length: 20 }), column("c", { name: "Text" })],
  primaryKey: { name: null, columns: ["id"] },
};

const sortIndexes = (s: Schema) => ({ tables: s.tables.map((t) => ({ ...t, indexes: [...t.indexes].sort((x, y) => x.name.localeCompare(y.name)) })) });

test("any batch block keeps every row, copies untouched columns verbatim, and agrees with applyOpsToSchema", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(opArb, { minLength: 1, maxLength: 6 }),
      fc.array(fc.tuple(fc.option(fc.integer({ min: -5, max: 5 })), fc.option(fc.string({ maxLength: 4 })), fc.option(fc.constantFrom("x", "12", "1.5"))), { maxLength: 6 }),
      async (specs, rows) => {
        const { ops, survivors } = toOps(specs);
        if (ops.length === 0) return;
        const db = await recordingDb();
        applyOps(db, [createTable(T)]);
        rows.forEach(([a, b, c], i) => db.exec("INSERT INTO t VALUES (?, ?, ?, ?)", [i + 1, a, b, c]));
        const before = reflectSchema(db);
        const original = db.query("SELECT id, a, b, c FROM t ORDER BY id");
        applyOps(db, [modifyTable("t", ops)]);
        expect(db.query("SELECT COUNT(*) FROM t").rows[0]![0]).toBe(rows.length);
        for (const [now, was] of survivors) {
          const at = original.columns.indexOf(was);
          expect(db.query(`SELECT "${now}" FROM t ORDER BY id`).rows.map((r) => r[0])).toEqual(original.rows.map((r) => r[at]));
        }
        expect(sortIndexes(applyOpsToSchema(before, [modifyTable("t", ops)]))).toEqual(sortIndexes(reflectSchema(db)));
        db.close();
      },
    ),
    { numRuns: 40 },
  );
});
