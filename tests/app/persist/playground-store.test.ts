import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { memoryStore, type KeyValueStore } from "../../../src/app/persist/kv-store";
import { MAX_SNAPSHOTS, PlaygroundStore } from "../../../src/app/persist/playground-store";
import { slowKv } from "../support/kv-wrappers";
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

  test("a format-1 record whose database is not bytes is refused as damaged, not upgraded to one without a database", () => {
    const golden = JSON.parse(readFileSync(`${__dirname}/fixtures/saved-format-1.json`, "utf8"));
    expect(loadSavedPlayground({ ...golden, database: { 0: 83, 1: 81 } })).toMatchObject({ ok: false, reason: expect.stringContaining("damaged") });
    expect(loadSavedPlayground({ ...golden, database: null })).toMatchObject({ ok: true, record: { database: null } });
  });
});

describe("playground store", () => {
  test("create, list (newest first), rename, duplicate and delete", async () => {
    const store = storeWith();
    const a = await store.create({ title: "A", files });
    const b = await store.create({ title: "B", files, database: new Uint8Array([1, 2, 3]) });
    expect(a.ok && b.ok).toBe(true);
    expect((await store.list()).map((s) => s.title)).toEqual(["B", "A"]);
    await store.rename(a.ok ? a.record.id : "", "A renamed");
    expect((await store.list()).map((s) => s.title)).toEqual(["A renamed", "B"]);
    const copy = await store.duplicate(b.ok ? b.record.id : "");
    expect(copy).toMatchObject({ ok: true, record: { title: "B (copy)", database: new Uint8Array([1, 2, 3]) } });
    const ids = [a, b, copy].map((r) => (r.ok ? r.record.id : ""));
    await store.delete(ids[1]!);
    expect((await store.list()).map((s) => s.id).sort()).toEqual([ids[0], ids[2]].sort());
    expect(await store.load(ids[1]!)).toMatchObject({ ok: false });
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
      setMany: async () => {
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
    expect(await store.snapshotDatabase("p", snaps.at(-1)!.takenAt)).toEqual({ ok: true, database: new Uint8Array([MAX_SNAPSHOTS + 4]) });
  });
});

describe("saves from two tabs at the same moment", () => {
  // A store whose reads and writes answer later, as IndexedDB does, so two saves interleave.

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
    const kv = slowKv(memoryStore());
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
    const store = new PlaygroundStore({ kv: slowKv(memoryStore()), clock: () => 1_000, newId: () => `id${++n}` });
    const created = await store.create({ title: "T", files });
    if (!created.ok) throw new Error(created.message);
    const results = await Promise.all([store.save({ ...created.record }), store.save({ ...created.record })]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
  });
});

