// Which chunks a playground's database goes into, and which of its chunks may go. Deciding that
// a chunk is unused and deleting it happen in one storage transaction (KeyValueStore.update):
// without navigator.locks (an insecure context, an old Safari) another tab's save can land at
// any moment, and a decision made from earlier reads could delete the chunks it just pointed at.

import { chunkKeys, chunkPrefix, sameBytes, toChunks } from "./chunks";
import type { KeyValueStore } from "./kv-store";
import { loadSavedPlayground, type StoredDatabase } from "./saved-format";
import { loadSnapshotList } from "./snapshot-format";

export const recordKey = (id: string) => `pg:${id}`;
export const snapKey = (id: string) => `snap:${id}`;

/** Chunks to write (none when reused) and the reference a record or snapshot keeps to them. */
export interface Placed {
  readonly entries: readonly (readonly [string, Uint8Array])[];
  readonly stored: StoredDatabase | null;
}

/** Databases remembered with their chunks: the open one, and the one a restore just read back. */
const KNOWN_DATABASES = 2;

/**
 * The chunks of `id` that neither its record nor its snapshots point at, decided from the values
 * as stored. A record or a snapshot list that is there but does not load (written by a newer
 * Retort, or damaged) may point at any of them: then none is unused. Only an absent record
 * (a playground deleted halfway) leaves its chunks to go.
 */
export function unusedChunks(recordValue: unknown, snapValue: unknown, prefixed: readonly string[]): string[] {
  const kept: (StoredDatabase | null)[] = [];
  if (recordValue !== undefined) {
    const record = loadSavedPlayground(recordValue);
    if (!record.ok) return [];
    kept.push(record.record.database);
  }
  const list = loadSnapshotList(snapValue);
  if (!list.ok) return [];
  kept.push(...list.snapshots.map((s) => s.database));
  const live = new Set(kept.flatMap(chunkKeys));
  return prefixed.filter((k) => !live.has(k));
}

class ChunksGone extends Error {}

export class ChunkKeeper {
  /**
   * Database bytes last written or read, and where they are stored: a save whose database did
   * not change (a typed edit), or that puts back a snapshot's, writes no chunks again. At most
   * KNOWN_DATABASES: a 150 MB database is the same array the page holds, not one per playground.
   */
  #known: { readonly id: string; readonly bytes: Uint8Array; readonly stored: StoredDatabase }[] = [];
  #kv: KeyValueStore;
  #newId: () => string;
  #chunkBytes: number | undefined;

  constructor(kv: KeyValueStore, newId: () => string, chunkBytes?: number) {
    this.#kv = kv;
    this.#newId = newId;
    this.#chunkBytes = chunkBytes;
  }

  /** Where `bytes` go: chunks already stored for them when known and still pointed at (`stored`), or new ones. */
  place(id: string, bytes: Uint8Array | null, stored: readonly (StoredDatabase | null)[]): Placed {
    if (bytes === null) return { entries: [], stored: null };
    const live = new Set(stored.flatMap(chunkKeys));
    const known = this.#known.find((k) => k.id === id && chunkKeys(k.stored).every((c) => live.has(c)) && sameBytes(k.bytes, bytes));
    return known ? { entries: [], stored: known.stored } : this.#fresh(id, bytes);
  }

  remember(id: string, bytes: Uint8Array | null, stored: StoredDatabase | null): void {
    if (bytes === null || stored === null || !("chunks" in stored)) return;
    const others = this.#known.filter((k) => k.id === id && k.bytes !== bytes && k.stored !== stored);
    this.#known = [...others.slice(-(KNOWN_DATABASES - 1)), { id, bytes, stored }];
  }

  forget(id: string): void {
    this.#known = this.#known.filter((k) => k.id !== id);
  }

  /**
   * Writes `placed`'s chunks with `others` in one transaction. Reused chunks are checked in that
   * same transaction: if another tab deleted them meanwhile, the bytes go into new chunks instead.
   */
  async write(id: string, bytes: Uint8Array | null, placed: Placed, others: (stored: StoredDatabase | null) => readonly (readonly [string, unknown])[]): Promise<StoredDatabase | null> {
    const reused = placed.entries.length === 0 ? chunkKeys(placed.stored) : [];
    if (reused.length === 0) {
      // new chunks under a new blob id: nothing another tab does can touch them before the record points there
      await this.#kv.setMany([...placed.entries, ...others(placed.stored)]);
      return placed.stored;
    }
    try {
      await this.#kv.update([], chunkPrefix(id), (_, present) => {
        const have = new Set(present);
        if (!reused.every((k) => have.has(k))) throw new ChunksGone();
        return { set: others(placed.stored) };
      });
      return placed.stored;
    } catch (error) {
      if (!(error instanceof ChunksGone) || bytes === null) throw error;
      const fresh = this.#fresh(id, bytes);
      await this.#kv.setMany([...fresh.entries, ...others(fresh.stored)]);
      return fresh.stored;
    }
  }

  /** Deletes the chunks of `id` that nothing points at, deciding it in the same transaction. A failure leaves them for later. */
  async deleteUnused(id: string): Promise<void> {
    try {
      await this.#kv.update([recordKey(id), snapKey(id)], chunkPrefix(id), ([record, snaps], prefixed) => ({ del: unusedChunks(record, snaps, prefixed) }));
    } catch {
      // the versions stay whole; the next write or start deletes these
    }
  }

  #fresh(id: string, bytes: Uint8Array): Placed {
    return toChunks(bytes, id, this.#newId(), this.#chunkBytes);
  }
}
