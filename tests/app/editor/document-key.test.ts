// Issue 2 in Node: each opened playground has its own documentKey (the editor keeps one set of
// models and undo histories per key), and an edit made for another key never lands.
import { expect, test } from "vitest";
import { filePath, fromFilePath } from "../../../src/app/editor/monaco";
import { EngineClient } from "../../../src/app/engine-client";
import { memoryStore } from "../../../src/app/persist/kv-store";
import { MODELS_FILE } from "../../../src/app/playground.svelte";
import { engineWorker, openTab, startTab } from "../support/app-harness";

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

test("edits typed while a database is restored stay: the files are the same playground's", async () => {
  // The keystrokes arrive while the worker answers the restore's requests (the database kept
  // before it, the restored one put in place), as on a 150 MB database that takes a while.
  let typing: ((kind: string) => void) | null = null;
  const client = new EngineClient(engineWorker(1, (handle) => async (request, progress) => {
    const answer = await handle(request, progress);
    typing?.(request.kind);
    return answer;
  }));
  const tab = openTab(memoryStore(), null, () => Date.now(), client);
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.playground.run(["upgrade"]);
  const key = tab.playground.documentKey;
  const typed: string[] = [];
  typing = (kind) => {
    if (kind !== "workspace" && kind !== "replace-database") return;
    typed.push(`// typed during ${kind} (${typed.length + 1})`);
    tab.playground.editFile(MODELS_FILE, `${tab.playground.fileText(MODELS_FILE)}\n${typed.at(-1)}\n`, key);
  };
  expect(await tab.undo.restore(tab.undo.steps[0]!.takenAt)).toBe(true);
  typing = null;
  expect(typed.some((t) => t.includes("during workspace"))).toBe(true);
  for (const line of typed) expect(tab.playground.fileText(MODELS_FILE)).toContain(line);
  expect(tab.playground.snapshot!.history.current).toEqual([]);
  const files = (await tab.playground.exportWorkspace()).files[MODELS_FILE];
  for (const line of typed) expect(files).toContain(line);
});

test("an edit typed while a link opens that is refused stays in the playground, as the editor shows it", async () => {
  const tab = openTab();
  await startTab(tab);
  const key = tab.playground.documentKey;
  const opening = tab.playground.openShared("#r1.damaged");
  tab.playground.editFile(MODELS_FILE, `${tab.playground.fileText(MODELS_FILE)}\n${FIRST}\n`, key);
  expect(await opening).toBe(false);
  expect(tab.playground.documentKey).toBe(key);
  expect(tab.playground.fileText(MODELS_FILE)).toContain(FIRST);
  expect((await tab.playground.exportWorkspace()).files[MODELS_FILE]).toContain(FIRST);
});
