// The playground library in Node: many playgrounds, autosave at once after a command, the open
// tabs restored, the browser's refusals reported with nothing lost.
import { expect, test } from "vitest";
import { mayChange } from "../../src/app/library.svelte";
import { memoryStore } from "../../src/app/persist/kv-store";
import { SAVE_PAUSE_MS } from "../../src/app/autosave";
import { openTab, startTab, waitFor } from "./support/app-harness";
import { heldKv, refusingKv } from "./support/kv-wrappers";

test("a new tab starts a tutorial playground and saves it as the only record", async () => {
  const tab = openTab();
  await startTab(tab);
  expect(tab.library.currentId).not.toBeNull();
  const list = await tab.store.list();
  expect(list.map((p) => p.title)).toEqual(["Tutorial playground"]);
});

test("every command is saved at once, without waiting for the save pause", async () => {
  const kv = memoryStore();
  const tab = openTab(kv);
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.playground.run(["upgrade"]);
  // No flush: well before the save pause, the record holds the upgraded database and the new script.
  const upgraded = async () => {
    const loaded = await tab.store.load(tab.library.currentId!);
    return loaded.ok && loaded.record.database !== null && loaded.record.database.length > 0;
  };
  await waitFor(upgraded, SAVE_PAUSE_MS - 100);
  const saved = await tab.store.load(tab.library.currentId!);
  if (!saved.ok) throw new Error(saved.reason);
  expect(Object.keys(saved.record.files).some((f) => f.endsWith("_first.ts"))).toBe(true);
  expect(saved.record.database?.length ?? 0).toBeGreaterThan(0);
});

test("a reload restores the files, the current revision, the rows and the open tabs", async () => {
  const kv = memoryStore();
  const first = openTab(kv);
  await startTab(first);
  const made = await first.playground.run(["migrate", "-m", "first"]);
  expect(made.exitCode).toBe(0);
  await first.playground.run(["upgrade"]);
  const script = first.playground.scriptPaths[0]!;
  expect(first.playground.tabs).toContain(script);
  first.playground.activeTab = script;
  first.playground.editFile("models.ts", `${first.playground.fileText("models.ts")}\n// typed\n`);
  await first.library.autosave.flush();

  const second = openTab(kv);
  await startTab(second);
  expect(second.playground.fileText("models.ts")).toContain("// typed");
  expect(second.playground.snapshot?.history.current).toEqual(first.playground.snapshot?.history.current);
  expect(second.playground.tabs).toEqual(["models.ts", script]);
  expect(second.playground.activeTab).toBe(script);
  const record = await second.store.load(second.library.currentId!);
  expect(record.ok && record.record.ui.selectedRevision).toBe(first.playground.snapshot?.history.current[0]);
  expect(second.playground.snapshot?.tables.map((t) => t.name)).toContain("users");
});

