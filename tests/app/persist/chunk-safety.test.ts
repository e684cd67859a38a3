// What may delete a playground's chunks, and when: never those a record this Retort cannot read
// may point at, and never on a decision another tab's write has made stale (no navigator.locks).
import { expect, test } from "vitest";
import { memoryStore, type KeyValueStore } from "../../../src/app/persist/kv-store";
import { PlaygroundStore } from "../../../src/app/persist/playground-store";
import type { SavedPlayground } from "../../../src/app/persist/saved-format";
import { SNAPSHOT_FORMAT } from "../../../src/app/persist/snapshot-format";

const files = { "models.ts": "// models" };
const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) % 251);
const chunkKeys = (kv: { data: Map<string, unknown> }) => [...kv.data.keys()].filter((k) => k.startsWith("chunk:")).sort();

let ids = 0;
/** A tab's store, without a lock (as in an insecure context), on the storage `kv` that tabs share. */
const tab = (kv: KeyValueStore) => new PlaygroundStore({ kv, clock: () => 1_000, newId: () => `id${++ids}`, chunkBytes: 4 });

async function created(store: PlaygroundStore, database: Uint8Array | null): Promise<SavedPlayground> {
  const result = await store.create({ title: "T", files, database });
  if (!result.ok) throw new Error(result.message);
  return result.record;
}

test("a record from a newer Retort keeps all its chunks: the sweep and the snapshots leave them", async () => {
  const kv = memoryStore();
  const record = await created(tab(kv), bytes(10));
  await tab(kv).takeSnapshot(record.id, { label: "before", database: bytes(9, 3), heads: [] });
  const before = chunkKeys(kv);
  // a newer Retort rewrote the record: its format says so, and its database may be anywhere
  kv.data.set(`pg:${record.id}`, { ...(kv.data.get(`pg:${record.id}`) as object), format: 3, database: { somewhere: "else" } });
  await tab(kv).sweep();
  expect(chunkKeys(kv)).toEqual(before);
  await tab(kv).takeSnapshot(record.id, { label: "again", database: bytes(5, 4), heads: [] });
  expect(chunkKeys(kv)).toEqual(expect.arrayContaining(before));
});

test("a snapshot list from a newer Retort is neither written over nor swept; the playground still saves", async () => {
  const kv = memoryStore();
  const store = tab(kv);
  const record = await created(store, bytes(10));
  await store.takeSnapshot(record.id, { label: "before", database: bytes(9, 3), heads: [] });
  const newer = { ...(kv.data.get(`snap:${record.id}`) as object), format: SNAPSHOT_FORMAT + 1 };
  kv.data.set(`snap:${record.id}`, newer);
  const snapChunks = chunkKeys(kv).filter((k) => !(kv.data.get(`pg:${record.id}`) as { database: { chunks: string[] } }).database.chunks.includes(k));
  expect(await store.takeSnapshot(record.id, { label: "x", database: bytes(3), heads: [] })).toMatchObject({ ok: false, message: expect.stringContaining("newer Retort") });
  expect((await store.save({ ...record, database: bytes(6, 5) })).ok).toBe(true);
  await store.sweep();
  expect(kv.data.get(`snap:${record.id}`)).toEqual(newer);
  expect(chunkKeys(kv)).toEqual(expect.arrayContaining(snapChunks));
});

test("the snapshot list is stored with its format version; a list without one (format 1) still loads", async () => {
  const kv = memoryStore();
  const store = tab(kv);
  const record = await created(store, null);
  kv.data.set(`snap:${record.id}`, [{ takenAt: 5, label: "before upgrade", database: bytes(3) }]);
  expect(await store.snapshots(record.id)).toEqual([{ takenAt: 5, label: "before upgrade", heads: [], size: 3 }]);
  await store.takeSnapshot(record.id, { label: "next", database: null, heads: [] });
  expect(kv.data.get(`snap:${record.id}`)).toMatchObject({ format: SNAPSHOT_FORMAT, snapshots: [{ label: "before upgrade" }, { label: "next" }] });
  kv.data.set(`snap:${record.id}`, [{ takenAt: 5, label: "damaged", database: "not bytes" }]);
  expect(await store.snapshotDatabase(record.id, 5)).toMatchObject({ ok: false, message: expect.stringContaining("damaged") });
});

/**
 * `kv`, where another tab's `work` lands just before this tab's next write or delete, or its
 * next listing of keys after the first `listings` (the sweep's own, which finds the playgrounds).
 */
function racing(kv: KeyValueStore, listings = 0) {
  let other: (() => Promise<unknown>) | null = null;
  let listed = 0;
  const first = async () => {
    const run = other;
    other = null;
    await run?.();
  };
  const store: KeyValueStore = {
    ...kv,
    setMany: async (entries) => (await first(), kv.setMany(entries)),
    delMany: async (keys) => (await first(), kv.delMany(keys)),
    update: async (keys, prefix, decide) => (await first(), kv.update(keys, prefix, decide)),
    keys: async () => (++listed > listings && (await first()), kv.keys()),
  };
  return { store, meanwhile: (work: () => Promise<unknown>) => void (other = work) };
}

test("without a lock, a sweep never deletes the chunks another tab's save has just pointed at", async () => {
  const kv = memoryStore();
  const record = await created(tab(kv), bytes(10));
  const sweeping = racing(kv, 1);
  sweeping.meanwhile(() => tab(kv).save({ ...record, database: bytes(8, 2) }, { force: true }));
  await tab(sweeping.store).sweep();
  expect(await tab(kv).load(record.id)).toMatchObject({ ok: true, record: { database: bytes(8, 2) } });
});

test("without a lock, a save that reuses chunks another tab deleted meanwhile writes them again", async () => {
  const kv = memoryStore();
  const mine = racing(kv);
  const store = tab(mine.store);
  const record = await created(store, bytes(10));
  // just before this tab's typed edit (same database, its chunks reused) lands, another tab saves a new database
  mine.meanwhile(() => tab(kv).save({ ...record, database: bytes(6, 9) }, { force: true }));
  const edited = await store.save({ ...record, database: bytes(10), files: { "models.ts": "typed" } }, { force: true });
  expect(edited.ok).toBe(true);
  expect(await tab(kv).load(record.id)).toMatchObject({ ok: true, record: { database: bytes(10), files: { "models.ts": "typed" } } });
});

test("putting a snapshot's database back writes no new chunks: they are stored already", async () => {
  const kv = memoryStore();
  const store = tab(kv);
  const record = await created(store, bytes(10));
  await store.takeSnapshot(record.id, { label: "before upgrade", database: bytes(10), heads: [] });
  const saved = await store.save({ ...record, database: bytes(12, 2) });
  if (!saved.ok) throw new Error("save failed");
  const before = chunkKeys(kv);
  // the restore: read the step back, keep the database as it is now, save the restored one
  const [step] = await store.snapshots(record.id);
  const restored = await store.snapshotDatabase(record.id, step!.takenAt);
  if (!restored.ok || restored.database === null) throw new Error("not restored");
  await store.takeSnapshot(record.id, { label: "before restoring", database: bytes(12, 2), heads: [] });
  expect((await store.save({ ...saved.record, database: Uint8Array.from(restored.database) })).ok).toBe(true);
  expect(chunkKeys(kv)).toEqual(before);
});
