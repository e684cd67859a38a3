// index.html's head script (early-start.ts): it starts the engine worker and the IndexedDB
// connection before the app loads, never throws, and hands both over once. The store then uses
// that connection, and its own when the early one failed or closed (kv-store.ts storeOver).
import { runInNewContext } from "node:vm";
import { expect, test } from "vitest";
import { EARLY_START_GLOBAL, earlyStartScript, IDB_NAME, IDB_STORE, takeEarlyStart, type EarlyStart } from "../../src/app/early-start";
import { storeOver } from "../../src/app/persist/kv-store";
import type { UseStore } from "idb-keyval";

/** A page's globals for the inlined script: what it constructs and opens is recorded. */
function fakePage({ worker = true, idb = true } = {}) {
  const made: { url: string; options: WorkerOptions }[] = [];
  const opened: string[] = [];
  const created: string[] = [];
  const request = { result: { createObjectStore: (name: string) => void created.push(name) }, error: null } as unknown as IDBOpenDBRequest;
  const scope: Record<string, unknown> = {
    Worker: worker
      ? class {
          constructor(url: string, options: WorkerOptions) {
            made.push({ url, options });
          }
        }
      : undefined,
    indexedDB: idb ? { open: (name: string) => (opened.push(name), request) } : undefined,
  };
  return { scope, made, opened, created, request };
}

/** Runs the script's text as index.html does, with `scope` as its global object. */
function runInline(script: string, scope: Record<string, unknown>): void {
  runInNewContext(script, scope);
}

test("the head script starts the engine worker and opens the store's IndexedDB, for boot.ts to take", async () => {
  const page = fakePage();
  runInline(earlyStartScript("./assets/engine.worker-abc.js", IDB_NAME, IDB_STORE), page.scope);
  expect(page.made).toEqual([{ url: "./assets/engine.worker-abc.js", options: { type: "module", name: "retort-engine" } }]);
  expect(page.opened).toEqual(["retort"]);
  // a first visit: the object store is made with the database, as idb-keyval would
  page.request.onupgradeneeded!({} as IDBVersionChangeEvent);
  expect(page.created).toEqual(["playgrounds"]);
  page.request.onsuccess!({} as Event);
  const early = takeEarlyStart(page.scope);
  expect(early.worker).not.toBeNull();
  await expect(early.db).resolves.toBe(page.request.result);
  // taken once: a second start gets nothing, so the worker has one owner
  expect(takeEarlyStart(page.scope)).toEqual({ worker: null, db: null });
});

test("without a worker file (the dev server) or without IndexedDB, the script leaves nulls and never throws", () => {
  const dev = fakePage();
  runInline(earlyStartScript(null, IDB_NAME, IDB_STORE), dev.scope);
  expect(dev.made).toEqual([]);
  expect(takeEarlyStart(dev.scope).db).not.toBeNull();

  const bare = fakePage({ worker: false, idb: false });
  expect(() => runInline(earlyStartScript("./w.js", IDB_NAME, IDB_STORE), bare.scope)).not.toThrow();
  expect(takeEarlyStart(bare.scope)).toEqual({ worker: null, db: null });
});

test("a refused IndexedDB open is no unhandled rejection; the store learns of it when it asks", async () => {
  const page = fakePage();
  runInline(earlyStartScript("./w.js", IDB_NAME, IDB_STORE), page.scope);
  (page.request as { error: unknown }).error = new Error("refused");
  page.request.onerror!({} as Event);
  const early: EarlyStart = takeEarlyStart(page.scope);
  await expect(early.db).rejects.toThrow("refused");
  expect(EARLY_START_GLOBAL in page.scope).toBe(false);
});

/** A connection whose store answers `value` for every key. */
function fakeDb(value: unknown) {
  const listeners: (() => void)[] = [];
  const transactions: string[] = [];
  const db = {
    transaction: (name: string, mode: string) => {
      transactions.push(`${name}:${mode}`);
      return { objectStore: () => ({ get: () => value }) };
    },
    addEventListener: (_type: string, l: () => void) => void listeners.push(l),
    close: () => listeners.forEach((l) => l()),
  };
  return { db: db as unknown as IDBDatabase, transactions, closeByBrowser: () => db.close() };
}

function fallbackStore(value: unknown) {
  const calls: string[] = [];
  const make = (): UseStore => (mode, callback) => (calls.push(mode), Promise.resolve(callback({ get: () => value } as unknown as IDBObjectStore)));
  return { make, calls };
}

const read: Parameters<UseStore>[1] = (objects) => objects.get("k") as unknown;

test("the store reads through the early connection", async () => {
  const early = fakeDb("early");
  const own = fallbackStore("own");
  const store = storeOver(Promise.resolve(early.db), own.make, "playgrounds");
  expect(await store("readonly", read)).toBe("early");
  expect(early.transactions).toEqual(["playgrounds:readonly"]);
  expect(own.calls).toEqual([]);
});

test("an early connection that failed, lacks the store, or was closed by the browser is replaced by the store's own", async () => {
  const own = fallbackStore("own");
  const failed = storeOver(Promise.reject(new Error("blocked")), own.make, "playgrounds");
  expect(await failed("readonly", read)).toBe("own");

  const noStore = { transaction: () => { throw new DOMException("not found", "NotFoundError"); }, addEventListener: () => {} } as unknown as IDBDatabase;
  expect(await storeOver(Promise.resolve(noStore), own.make, "playgrounds")("readwrite", read)).toBe("own");

  const early = fakeDb("early");
  const store = storeOver(Promise.resolve(early.db), own.make, "playgrounds");
  expect(await store("readonly", read)).toBe("early");
  early.closeByBrowser();
  expect(await store("readonly", read)).toBe("own");
  expect(early.transactions).toHaveLength(1);
});
