// The baseline the schema diagram compares against, outside a step-through: the tables before
// the last step the user ran (a command, a SQL statement), and none on a newly opened playground.
import { expect, test } from "vitest";
import { DatabasePanel } from "../../src/app/database-panel.svelte";
import { EngineClient } from "../../src/app/engine-client";
import { engineWorker, openTab, startTab } from "./support/app-harness";

const names = (tables: readonly { name: string }[] | null | undefined) => tables?.map((t) => t.name) ?? null;

test("each step's baseline is the schema before it; opening a playground has none", async () => {
  const client = new EngineClient(engineWorker());
  const tab = openTab(undefined, null, undefined, client);
  await startTab(tab);
  const { playground } = tab;
  expect(playground.baseline).toBeNull();

  await playground.run(["migrate", "-m", "users"]);
  await playground.run(["upgrade"]);
  expect(names(playground.baseline)).toEqual([]);
  const upgraded = playground.snapshot!.tables;

  const database = new DatabasePanel(client, playground);
  database.sql = "CREATE TABLE _alembic_tmp_x (id INTEGER)";
  await database.runSql();
  expect(playground.baseline).toBe(upgraded);
  expect(names(playground.snapshot?.tables)).toContain("_alembic_tmp_x");

  await playground.open("Another playground");
  expect(playground.baseline).toBeNull();
});
