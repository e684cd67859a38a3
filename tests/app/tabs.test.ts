// Two tabs on one playground (issue 5): each hears the other's saves; a tab with nothing unsaved
// follows the other, one with unsaved changes gets the choice, and no choice loses work.
import { expect, test } from "vitest";
import { memoryStore } from "../../src/app/persist/kv-store";
import { channelBus, openTab, startTab, waitFor } from "./support/app-harness";

async function twoTabs() {
  const kv = memoryStore();
  const join = channelBus();
  const a = openTab(kv, join());
  await startTab(a);
  const b = openTab(kv, join());
  await startTab(b);
  expect(b.library.currentId).toBe(a.library.currentId);
  return { a, b };
}

const models = (tab: ReturnType<typeof openTab>) => tab.playground.fileText("models.ts");

test("a tab with nothing unsaved follows the other tab's save", async () => {
  const { a, b } = await twoTabs();
  await a.playground.run(["migrate", "-m", "from a"]);
  await waitFor(() => b.playground.scriptPaths.length === 1);
  expect(b.library.conflict).toBeNull();
});

test("unsaved changes in both tabs: keep theirs, keep mine, or save mine as a copy", async () => {
  const { a, b } = await twoTabs();
  const id = a.library.currentId!;
  b.playground.editFile("models.ts", `${models(b)}\n// b's edit\n`);
  a.playground.editFile("models.ts", `${models(a)}\n// a's edit\n`);
  await a.library.autosave.flush();
  await waitFor(() => b.library.conflict !== null);
  expect(b.library.conflict).toMatch(/saved in another tab/);
  // b's pending save must not go over a's.
  await b.library.autosave.flush();
  const stored = await a.store.load(id);
  expect(stored.ok && stored.record.files["models.ts"]).toContain("// a's edit");

  await b.library.resolve("copy");
  expect(b.library.currentId).not.toBe(id);
  const copy = await b.store.load(b.library.currentId!);
  expect(copy.ok && copy.record.files["models.ts"]).toContain("// b's edit");
  expect(copy.ok && copy.record.title).toBe("Tutorial playground (this tab's copy)");
  const theirs = await b.store.load(id);
  expect(theirs.ok && theirs.record.files["models.ts"]).toContain("// a's edit");
});

test("keep mine overwrites the other tab's save; a tab with nothing unsaved follows; keep theirs loads theirs", async () => {
  const { a, b } = await twoTabs();
  const id = a.library.currentId!;
  b.playground.editFile("models.ts", `${models(b)}\n// b wins\n`);
  a.playground.editFile("models.ts", `${models(a)}\n// a first\n`);
  await a.library.autosave.flush();
  await waitFor(() => b.library.conflict !== null);
  await b.library.resolve("mine");
  const stored = await b.store.load(id);
  expect(stored.ok && stored.record.files["models.ts"]).toContain("// b wins");
  expect(b.library.conflict).toBeNull();

  // a had nothing unsaved left, so it follows b's overwrite by itself.
  await waitFor(() => models(a).includes("// b wins"));
  expect(a.library.conflict).toBeNull();

  // a edits and, before its save pause ends, b saves again: a is asked, and takes theirs.
  a.playground.editFile("models.ts", `${models(a)}\n// a again\n`);
  b.playground.editFile("models.ts", `${models(b)}\n// b again\n`);
  await b.library.autosave.flush();
  await waitFor(() => a.library.conflict !== null);
  await a.library.resolve("theirs");
  expect(models(a)).toContain("// b again");
  expect(models(a)).not.toContain("// a again");
  // After the choice, saving works again without a conflict.
  a.playground.editFile("models.ts", `${models(a)}\n// later\n`);
  await a.library.autosave.flush();
  expect(a.library.conflict).toBeNull();
  const after = await a.store.load(id);
  expect(after.ok && after.record.files["models.ts"]).toContain("// later");
});

test("following the other tab's save keeps this tab's own open tabs", async () => {
  const { a, b } = await twoTabs();
  await a.playground.run(["migrate", "-m", "first"]);
  await waitFor(() => b.playground.scriptPaths.length === 1);
  // a has the new script open (a command opens it); b keeps only models.ts open.
  expect(a.playground.tabs).toHaveLength(2);
  expect(b.playground.tabs).toEqual(["models.ts"]);
});