test("create, switch, rename, duplicate and delete: the list is newest first and switching keeps each one's work", async () => {
  let now = 1_000;
  const tab = openTab(memoryStore(), null, () => (now += 1000));
  await startTab(tab);
  const firstId = tab.library.currentId!;
  await tab.playground.run(["migrate", "-m", "only in the first"]);
  await tab.library.create();
  const secondId = tab.library.currentId!;
  expect(secondId).not.toBe(firstId);
  expect(tab.playground.scriptPaths).toEqual([]);
  await tab.library.rename(secondId, "Second");
  expect(tab.library.playgrounds.map((p) => p.title)).toEqual(["Second", "Tutorial playground"]);

  await tab.library.switchTo(firstId);
  expect(tab.playground.scriptPaths).toHaveLength(1);
  expect(tab.notes.at(-1)).toMatch(/^— Opened the playground “Tutorial playground” \(saved /);
  expect(tab.library.currentTitle).toBe("Tutorial playground");
  await tab.library.duplicate(firstId);
  expect(tab.library.currentId).not.toBe(firstId);
  expect(tab.library.currentTitle).toBe("Tutorial playground (copy)");
  expect(tab.playground.scriptPaths).toHaveLength(1);

  const copyId = tab.library.currentId!;
  await tab.library.remove(copyId);
  expect((await tab.store.list()).map((p) => p.id).sort()).toEqual([firstId, secondId].sort());
  // Deleting the open playground opens the most recently changed one that is left: the first,
  // saved when the copy was made from it.
  expect(tab.library.currentId).toBe(firstId);
  expect(tab.library.currentTitle).toBe("Tutorial playground");
  expect(tab.playground.scriptPaths).toHaveLength(1);
});

test("a rename of the open playground survives its next autosave", async () => {
  const tab = openTab();
  await startTab(tab);
  const id = tab.library.currentId!;
  await tab.library.rename(id, "Renamed");
  tab.playground.editFile("models.ts", `${tab.playground.fileText("models.ts")}\n// x\n`);
  await tab.library.autosave.flush();
  const saved = await tab.store.load(id);
  expect(saved.ok && saved.record.title).toBe("Renamed");
  expect(tab.library.storage.save).toBeNull();
});

test("a full store says so and keeps the work in memory; the next save that fits clears the message", async () => {
  const kv = memoryStore();
  let full = false;
  const refusing = { ...kv, setMany: async (entries: readonly (readonly [string, unknown])[]) => {
    if (full) throw Object.assign(new Error("quota"), { name: "QuotaExceededError" });
    await kv.setMany(entries);
  } };
  const tab = openTab(refusing);
  await startTab(tab);
  full = true;
  tab.playground.editFile("models.ts", `${tab.playground.fileText("models.ts")}\n// unsaved\n`);
  await tab.library.autosave.flush();
  expect(tab.library.storage.save).toMatch(/storage for this site is full/);
  expect(tab.playground.fileText("models.ts")).toContain("// unsaved");
  expect(tab.library.autosave.unsaved).toBe(true);
  full = false;
  await tab.library.autosave.saveNow();
  expect(tab.library.storage.save).toBeNull();
  const saved = await tab.store.load(tab.library.currentId!);
  expect(saved.ok && saved.record.files["models.ts"]).toContain("// unsaved");
});

test("persistent storage: granted, refused and missing are each said", async () => {
  const tab = openTab();
  await tab.library.requestPersistence(async () => true);
  expect(tab.library.persistence).toMatch(/keeps these playgrounds/);
  await tab.library.requestPersistence(async () => false);
  expect(tab.library.persistence).toMatch(/did not promise/);
  await tab.library.requestPersistence(undefined);
  expect(tab.library.persistence).toMatch(/did not promise/);
  await tab.library.requestPersistence(async () => Promise.reject(new Error("no")));
  expect(tab.library.persistence).toMatch(/did not promise/);
});

test("an edit to a file the open playground does not have (an editor left from another) is ignored", async () => {
  const tab = openTab();
  await startTab(tab);
  tab.playground.editFile("migrations/versions/0123456789ab_gone.ts", "");
  await tab.playground.flushEdits();
  await tab.library.autosave.flush();
  const saved = await tab.store.load(tab.library.currentId!);
  expect(saved.ok && Object.keys(saved.record.files).filter((f) => f.includes("gone"))).toEqual([]);
  expect(tab.playground.snapshot?.history.error ?? null).toBeNull();
});

test("commands that only read are not saved at once; the ones that may change the playground are", async () => {
  expect(mayChange(["upgrade"])).toBe(true);
  expect(mayChange(["stamp", "head"])).toBe(true);
  expect(mayChange(["history"])).toBe(false);
  expect(mayChange(["upgrade", "base:head", "--sql"])).toBe(false);
  expect(mayChange(["migrate", "--help"])).toBe(false);
  const tab = openTab();
  await startTab(tab);
  const count = async () => {
    const loaded = await tab.store.load(tab.library.currentId!);
    return loaded.ok ? loaded.record.saveCount : -1;
  };
  const before = await count();
  await tab.playground.run(["history"]);
  await new Promise((r) => setTimeout(r, 100));
  expect(await count()).toBe(before);
  await tab.playground.run(["migrate", "-m", "first"]);
  // Well before the save pause (SAVE_PAUSE_MS) would have written it.
  await waitFor(async () => (await count()) > before, SAVE_PAUSE_MS - 100);
});

test("storage that refuses everything (private mode): the playground still opens, and the refusal is said", async () => {
  const refuse = async () => {
    throw Object.assign(new Error("The operation is insecure."), { name: "SecurityError" });
  };
  const tab = openTab(refusingKv(refuse));
  await startTab(tab);
  await tab.undo.refresh();
  expect(tab.playground.snapshot?.files["models.ts"]).toContain("class User");
  expect(tab.library.storage.save).toMatch(/The browser refused to save \(The operation is insecure\.\)/);
  expect(tab.undo.steps).toEqual([]);
  const result = await tab.playground.run(["migrate", "-m", "first"]);
  expect(result.exitCode).toBe(0);
});

test("a new playground made while a save is still writing keeps both: neither is saved over the other", async () => {
  // IndexedDB answering slowly (as under load): a save with nothing left to count (the debounced
  // one after a command's own) is still writing when the menu's "New tutorial playground" runs.
  const kv = heldKv(memoryStore(), 400);
  const tab = openTab(kv);
  await startTab(tab);
  const firstId = tab.library.currentId!;
  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.library.autosave.flush();
  const writing = kv.hold();
  void tab.library.autosave.saveNow();
  await writing;
  await tab.library.create();
  const secondId = tab.library.currentId!;
  expect(secondId).not.toBe(firstId);
  expect((await tab.store.list()).map((p) => p.id).sort()).toEqual([firstId, secondId].sort());
  const first = await tab.store.load(firstId);
  if (!first.ok) throw new Error(first.reason);
  expect(Object.keys(first.record.files).some((f) => f.endsWith("_first.ts"))).toBe(true);
  const second = await tab.store.load(secondId);
  if (!second.ok) throw new Error(second.reason);
  expect(Object.keys(second.record.files).some((f) => f.endsWith("_first.ts"))).toBe(false);
});