describe("databases in chunks", () => {
  const CHUNK = 4;
  const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) % 251);
  function chunked(kv: KeyValueStore = memoryStore()) {
    let n = 0;
    return new PlaygroundStore({ kv, clock: () => 1_000 + n, newId: () => `id${++n}`, chunkBytes: CHUNK });
  }
  const chunkKeys = (kv: { data: Map<string, unknown> }) => [...kv.data.keys()].filter((k) => k.startsWith("chunk:")).sort();
  async function created(store: PlaygroundStore, database: Uint8Array | null) {
    const result = await store.create({ title: "T", files, database });
    if (!result.ok) throw new Error(result.message);
    return result.record;
  }

  test("a database is stored as chunks no larger than the chunk size, and reads back whole", async () => {
    const kv = memoryStore();
    const record = await created(chunked(kv), bytes(10));
    const keys = chunkKeys(kv);
    expect(keys).toHaveLength(3);
    for (const key of keys) {
      const chunk = kv.data.get(key) as Uint8Array;
      expect(chunk.length).toBeLessThanOrEqual(CHUNK);
      // its own bytes only: a view into the whole database would be stored with all of it
      expect(chunk.buffer.byteLength).toBe(chunk.length);
    }
    expect(kv.data.get(`pg:${record.id}`)).toMatchObject({ format: SAVED_FORMAT, database: { chunks: keys, size: 10 } });
    const loaded = await chunked(kv).load(record.id);
    expect(loaded).toEqual({ ok: true, record });
  });

  test("a save replaces the chunks: the old ones go, and a save with the same database writes none", async () => {
    const kv = memoryStore();
    const writes: string[] = [];
    const store = chunked({
      ...kv,
      setMany: async (entries) => (writes.push(...entries.map(([k]) => k)), kv.setMany(entries)),
      update: (keys, prefix, decide) => kv.update(keys, prefix, (values, prefixed) => {
        const plan = decide(values, prefixed);
        writes.push(...(plan.set ?? []).map(([k]) => k));
        return plan;
      }),
    });
    const first = await created(store, bytes(10));
    const before = chunkKeys(kv);
    const second = await store.save({ ...first, database: bytes(6, 2) });
    if (!second.ok) throw new Error("save failed");
    const after = chunkKeys(kv);
    expect(after).toHaveLength(2);
    expect(after.some((k) => before.includes(k))).toBe(false);
    // a typed edit: the database is equal (not the same object), so its chunks stay as they are
    writes.length = 0;
    const third = await store.save({ ...second.record, database: bytes(6, 2), files: { "models.ts": "edited" } });
    expect(third.ok).toBe(true);
    expect(writes).toEqual([`pg:${first.id}`, `meta:${first.id}`]);
    expect(chunkKeys(kv)).toEqual(after);
    expect(await chunked(kv).load(first.id)).toMatchObject({ ok: true, record: { database: bytes(6, 2), files: { "models.ts": "edited" } } });
  });

  test("a crash in the middle of a save leaves the old version whole; the chunks it left are deleted by the next save", async () => {
    const kv = memoryStore();
    const first = await created(chunked(kv), bytes(10));
    const oldChunks = chunkKeys(kv);
    // the worst case of a crash: the new chunks landed, the record that would point at them did not
    const crashing = { ...kv, setMany: async (entries: readonly (readonly [string, unknown])[]) => {
      await kv.setMany(entries.filter(([k]) => k.startsWith("chunk:")));
      throw new Error("the tab was closed");
    } };
    const crashed = await chunked(crashing).save({ ...first, database: bytes(12, 3) });
    expect(crashed).toMatchObject({ ok: false, reason: "storage" });
    expect(chunkKeys(kv).length).toBeGreaterThan(oldChunks.length);
    expect(await chunked(kv).load(first.id)).toEqual({ ok: true, record: first });

    const next = await chunked(kv).save({ ...first, database: bytes(5, 4) });
    if (!next.ok) throw new Error("save failed");
    expect(chunkKeys(kv)).toEqual((kv.data.get(`pg:${first.id}`) as { database: { chunks: string[] } }).database.chunks.slice().sort());
    expect(chunkKeys(kv)).toHaveLength(2);
  });

  test("a failed write of the record (a full store) writes no chunk either", async () => {
    const kv = memoryStore();
    const first = await created(chunked(kv), bytes(10));
    const before = new Map(kv.data);
    const full = { ...kv, setMany: async () => {
      throw Object.assign(new Error("quota"), { name: "QuotaExceededError" });
    } };
    expect(await chunked(full).save({ ...first, database: bytes(30) })).toMatchObject({ ok: false, reason: "storage" });
    expect(kv.data).toEqual(before);
  });

  test("old chunks that a crash kept (before they were deleted) are swept at the next start", async () => {
    const kv = memoryStore();
    const store = chunked(kv);
    const first = await created(store, bytes(10));
    const keepAll: KeyValueStore = { ...kv, update: async (keys, prefix, decide) => {
      if ((decide(await kv.getMany(keys), (await kv.keys()).filter((k) => prefix !== null && k.startsWith(prefix))).del ?? []).length > 0) throw new Error("the tab was closed");
      return kv.update(keys, prefix, decide);
    } };
    const saved = await chunked(keepAll).save({ ...first, database: bytes(8, 5) });
    expect(saved.ok).toBe(true);
    expect(chunkKeys(kv)).toHaveLength(5);
    // chunks of a playground whose record is gone (deleted halfway) go too
    kv.data.set("chunk:gone:blob:0", new Uint8Array([1]));
    await chunked(kv).sweep();
    expect(chunkKeys(kv)).toHaveLength(2);
    expect(await chunked(kv).load(first.id)).toMatchObject({ ok: true, record: { database: bytes(8, 5) } });
  });

  test("snapshots keep their databases in chunks, share the saved one's, and drop the chunks of the steps they drop", async () => {
    const kv = memoryStore();
    const store = chunked(kv);
    const record = await created(store, bytes(10));
    const saved = chunkKeys(kv);
    // before a step the database is the one just saved: the snapshot points at the same chunks
    await store.takeSnapshot(record.id, { label: "before upgrade", database: bytes(10), heads: [] });
    expect(chunkKeys(kv)).toEqual(saved);
    for (let i = 0; i < MAX_SNAPSHOTS + 2; i++) {
      await store.takeSnapshot(record.id, { label: `step ${i}`, database: bytes(6, i + 10), heads: ["a"] });
    }
    const snaps = await store.snapshots(record.id);
    expect(snaps).toHaveLength(MAX_SNAPSHOTS);
    expect(snaps[0]).toMatchObject({ label: "step 2", size: 6, heads: ["a"] });
    // the record's chunks, and two for each snapshot kept
    expect(chunkKeys(kv)).toHaveLength(saved.length + MAX_SNAPSHOTS * 2);
    expect(await store.snapshotDatabase(record.id, snaps[0]!.takenAt)).toEqual({ ok: true, database: bytes(6, 12) });
    expect(await store.load(record.id)).toMatchObject({ ok: true, record: { database: bytes(10) } });
  });

  test("delete removes every chunk; duplicate copies them, so the copy outlives the original", async () => {
    const kv = memoryStore();
    const store = chunked(kv);
    const original = await created(store, bytes(10));
    await store.takeSnapshot(original.id, { label: "before", database: bytes(9, 7), heads: [] });
    const copy = await store.duplicate(original.id);
    if (!copy.ok) throw new Error("duplicate failed");
    await store.delete(original.id);
    expect(chunkKeys(kv).every((k) => k.startsWith(`chunk:${copy.record.id}:`))).toBe(true);
    expect(chunkKeys(kv)).toHaveLength(3);
    expect(await chunked(kv).load(copy.record.id)).toMatchObject({ ok: true, record: { database: bytes(10) } });
    await store.delete(copy.record.id);
    expect([...kv.data.keys()]).toEqual([]);
  });

  test("a format-1 record (database inline) and its inline snapshots still load; the next save moves the database into chunks", async () => {
    const kv = memoryStore();
    const golden = JSON.parse(readFileSync(`${__dirname}/fixtures/saved-format-1.json`, "utf8"));
    kv.data.set("pg:golden-1", { ...golden, database: bytes(10) });
    kv.data.set("snap:golden-1", [{ takenAt: 5, label: "before upgrade", heads: [], database: bytes(3) }]);
    const store = chunked(kv);
    const loaded = await store.load("golden-1");
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.record).toMatchObject({ format: SAVED_FORMAT, database: bytes(10) });
    expect(await store.snapshots("golden-1")).toEqual([{ takenAt: 5, label: "before upgrade", heads: [], size: 3 }]);
    expect(await store.snapshotDatabase("golden-1", 5)).toEqual({ ok: true, database: bytes(3) });
    expect((await store.save(loaded.record)).ok).toBe(true);
    expect(kv.data.get("pg:golden-1")).toMatchObject({ format: 2, database: { size: 10 } });
    expect(chunkKeys(kv)).toHaveLength(3);
  });

  test("a record whose chunks are missing is refused with a message, never half read", async () => {
    const kv = memoryStore();
    const record = await created(chunked(kv), bytes(10));
    kv.data.delete(chunkKeys(kv)[1]!);
    expect(await chunked(kv).load(record.id)).toMatchObject({ ok: false, reason: expect.stringContaining("incomplete") });
  });
});

describe("the playground to start with (the engine worker reads it: EngineHost.start)", () => {
  let now = 0;
  const small = (kv: KeyValueStore) => new PlaygroundStore({ kv, clock: () => (now += 10), newId: () => `start${++now}`, chunkBytes: 4 });
  const make = async (kv: KeyValueStore, title: string) => {
    const result = await small(kv).create({ title, files, database: new Uint8Array(10).fill(title.length) });
    if (!result.ok) throw new Error(result.message);
    return result.record;
  };

  test("is the most recently changed one that loads: a newer one whose database is incomplete is passed over", async () => {
    const kv = memoryStore();
    const older = await make(kv, "older");
    const newer = await make(kv, "newest");
    expect((await small(kv).latest())?.id).toBe(newer.id);
    const stored = kv.data.get(`pg:${newer.id}`) as { database: { chunks: string[] } };
    kv.data.delete(stored.database.chunks[0]!);
    const latest = await small(kv).latest();
    expect(latest?.id).toBe(older.id);
    expect(latest?.database).toEqual(new Uint8Array(10).fill(5));
  });

  test("is none in an empty store", async () => {
    expect(await storeWith().latest()).toBeNull();
  });
});
