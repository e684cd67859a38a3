// The key-value port the playground store writes through: idb-keyval in the browser, a Map in
// Node tests. Browser globals stay out of the store's logic (STYLE.md: passed in as parameters).

import { IDB_NAME, IDB_STORE } from "../early-start";
import { createStore, del, delMany, get, getMany, keys, promisifyRequest, set, type UseStore } from "idb-keyval";

export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /** Reads every key in one transaction: a write cannot land between two of the reads. */
  getMany(keys: readonly string[]): Promise<unknown[]>;
  /**
   * Writes every entry in one transaction: all of them are stored, or none (an IndexedDB
   * transaction that fails or is cut short by a crash commits nothing).
   */
  setMany(entries: readonly (readonly [string, unknown])[]): Promise<void>;
  /** Deletes every key in one transaction. */
  delMany(keys: readonly string[]): Promise<void>;
  /**
   * Reads `keys` and lists the keys that start with `prefix` (none when null), then applies what `decide` makes of
   * them, in one readwrite transaction: no other tab's write lands between the reads and the
   * writes. This is what makes deleting "the chunks nothing points at" safe without a lock.
   * `decide` is synchronous: an IndexedDB transaction ends when it waits on anything else.
   */
  update(keys: readonly string[], prefix: string | null, decide: (values: readonly unknown[], prefixed: readonly string[]) => UpdatePlan): Promise<void>;
}

/** What an `update` writes and deletes (nothing when both are left out). */
export interface UpdatePlan {
  readonly set?: readonly (readonly [string, unknown])[];
  readonly del?: readonly string[];
}

/**
 * The store over IndexedDB. `early` is a connection already opening (index.html's head script
 * starts it before the app loads); when it fails, the store opens its own as idb-keyval does.
 */
export function idbStore(dbName = IDB_NAME, storeName = IDB_STORE, early: Promise<IDBDatabase> | null = null): KeyValueStore {
  const store: UseStore = early ? storeOver(early, () => createStore(dbName, storeName), storeName) : createStore(dbName, storeName);
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    keys: async () => (await keys(store)).map(String),
    // idb-keyval 6.3 runs each of these as one readwrite (or readonly) transaction on the store
    getMany: (list) => getMany([...list], store),
    setMany: (entries) => store("readwrite", (objects) => putAll(objects, entries)),
    delMany: (list) => delMany([...list], store),
    update: (list, prefix, decide) => store("readwrite", (objects) => updateIn(objects, list, prefix, decide)),
  };
}

/**
 * idb-keyval's UseStore over a connection opened elsewhere. A connection that failed to open, or
 * that the browser closed since, is replaced by the store's own (`fallback`), as idb-keyval
 * replaces its own closed one.
 */
export function storeOver(early: Promise<IDBDatabase>, fallback: () => UseStore, storeName: string): UseStore {
  let own: UseStore | null = null;
  let closed = false;
  void early.then((db) => db.addEventListener("close", () => (closed = true)), () => undefined);
  return async (mode, callback) => {
    if (!own && !closed) {
      const db = await early.catch(() => null);
      let objects: IDBObjectStore | null = null;
      try {
        objects = db && !closed ? db.transaction(storeName, mode).objectStore(storeName) : null;
      } catch {
        // closing, or made without the store: the store's own connection takes over
        objects = null;
      }
      if (objects) return callback(objects);
    }
    own ??= fallback();
    return own(mode, callback);
  };
}

/**
 * Puts every entry in the store's transaction, or none. idb-keyval's setMany leaves the
 * transaction to commit the puts made before one that throws (a value that cannot be cloned
 * throws at once, inside the loop), so a failed call could still store half of its entries.
 */
function putAll(objects: IDBObjectStore, entries: readonly (readonly [string, unknown])[]): Promise<void> {
  try {
    for (const [key, value] of entries) objects.put(value, key);
  } catch (error) {
    objects.transaction.abort();
    throw error;
  }
  return promisifyRequest(objects.transaction);
}

/** The readwrite transaction of `update`, with request callbacks only, so that it stays open until `decide` has run. */
function updateIn(objects: IDBObjectStore, list: readonly string[], prefix: string | null, decide: (values: readonly unknown[], prefixed: readonly string[]) => UpdatePlan): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = objects.transaction;
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error("the storage transaction was aborted"));
    const values: unknown[] = [];
    let prefixed: string[] = [];
    // one answer per key, and one for the listing (given at once when there is none to make)
    let waiting = list.length + 1;
    const readDone = () => {
      if (--waiting > 0) return;
      try {
        const plan = decide(values, prefixed);
        for (const [key, value] of plan.set ?? []) objects.put(value, key);
        for (const key of plan.del ?? []) objects.delete(key);
      } catch (error) {
        reject(error);
        tx.abort();
      }
    };
    list.forEach((key, i) => {
      const request = objects.get(key);
      request.onsuccess = () => ((values[i] = request.result), readDone());
    });
    if (prefix === null) {
      readDone();
    } else {
      const keys = objects.getAllKeys(IDBKeyRange.bound(prefix, `${prefix}\uffff`));
      keys.onsuccess = () => ((prefixed = keys.result.map(String)), readDone());
    }
  });
}

export function memoryStore(): KeyValueStore & { readonly data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    del: async (key) => void data.delete(key),
    keys: async () => [...data.keys()],
    getMany: async (list) => list.map((key) => structuredClone(data.get(key))),
    setMany: async (entries) => {
      // cloned first, stored after: a value that cannot be cloned leaves nothing written
      const cloned = entries.map(([key, value]) => [key, structuredClone(value)] as const);
      for (const [key, value] of cloned) data.set(key, value);
    },
    delMany: async (list) => void list.forEach((key) => data.delete(key)),
    update: async (list, prefix, decide) => {
      // one synchronous run over the map: nothing else can happen in between, as in a transaction
      const prefixed = prefix === null ? [] : [...data.keys()].filter((k) => k.startsWith(prefix));
      const plan = decide(list.map((key) => structuredClone(data.get(key))), prefixed);
      const cloned = (plan.set ?? []).map(([key, value]) => [key, structuredClone(value)] as const);
      for (const [key, value] of cloned) data.set(key, value);
      for (const key of plan.del ?? []) data.delete(key);
    },
  };
}
