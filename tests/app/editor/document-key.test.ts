// Issue 2 in Node: each opened playground has its own documentKey (the editor keeps one set of
// models and undo histories per key), and an edit made for another key never lands.
import { expect, test } from "vitest";
import { filePath, fromFilePath } from "../../../src/app/editor/monaco";
import { MODELS_FILE } from "../../../src/app/playground.svelte";
import { openTab, startTab } from "../support/app-harness";

const FIRST = "// only in the first playground";

test("another playground gets another key; a command or a restored database does not", async () => {
  const tab = openTab();
  await startTab(tab);
  const first = tab.playground.documentKey;
  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.playground.run(["upgrade"]);
  expect(tab.playground.documentKey).toBe(first);
  await tab.undo.restore(tab.undo.steps[0]!.takenAt);
  expect(tab.playground.documentKey).toBe(first);

  await tab.library.create();
  expect(tab.playground.documentKey).not.toBe(first);
});

test("an imported zip and an opened link each get a key of their own; a refused link keeps the open one", async () => {
  const tab = openTab();
  await startTab(tab);
  const { fragment } = await tab.playground.share();
  const workspace = await tab.playground.exportWorkspace();
  const keys = [tab.playground.documentKey];
  await tab.library.openWorkspace(workspace);
  keys.push(tab.playground.documentKey);
  expect(await tab.playground.openShared(fragment)).toBe(true);
  keys.push(tab.playground.documentKey);
  expect(new Set(keys).size).toBe(3);

  expect(await tab.playground.openShared("#r1.damaged")).toBe(false);
  expect(tab.playground.documentKey).toBe(keys[2]);
  tab.playground.editFile(MODELS_FILE, `${tab.playground.fileText(MODELS_FILE)}\n${FIRST}\n`, keys[2]);
  expect(tab.playground.fileText(MODELS_FILE)).toContain(FIRST);
});

test("an edit from the previous playground's model is refused by the new one, and by storage", async () => {
  const tab = openTab();
  await startTab(tab);
  const firstKey = tab.playground.documentKey;
  tab.playground.editFile(MODELS_FILE, `${tab.playground.fileText(MODELS_FILE)}\n${FIRST}\n`, firstKey);
  await tab.library.create();
  const fresh = tab.playground.fileText(MODELS_FILE);
  expect(fresh).not.toContain(FIRST);

  // What Ctrl+Z (or any late change event) on the first playground's model would send.
  tab.playground.editFile(MODELS_FILE, `${fresh}\n${FIRST}\n`, firstKey);
  expect(tab.playground.fileText(MODELS_FILE)).toBe(fresh);
  await tab.library.autosave.flush();
  const saved = await tab.store.load(tab.library.currentId!);
  expect(saved.ok && saved.record.files[MODELS_FILE]).toBe(fresh);
});

test("an edit typed while another playground opens does not land in the one that opens", async () => {
  const tab = openTab();
  await startTab(tab);
  const firstKey = tab.playground.documentKey;
  const opening = tab.playground.open("Another");
  tab.playground.editFile(MODELS_FILE, `${tab.playground.fileText(MODELS_FILE)}\n${FIRST}\n`, firstKey);
  await opening;
  expect(tab.playground.fileText(MODELS_FILE)).not.toContain(FIRST);
  await tab.playground.flushEdits();
  const workspace = await tab.playground.exportWorkspace();
  expect(workspace.files[MODELS_FILE]).not.toContain(FIRST);
});

test("a model's URI path names its playground and file, and reads back", () => {
  expect(filePath(3, "migrations/versions/0123456789ab_first.ts")).toBe("/playground-3/migrations/versions/0123456789ab_first.ts");
  expect(fromFilePath(filePath(12, MODELS_FILE))).toEqual({ document: 12, path: MODELS_FILE });
  expect(fromFilePath("/node_modules/@types/retort/index.d.ts")).toBeNull();
});

test("an edit typed while a database is restored stays: the files are the same playground's", async () => {
  const tab = openTab();
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.playground.run(["upgrade"]);
  const key = tab.playground.documentKey;
  // The keystroke arrives while the restored database is on its way (the open request in flight).
  const open = tab.playground.open.bind(tab.playground);
  tab.playground.open = (...args) => {
    const opening = open(...args);
    tab.playground.editFile(MODELS_FILE, `${tab.playground.fileText(MODELS_FILE)}\n${FIRST}\n`, key);
    return opening;
  };
  expect(await tab.undo.restore(tab.undo.steps[0]!.takenAt)).toBe(true);
  expect(tab.playground.fileText(MODELS_FILE)).toContain(FIRST);
  expect((await tab.playground.exportWorkspace()).files[MODELS_FILE]).toContain(FIRST);
});
