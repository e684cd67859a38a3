// The key-value port the playground store writes through: idb-keyval in the browser, a Map in
// Node tests. Browser globals stay out of the store's logic (STYLE.md: passed in as parameters).

import { createStore, del, delMany, get, getMany, keys, set, setMany, type UseStore } from "idb-keyval";

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
}

export function idbStore(dbName = "retort", storeName = "playgrounds"): KeyValueStore {
  const store: UseStore = createStore(dbName, storeName);
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    keys: async () => (await keys(store)).map(String),
    // idb-keyval 6.3 runs each of these as one readwrite (or readonly) transaction on the store
    getMany: (list) => getMany([...list], store),
    setMany: (entries) => setMany(entries.map(([k, v]) => [k, v]), store),
    delMany: (list) => delMany([...list], store),
  };
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
  };
}
