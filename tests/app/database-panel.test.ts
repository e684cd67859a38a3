// The database panel in Node, on the real engine host: the rows grid pages through a table a page
// at a time, each page read from the worker on its own.
import { expect, test } from "vitest";
import { DatabasePanel, ROW_LIMIT } from "../../src/app/database-panel.svelte";
import { EngineClient } from "../../src/app/engine-client";
import type { EngineRequest } from "../../src/app/protocol";
import { engineWorker, openTab, startTab } from "./support/app-harness";

test("the grid pages through a table: next, previous, first and last, with the range shown", async () => {
  const asked: EngineRequest[] = [];
  const client = new EngineClient(engineWorker(1, (handle) => (request, progress) => (asked.push(request), handle(request, progress))));
  const tab = openTab(undefined, null, undefined, client);
  await startTab(tab);
  const database = new DatabasePanel(client, tab.playground);
  await tab.playground.run(["migrate", "-m", "users"]);
  await tab.playground.run(["upgrade"]);
  database.sql = "INSERT INTO roles (name) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 502) SELECT 'r' || x FROM c";
  await database.runSql();

  await database.showRows("roles");
  expect(database.pageLabel).toBe("Rows 1–200 of 502");
  expect([database.hasPrevious, database.hasNext]).toEqual([false, true]);
  await database.goTo("next");
  expect(database.pageLabel).toBe("Rows 201–400 of 502");
  expect(database.rows?.rows[0]).toEqual([201, "r201"]);
  await database.goTo("last");
  expect(database.pageLabel).toBe("Rows 401–502 of 502");
  expect([database.hasPrevious, database.hasNext]).toEqual([true, false]);
  // an edit keeps the grid on its page
  await database.edit({ kind: "update", table: "roles", rowid: 450, values: { name: "edited" } });
  expect(database.pageLabel).toBe("Rows 401–502 of 502");
  await database.goTo("previous");
  expect(database.pageLabel).toBe("Rows 201–400 of 502");
  await database.goTo("first");
  expect(database.pageLabel).toBe("Rows 1–200 of 502");

  // every page was asked for alone: never more than ROW_LIMIT rows at a time
  const pages = asked.filter((r) => r.kind === "rows");
  expect(pages.every((r) => r.kind === "rows" && r.limit === ROW_LIMIT)).toBe(true);
  expect(pages.map((r) => (r.kind === "rows" ? r.offset : null)).slice(-6)).toEqual([0, 200, 400, 400, 200, 0]);
});

test("a table that fits on one page shows no range", async () => {
  const client = new EngineClient(engineWorker());
  const tab = openTab(undefined, null, undefined, client);
  await startTab(tab);
  const database = new DatabasePanel(client, tab.playground);
  await tab.playground.run(["migrate", "-m", "users"]);
  await tab.playground.run(["upgrade"]);
  await database.showRows("roles");
  expect(database.pageLabel).toBeNull();
  expect([database.hasPrevious, database.hasNext]).toEqual([false, false]);
});
