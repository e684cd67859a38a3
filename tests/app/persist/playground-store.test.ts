import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { memoryStore, type KeyValueStore } from "../../../src/app/persist/kv-store";
import { MAX_SNAPSHOTS, PlaygroundStore } from "../../../src/app/persist/playground-store";
import { loadSavedPlayground, SAVED_FORMAT, type Upgrade } from "../../../src/app/persist/saved-format";

function storeWith(kv: KeyValueStore = memoryStore()) {
  let now = 1_000;
  let n = 0;
  return new PlaygroundStore({ kv, clock: () => (now += 10), newId: () => `id${++n}` });
}

const files = { "models.ts": "// models" };

describe("saved format", () => {
  test("every earlier format's golden record still loads", () => {
    for (let format = 1; format <= SAVED_FORMAT; format++) {
      const golden = JSON.parse(readFileSync(`${__dirname}/fixtures/saved-format-${format}.json`, "utf8"));
      const loaded = loadSavedPlayground(golden);
      expect(loaded).toMatchObject({ ok: true, record: { format: SAVED_FORMAT, id: `golden-${format}` } });
    }
  });

  test("upgrades run in order from the record's format to the current one", () => {
    const upgrades: Upgrade[] = [
      (r) => ({ ...r, title: `${r.title as string}+2` }),
      (r) => ({ ...r, title: `${r.title as string}+3` }),
    ];
    const golden = JSON.parse(readFileSync(`${__dirname}/fixtures/saved-format-1.json`, "utf8"));
    const loaded = loadSavedPlayground(golden, upgrades);
    expect(loaded).toMatchObject({ ok: true, record: { format: 3, title: "Tutorial (saved by format 1)+2+3" } });
  });

  test("a record from a newer Retort or without a format is refused, never thrown", () => {
    expect(loadSavedPlayground({ format: 99 })).toMatchObject({ ok: false, reason: expect.stringContaining("newer Retort") });
    expect(loadSavedPlayground({ id: "x" })).toMatchObject({ ok: false, reason: expect.stringContaining("no format") });
    expect(loadSavedPlayground(null)).toMatchObject({ ok: false });
    expect(loadSavedPlayground({ format: 1, id: "x" })).toMatchObject({ ok: false, reason: expect.stringContaining("damaged") });
  });
});

describe("playground store", () => {
  test("create, list (newest first), rename, duplicate and delete", async () => {
    const store = storeWith();
    const a = await store.create({ title: "A", files });
    const b = await store.create({ title: "B", files, database: new Uint8Array([1, 2, 3]) });
    expect(a.ok && b.ok).toBe(true);
    expect((await store.list()).map((s) => s.title)).toEqual(["B", "A"]);
    await store.rename("id1", "A renamed");
    expect((await store.list()).map((s) => s.title)).toEqual(["A renamed", "B"]);
    const copy = await store.duplicate("id2");
    expect(copy).toMatchObject({ ok: true, record: { title: "B (copy)", database: new Uint8Array([1, 2, 3]) } });
    await store.delete("id2");
    expect((await store.list()).map((s) => s.id).sort()).toEqual(["id1", "id3"]);
    expect(await store.load("id2")).toMatchObject({ ok: false });
  });

  test("a reload gets back exactly what was saved, database bytes included", async () => {
    const kv = memoryStore();
    const created = await storeWith(kv).create({ title: "T", files, database: new Uint8Array([9, 8, 7]) });
    if (!created.ok) throw new Error(created.message);
    const saved = await storeWith(kv).save({ ...created.record, files: { ...files, "migrations/versions/x.ts": "x" } });
    if (!saved.ok) throw new Error(saved.message);
    const reloaded = await storeWith(kv).load(created.record.id);
    expect(reloaded).toEqual({ ok: true, record: saved.record });
  });

  test("two tabs: the second save of a stale record is a conflict that returns the other tab's version", async () => {
    const kv = memoryStore();
    const created = await storeWith(kv).create({ title: "T", files });
    if (!created.ok) throw new Error("create failed");
    const tab1 = storeWith(kv);
    const tab2 = storeWith(kv);
    const first = await tab1.save({ ...created.record, files: { "models.ts": "tab 1" } });
    expect(first.ok).toBe(true);
    const second = await tab2.save({ ...created.record, files: { "models.ts": "tab 2" } });
    expect(second).toMatchObject({ ok: false, reason: "conflict", theirs: { files: { "models.ts": "tab 1" } } });
    const forced = await tab2.save({ ...created.record, files: { "models.ts": "tab 2" } }, { force: true });
    expect(forced.ok).toBe(true);
  });

  test("a full store is a clear result, not an exception", async () => {
    const full: KeyValueStore = {
      ...memoryStore(),
      set: async () => {
        throw Object.assign(new Error("quota"), { name: "QuotaExceededError" });
      },
    };
    const result = await storeWith(full).create({ title: "T", files });
    expect(result).toMatchObject({ ok: false, reason: "storage", message: expect.stringContaining("storage for this site is full") });
  });

  test(`snapshots keep the newest ${MAX_SNAPSHOTS}`, async () => {
    const store = storeWith();
    for (let i = 0; i < MAX_SNAPSHOTS + 5; i++) {
      await store.takeSnapshot("p", { label: `before step ${i}`, database: new Uint8Array([i]), heads: [] });
    }
    const snaps = await store.snapshots("p");
    expect(snaps).toHaveLength(MAX_SNAPSHOTS);
    expect(snaps[0]!.label).toBe("before step 5");
    expect(snaps.at(-1)!.database).toEqual(new Uint8Array([MAX_SNAPSHOTS + 4]));
  });
});

describe("saves from two tabs at the same moment", () => {
  // A store whose reads and writes answer later, as IndexedDB does, so two saves interleave.
  function slowKv(): KeyValueStore {
    const kv = memoryStore();
    const later = <T>(value: Promise<T>) => new Promise<T>((r) => setTimeout(() => r(value), 2));
    return { get: (k) => later(kv.get(k)), set: (k, v) => later(kv.set(k, v)), del: (k) => later(kv.del(k)), keys: () => later(kv.keys()) };
  }

  /** A lock like navigator.locks.request: one holder of a name at a time, in request order. */
  function lockManager() {
    const queues = new Map<string, Promise<unknown>>();
    return <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const before = queues.get(name) ?? Promise.resolve();
      const run = before.then(work, work);
      queues.set(name, run.catch(() => undefined));
      return run;
    };
  }

  test("with the lock, one of two saves from the same record wins and the other is a conflict", async () => {
    const kv = slowKv();
    let n = 0;
    const store = new PlaygroundStore({ kv, clock: () => 1_000, newId: () => `id${++n}`, lock: lockManager() });
    const created = await store.create({ title: "T", files });
    if (!created.ok) throw new Error(created.message);
    const mine = { ...created.record, files: { "models.ts": "mine" } };
    const theirs = { ...created.record, files: { "models.ts": "theirs" } };
    const results = await Promise.all([store.save(mine), store.save(theirs)]);
    expect(results.map((r) => (r.ok ? "ok" : r.reason))).toEqual(["ok", "conflict"]);
  });

  test("without it, both would pass the save-count check: the reason the browser passes navigator.locks", async () => {
    let n = 0;
    const store = new PlaygroundStore({ kv: slowKv(), clock: () => 1_000, newId: () => `id${++n}` });
    const created = await store.create({ title: "T", files });
    if (!created.ok) throw new Error(created.message);
    const results = await Promise.all([store.save({ ...created.record }), store.save({ ...created.record })]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
  });
});
