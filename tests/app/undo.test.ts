// Undo snapshots in Node: a snapshot before every upgrade or downgrade (not before offline --sql),
// restoring puts the database back and is itself undoable, and the bound holds.
import { expect, test } from "vitest";
import { memoryStore } from "../../src/app/persist/kv-store";
import { MAX_SNAPSHOTS } from "../../src/app/persist/playground-store";
import { changesDatabase } from "../../src/app/playground.svelte";
import { SNAPSHOT_BOUND_TEXT } from "../../src/app/undo.svelte";
import { openTab, startTab } from "./support/app-harness";

const tableNames = (tab: ReturnType<typeof openTab>) => tab.playground.snapshot?.tables.map((t) => t.name) ?? [];

test("only upgrades and downgrades that touch the database take a snapshot", () => {
  expect(changesDatabase(["upgrade"])).toBe(true);
  expect(changesDatabase(["downgrade", "base"])).toBe(true);
  expect(changesDatabase(["upgrade", "base:head", "--sql"])).toBe(false);
  expect(changesDatabase(["migrate"])).toBe(false);
  expect(SNAPSHOT_BOUND_TEXT).toBe(`The last ${MAX_SNAPSHOTS} steps are kept.`);
});

test("restoring the step before an upgrade puts back the database, and the restore can be undone", async () => {
  const tab = openTab();
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.playground.run(["upgrade"]);
  const revision = tab.playground.snapshot!.history.current;
  expect(revision).toHaveLength(1);
  await tab.playground.run(["upgrade", "base:head", "--sql"]);
  expect(tab.undo.steps.map((s) => s.label)).toEqual(["before flask db upgrade"]);
  expect(tab.undo.steps[0]!.heads).toEqual([]);

  await tab.undo.restore(tab.undo.steps[0]!.takenAt);
  expect(tab.playground.snapshot!.history.current).toEqual([]);
  expect(tableNames(tab)).toEqual(["alembic_version"].filter((t) => tableNames(tab).includes(t)));
  expect(tableNames(tab)).not.toContain("users");
  // The files stay as they are: the script is still there to upgrade again.
  expect(tab.playground.scriptPaths).toHaveLength(1);
  // The restore kept the upgraded database first, so it can be undone in turn.
  expect(tab.undo.steps[0]!.label).toBe("before restoring the database before flask db upgrade");
  expect(tab.undo.steps[0]!.heads).toEqual(revision);
  await tab.undo.restore(tab.undo.steps[0]!.takenAt);
  expect(tab.playground.snapshot!.history.current).toEqual(revision);
  expect(tableNames(tab)).toContain("users");

  // The restored database is what storage holds, so a reload keeps it.
  const saved = await tab.store.load(tab.library.currentId!);
  expect(saved.ok && saved.record.database?.length).toBeGreaterThan(0);
});

test("a downgrade from the terminal is kept too, with the revision the database had", async () => {
  const tab = openTab();
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.playground.run(["upgrade"]);
  const revision = tab.playground.snapshot!.history.current;
  await tab.playground.run(["downgrade", "base"], "flask db downgrade base");
  expect(tab.undo.steps[0]!.label).toBe("before flask db downgrade base");
  expect(tab.undo.steps[0]!.heads).toEqual(revision);
  await tab.undo.restore(tab.undo.steps[0]!.takenAt);
  expect(tab.playground.snapshot!.history.current).toEqual(revision);
});

test("only the last MAX_SNAPSHOTS steps are kept, newest first", async () => {
  const tab = openTab();
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  for (let i = 0; i < MAX_SNAPSHOTS / 2 + 1; i++) {
    await tab.playground.run(["upgrade"]);
    await tab.playground.run(["downgrade"]);
  }
  expect(tab.undo.steps).toHaveLength(MAX_SNAPSHOTS);
  expect(tab.undo.steps[0]!.label).toBe("before flask db downgrade");
  expect(tab.undo.steps[0]!.takenAt).toBeGreaterThanOrEqual(tab.undo.steps[MAX_SNAPSHOTS - 1]!.takenAt);
});

test("a snapshot that cannot be stored is reported, and the step still runs", async () => {
  const tab = openTab();
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  const store = tab.store as unknown as { takeSnapshot: typeof tab.store.takeSnapshot };
  store.takeSnapshot = async () => ({ ok: false, message: "The browser's storage for this site is full." });
  const result = await tab.playground.run(["upgrade"]);
  expect(result.exitCode).toBe(0);
  expect(tab.undo.error).toMatch(/could not be kept before this step.*storage for this site is full/);
});

test("a restore stores no second copy of a database: the step's chunks are the ones the playground saves", async () => {
  const kv = memoryStore();
  const chunkCount = () => [...kv.data.keys()].filter((k) => k.startsWith("chunk:")).length;
  const tab = openTab(kv);
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.playground.run(["upgrade"]);
  const upgraded = tab.playground.snapshot!.history.current;
  await tab.library.autosave.saveNow();
  await tab.playground.run(["downgrade"]);
  await tab.library.autosave.saveNow();
  const before = chunkCount();
  expect(before).toBeGreaterThan(0);
  // the step before the downgrade: the upgraded database, whose chunks the step list keeps
  await tab.undo.restore(tab.undo.steps[0]!.takenAt);
  await tab.library.autosave.saveNow();
  expect(tab.playground.snapshot!.history.current).toEqual(upgraded);
  expect(chunkCount()).toBe(before);
});
