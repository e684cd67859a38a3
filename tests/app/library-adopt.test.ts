// "Open a SQLite file…" through the library: a new saved playground titled after the file, the
// one open before kept in the list; a refused file opens nothing and saves nothing new.
import { expect, test } from "vitest";
import { openSqlJs } from "../../src/engine/index";
import { PlaygroundLibrary } from "../../src/app/library.svelte";
import { memoryStore, type KeyValueStore } from "../../src/app/persist/kv-store";
import { PlaygroundStore } from "../../src/app/persist/playground-store";
import { Playground } from "../../src/app/playground.svelte";
import { engineClient, openTab, startTab } from "./support/app-harness";

async function shopFile(): Promise<Uint8Array> {
  const db = await openSqlJs();
  db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(120)); INSERT INTO customers VALUES (1, 'a@x');");
  const bytes = db.export();
  db.close();
  return bytes;
}

test("a SQLite file opens as a new playground titled after it; the tutorial stays in the list", async () => {
  const tab = openTab();
  await startTab(tab);
  const tutorial = tab.library.currentId;
  expect(await tab.library.adoptFile({ name: "shop.db", bytes: await shopFile() })).toBeNull();
  expect(tab.library.currentId).not.toBe(tutorial);
  expect(tab.library.currentTitle).toBe("shop.db");
  expect(tab.playground.snapshot?.tables.map((t) => t.name)).toEqual(["customers"]);
  const titles = (await tab.store.list()).map((p) => p.title).sort();
  expect(titles).toEqual(["Tutorial playground", "shop.db"]);
  const saved = await tab.store.load(tab.library.currentId!);
  expect(saved.ok && saved.record.database!.subarray(0, 15)).toEqual(new TextEncoder().encode("SQLite format 3"));
});

test("a refused file: the message, the same playground open, nothing new saved", async () => {
  const tab = openTab();
  await startTab(tab);
  const before = { id: tab.library.currentId, models: tab.playground.fileText("models.ts") };
  const refused = await tab.library.adoptFile({ name: "empty.db", bytes: new Uint8Array() });
  expect(refused).toBe("empty.db is empty (0 bytes): it holds no database. Choose the .sqlite/.db file that holds your tables.");
  expect({ id: tab.library.currentId, models: tab.playground.fileText("models.ts") }).toEqual(before);
  expect((await tab.store.list()).map((p) => p.title)).toEqual(["Tutorial playground"]);
});

/** A memory store whose writes wait, while `held`, until `release` is called. */
function heldWrites(): KeyValueStore & { held: boolean; release(): void } {
  const kv = memoryStore();
  const waiting: (() => void)[] = [];
  const gate = async () => {
    if (store.held) await new Promise<void>((go) => waiting.push(go));
  };
  const store = {
    ...kv,
    held: false,
    release() {
      store.held = false;
      for (const go of waiting.splice(0)) go();
    },
    set: async (key: string, value: unknown) => (await gate(), kv.set(key, value)),
    setMany: async (entries: readonly (readonly [string, unknown])[]) => (await gate(), kv.setMany(entries)),
    update: async (...args: Parameters<KeyValueStore["update"]>) => (await gate(), kv.update(...args)),
  };
  return store;
}

test("the adopted file is shown (views refreshed) before its save to storage, slow for a large file, is waited for", { timeout: 10_000 }, async () => {
  const kv = heldWrites();
  const playground = new Playground(engineClient());
  const store = new PlaygroundStore({ kv, clock: () => Date.now(), newId: () => crypto.randomUUID() });
  let refreshedBeforeSave = false;
  const refreshViews = async () => {
    if (!kv.held) return;
    refreshedBeforeSave = !(await store.list()).some((p) => p.title === "shop.db");
    kv.release();
    // a change saved before the first save: into the new playground's record, not the tutorial's
    library.autosave.changed();
    await library.autosave.flush();
  };
  const library = new PlaygroundLibrary({ store, playground, tutorialTitle: "Tutorial playground", refreshViews, channel: null });
  await playground.open("Tutorial playground");
  await library.adoptNew();
  const tutorial = library.currentId!;
  const tutorialModels = playground.fileText("models.ts");
  kv.held = true;
  expect(await library.adoptFile({ name: "shop.db", bytes: await shopFile() })).toBeNull();
  await library.autosave.flush();
  expect(refreshedBeforeSave).toBe(true);
  expect((await store.list()).map((p) => p.title).sort()).toEqual(["Tutorial playground", "shop.db"]);
  const kept = await store.load(tutorial);
  expect(kept.ok && kept.record.files["models.ts"]).toBe(tutorialModels);
});
