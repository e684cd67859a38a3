import { expect, test } from "vitest";
import { Autosave, SAVE_PAUSE_MS } from "../../src/app/autosave";
import { memoryStore } from "../../src/app/persist/kv-store";
import { PlaygroundStore } from "../../src/app/persist/playground-store";
import type { WorkspaceData } from "../../src/app/protocol";
import { slowKv } from "./support/kv-wrappers";

function makeStore() {
  let n = 0;
  const kv = memoryStore();
  return { kv, store: new PlaygroundStore({ kv, clock: () => 1_700_000_000_000 + n, newId: () => `pg${++n}` }) };
}

test("the first save creates a record; later saves update it; a new session restores it", async () => {
  const { store } = makeStore();
  let current: WorkspaceData = { title: "T", files: { "models.ts": "a" }, database: null };
  const first = new Autosave(store, async () => current);
  expect(await first.restore()).toBeNull();
  await first.saveNow();
  current = { title: "T", files: { "models.ts": "b", "migrations/README": "x" }, database: new Uint8Array([1, 2, 3]) };
  first.changed();
  await first.flush();
  expect(await store.list()).toHaveLength(1);

  const second = new Autosave(store, async () => current);
  expect(await second.restore()).toEqual(current);
});

test("a save that another tab overtook is reported, not written over", async () => {
  const { store } = makeStore();
  const messages: (string | null)[] = [];
  const data: WorkspaceData = { title: "T", files: { "models.ts": "a" }, database: null };
  const tab1 = new Autosave(store, async () => data, (m) => messages.push(m));
  await tab1.saveNow();
  const tab2 = new Autosave(store, async () => ({ ...data, files: { "models.ts": "theirs" } }));
  await tab2.restore();
  await tab2.saveNow();
  await tab1.saveNow();
  expect(messages.at(-1)).toMatch(/changed in another tab/);
  const again = new Autosave(store, async () => data);
  expect((await again.restore())?.files["models.ts"]).toBe("theirs");
});

test("saves that overlap run one after the other, each from the record the last one wrote", async () => {
  // IndexedDB answers in later tasks: a store whose reads and writes wait lets saves interleave.
  const kv = memoryStore();
  const slow = slowKv(kv);
  const store = new PlaygroundStore({ kv: slow, clock: () => 1_700_000_000_000, newId: () => "pg1" });
  const messages: (string | null)[] = [];
  let n = 0;
  const autosave = new Autosave(store, async () => {
    return { title: "T", files: { "models.ts": `v${++n}` }, database: null };
  }, (m) => messages.push(m));
  await autosave.saveNow();
  await Promise.all([autosave.saveNow(), autosave.saveNow(), autosave.saveNow()]);
  expect(messages).toEqual([null, null, null, null]);
  // Each save started from the record the previous one wrote: one creation, then three saves.
  const saved = await store.load("pg1");
  expect(saved.ok && saved.record.saveCount).toBe(3);
  const again = new Autosave(store, async () => ({ title: "", files: {}, database: null }));
  expect((await again.restore())?.files["models.ts"]).toBe("v4");
});

test("another tab's save: ignored when older or for another playground, taken when nothing is unsaved, a choice otherwise", async () => {
  const { store } = makeStore();
  const data: WorkspaceData = { title: "T", files: { "models.ts": "a" }, database: null };
  const conflicts: string[] = [];
  const tab = new Autosave(store, async () => data, () => {}, { onConflict: (_t, m) => conflicts.push(m) });
  await tab.saveNow();
  const id = tab.record!.id;
  expect(await tab.remoteSaved("other", 5)).toBe("ignore");
  expect(await tab.remoteSaved(id, tab.record!.saveCount)).toBe("ignore");
  expect(await tab.remoteSaved(id, tab.record!.saveCount + 1)).toBe("reload");
  // A command still running counts as unsaved work.
  expect(await tab.remoteSaved(id, tab.record!.saveCount + 1, true)).toBe("conflict");
  expect(conflicts.at(-1)).toMatch(/saved in another tab/);
  tab.attach(tab.record);
  tab.changed();
  expect(await tab.remoteSaved(id, tab.record!.saveCount + 1)).toBe("conflict");
  // While the choice waits, the debounced save writes nothing.
  await tab.flush();
  const stored = await store.load(id);
  expect(stored.ok && stored.record.saveCount).toBe(tab.record!.saveCount);
});

test("saving as a copy while a save waits on its pause makes exactly one copy, with the copy's title", async () => {
  const { store } = makeStore();
  const data: WorkspaceData = { title: "T", files: { "models.ts": "a" }, database: null };
  const tab = new Autosave(store, async () => data, () => {}, { onConflict: () => {} });
  await tab.saveNow();
  const id = tab.record!.id;
  tab.changed();
  expect(await tab.remoteSaved(id, tab.record!.saveCount + 1)).toBe("conflict");
  tab.changed(); // a keystroke after the conflict: its save waits on the pause
  await Promise.all([tab.saveAsCopy("T (this tab's copy)"), tab.flush()]);
  await new Promise((r) => setTimeout(r, SAVE_PAUSE_MS + 50));
  const titles = (await store.list()).map((p) => p.title).sort();
  expect(titles).toEqual(["T", "T (this tab's copy)"]);
  expect(tab.record!.title).toBe("T (this tab's copy)");
});

test("a save still writing when another playground is attached finishes for its own record, and the next save makes a new one", async () => {
  const kv = memoryStore();
  const store = new PlaygroundStore({ kv: slowKv(kv), clock: () => 1_700_000_000_000, newId: (() => { let n = 0; return () => `pg${++n}`; })() });
  let current: WorkspaceData = { title: "First", files: { "models.ts": "first" }, database: null };
  let reading = () => {};
  const autosave = new Autosave(store, async () => (reading(), current));
  await autosave.saveNow();
  const read = new Promise<void>((r) => (reading = r));
  const writing = autosave.saveNow();
  await read; // the save has read the first playground and is writing it
  autosave.attach(null);
  current = { title: "Second", files: { "models.ts": "second" }, database: null };
  await autosave.saveNow();
  await writing;
  const list = await store.list();
  expect(list.map((p) => p.title).sort()).toEqual(["First", "Second"]);
  const first = await store.load("pg1");
  expect(first.ok && first.record.files["models.ts"]).toBe("first");
  expect(autosave.record?.title).toBe("Second");
});
