// Differential check against the real tool: fixtures/alembic-random-pairs.json holds random
// database/model pairs and what Alembic 1.8.1 logged for each (produce_migrations with
// compare_type=True and render_as_batch=True on SQLAlchemy 1.4.46). The database side is the DDL
// SQLAlchemy's create_all emitted, the model side the Table objects as plain Schema values.
// Regenerate with: /usr/bin/python3 fixtures/gen_alembic_pairs.py 60 fixtures/alembic-random-pairs.json
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { compareSchemas } from "../../../src/engine/autogenerate";
import type { MigrateOp } from "../../../src/engine/ops/ops";
import type { Schema } from "../../../src/engine/schema/model";
import { databaseWith } from "./helpers";

interface Case {
  readonly seed: number;
  readonly ddl: string;
  readonly models: Schema;
  readonly messages: string[];
  readonly opCount: number;
}

const { cases } = JSON.parse(readFileSync(resolve(__dirname, "fixtures/alembic-random-pairs.json"), "utf8")) as { cases: Case[] };

const leafCount = (ops: readonly MigrateOp[]): number => ops.reduce((n, o) => n + (o.kind === "modify_table" ? leafCount(o.ops) : 1), 0);

describe("compareSchemas agrees with Alembic on random pairs", () => {
  test.each(cases.map((c) => [c.seed, c] as const))("pair %i", async (_seed, c) => {
    const { schema: db } = await databaseWith(c.ddl);
    const result = compareSchemas(db, c.models);
    // Alembic walks Python sets for removed tables, removed columns and foreign keys, so its
    // order there changes between runs: the lines are compared as a multiset.
    expect([...result.messages].sort()).toEqual([...c.messages].sort());
    expect(leafCount(result.ops)).toBe(c.opCount);
  });
});
