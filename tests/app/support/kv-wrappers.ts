// Key-value stores that behave as IndexedDB can: answering in a later task (so that writes
// interleave), or refusing everything (private mode).
import type { KeyValueStore } from "../../../src/app/persist/kv-store";

/** `kv`, with every answer coming a little (or `ms`) later, as IndexedDB's do. */
export function slowKv(kv: KeyValueStore, ms = 2): KeyValueStore {
  const later = <T>(value: Promise<T>) => new Promise<T>((r) => setTimeout(() => r(value), ms));
  return {
    get: (k) => later(kv.get(k)), set: (k, v) => later(kv.set(k, v)), del: (k) => later(kv.del(k)), keys: () => later(kv.keys()),
    getMany: (k) => later(kv.getMany(k)), setMany: (e) => later(kv.setMany(e)), delMany: (k) => later(kv.delMany(k)),
    update: (k, prefix, decide) => later(kv.update(k, prefix, decide)),
  };
}

/** A store whose every call fails with `refuse`'s error. */
export function refusingKv(refuse: () => Promise<never>): KeyValueStore {
  return { get: refuse, set: refuse, del: refuse, keys: refuse, getMany: refuse, setMany: refuse, delMany: refuse, update: refuse };
}

/** `kv`, whose next write (`update`) is held for `ms` once `hold()` is called: a save caught mid-write. */
export function heldKv(kv: KeyValueStore, ms: number): KeyValueStore & { hold(): Promise<void> } {
  let held: (() => void) | null = null;
  return {
    ...kv,
    hold: () => new Promise<void>((started) => (held = started)),
    update: async (k, prefix, decide) => {
      const started = held;
      held = null;
      if (started) {
        started();
        await new Promise((r) => setTimeout(r, ms));
      }
      return kv.update(k, prefix, decide);
    },
  };
}
