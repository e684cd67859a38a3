import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { applyOps } from "../../../src/engine/execute";
import { addColumn, alterColumn, dropColumn, modifyTable, type MigrateOp } from "../../../src/engine/ops/ops";
import { column } from "../../../src/engine/schema/model";
import { recordingDb } from "./helpers";

const cases: Record<string, { ops: string[][]; create: string }> = JSON.parse(readFileSync(new URL("./fixtures/column-order.json", import.meta.url), "utf8"));

const toOp = ([kind, name, to]: string[]): MigrateOp =>
  kind === "add" ? addColumn("t", column(name!, { name: "Integer" })) : kind === "drop" ? dropColumn("t", name!) : alterColumn("t", name!, { newColumnName: to! });

test.each(Object.entries(cases))("case %s: the rebuilt table lists columns where Alembic puts them", async (_name, { ops, create }) => {
  const db = await recordingDb("CREATE TABLE t (id INTEGER NOT NULL, a INT, b INT, c INT, PRIMARY KEY (id));");
  applyOps(db, [modifyTable("t", ops.map(toOp))]);
  expect(db.statements[0]).toBe(create);
});
