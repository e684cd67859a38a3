// Many playgrounds in one key-value store (IndexedDB in the browser). Each playground has its
// record (`pg:<id>`), a small summary for the list (`meta:<id>`, so that listing never reads
// databases), its undo snapshots (`snap:<id>`), and the chunks of the databases those two point
// at (`chunk:<id>:…`, chunks.ts).
// A write is atomic: the new chunks and the record that points at them go in one transaction,
// and only then are the chunks nothing points at any more deleted (chunk-keeper.ts). A crash in
// between leaves the old version or the new one, plus chunks that the next write (or the next
// start) deletes.
// Writes never throw: a full or refused store comes back as a result whose message the UI shows,
// while the playground stays in memory.

import { ChunkKeeper, recordKey, snapKey } from "./chunk-keeper";
import { chunkPrefix, fromChunks } from "./chunks";
import type { KeyValueStore } from "./kv-store";
import {
  EMPTY_UI, loadSavedPlayground, type LessonProgress, SAVED_FORMAT, type LoadResult, type SavedPlayground, type SavedUiState, type StoredDatabase, type StoredLoadResult,
  type StoredPlayground,
} from "./saved-format";
import { loadSnapshotList, toStoredList, type SnapshotListResult } from "./snapshot-format";

export interface PlaygroundSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  /** The lesson's progress, for the gallery (absent: not a lesson's playground). */
  readonly lesson?: LessonProgress;
}

/** An undo step as the list shows it; its database is read only when it is restored. */
export interface Snapshot {
  readonly takenAt: number;
  /** What was about to run: "before upgrade 33aeb0bd3217 -> 9f3a45b61f3d". */
  readonly label: string;
  /** The alembic_version heads the database had, for the list. */
  readonly heads: readonly string[];
  /** The database's size in bytes (0 when there was none yet). */
  readonly size: number;
}

/** Snapshots kept per playground; the oldest goes first. */
export const MAX_SNAPSHOTS = 20;

export type SaveResult =
  | { readonly ok: true; readonly record: SavedPlayground }
  | { readonly ok: false; readonly reason: "conflict"; readonly theirs: SavedPlayground; readonly message: string }
  | { readonly ok: false; readonly reason: "storage"; readonly message: string };

export interface StoreDeps {
  readonly kv: KeyValueStore;
  readonly clock: () => number;
  readonly newId: () => string;
  /**
   * Runs `work` while no other tab holds the lock `name` (navigator.locks in the browser). Without
   * it, two tabs saving at the same moment could both pass the save-count check.
   */
  readonly lock?: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  /** The size of a database chunk (CHUNK_BYTES; tests make it small). */
  readonly chunkBytes?: number;
}

const metaKey = (id: string) => `meta:${id}`;

/** Reads of a record and of its chunks are two transactions: a save can land between them. */
const READ_ATTEMPTS = 3;
const MISSING = Symbol("missing chunks");

const storedSize = (d: StoredDatabase | null) => (d === null ? 0 : "inline" in d ? d.inline.length : d.size);

/** The start of the message for a full store: the header's short notice tells it apart by this. */
export const STORAGE_FULL = "The browser's storage for this site is full";

export function storageMessage(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? "";
  if (name === "QuotaExceededError") {
    return `${STORAGE_FULL}, so the last change was not saved. It is still here in this tab: download the playground (Export) or delete old playgrounds, then it saves again.`;
  }
  return `The browser refused to save (${String((error as Error)?.message ?? error)}). Your work is still here in this tab: download it (Export) before closing it.`;
}

export class PlaygroundStore {
  readonly #deps: StoreDeps;
  readonly #chunks: ChunkKeeper;

  constructor(deps: StoreDeps) {
    this.#deps = deps;
    this.#chunks = new ChunkKeeper(deps.kv, deps.newId, deps.chunkBytes);
  }

  async list(): Promise<PlaygroundSummary[]> {
    const keys = await this.#deps.kv.keys();
    const metas = await Promise.all(keys.filter((k) => k.startsWith("meta:")).map((k) => this.#deps.kv.get(k)));
    return (metas.filter(Boolean) as PlaygroundSummary[]).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async create(init: { title: string; files: Record<string, string>; database?: Uint8Array | null; ui?: SavedUiState }): Promise<SaveResult> {
    const now = this.#deps.clock();
    const record: SavedPlayground = {
      format: SAVED_FORMAT,
      id: this.#deps.newId(),
      title: init.title,
      createdAt: now,
      updatedAt: now,
      saveCount: 0,
      files: init.files,
      database: init.database ?? null,
      ui: init.ui ?? EMPTY_UI,
    };
    return this.#locked(record.id, () => this.#write(record));
  }

  /** The most recently changed playground that loads (one that does not is passed over), or null. */
  async latest(): Promise<SavedPlayground | null> {
    for (const { id } of await this.list()) {
      const loaded = await this.load(id);
      if (loaded.ok) return loaded.record;
    }
    return null;
  }

  async load(id: string): Promise<LoadResult> {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      const loaded = await this.#loadStored(id);
      if (!loaded.ok) return loaded;
      const database = await this.#readDatabase(id, loaded.record.database);
      if (database !== MISSING) return { ok: true, record: { ...loaded.record, database } };
      // another tab saved in between and deleted the chunks this record pointed at: read it again
    }
    return { ok: false, reason: `The database of the saved playground '${id}' is incomplete: parts of it are missing from the browser's storage. Open another playground, or import an exported copy.` };
  }

  /**
   * Saves `record`, which was read when the store held save number `record.saveCount`. If another
   * tab saved in between, nothing is written and the result holds their version, so that the user
   * chooses (keep theirs, overwrite with mine, or save mine as a copy) instead of losing work.
   */
  save(record: SavedPlayground, options: { force?: boolean } = {}): Promise<SaveResult> {
    return this.#locked(record.id, () => this.#checkAndWrite(record, options));
  }

  async #checkAndWrite(record: SavedPlayground, options: { force?: boolean }): Promise<SaveResult> {
    if (!options.force) {
      // the record alone tells the save count: the database is read only for a conflict
      const current = await this.#loadStored(record.id);
      if (current.ok && current.record.saveCount !== record.saveCount) {
        const theirs = await this.load(record.id);
        if (theirs.ok) {
          return {
            ok: false,
            reason: "conflict",
            theirs: theirs.record,
            message: `“${record.title}” was changed in another tab since this tab loaded it. Keep theirs, overwrite with this tab's version, or save this tab's version as a copy.`,
          };
        }
      }
    }
    return this.#write({ ...record, saveCount: record.saveCount + 1, updatedAt: this.#deps.clock() });
  }

  async rename(id: string, title: string): Promise<SaveResult> {
    const loaded = await this.load(id);
    if (!loaded.ok) return { ok: false, reason: "storage", message: loaded.reason };
    return this.save({ ...loaded.record, title }, { force: true });
  }

  /** A new playground with the same files and database: its own chunks, so either can be deleted. */
  async duplicate(id: string, title?: string): Promise<SaveResult> {
    const loaded = await this.load(id);
    if (!loaded.ok) return { ok: false, reason: "storage", message: loaded.reason };
    const { files, database, ui } = loaded.record;
    return this.create({ title: title ?? `${loaded.record.title} (copy)`, files: { ...files }, database, ui });
  }

  /** Deletes the playground, its snapshots and every chunk of theirs, in one transaction. */
  async delete(id: string): Promise<void> {
    await this.#locked(id, async () => {
      const chunks = (await this.#deps.kv.keys()).filter((k) => k.startsWith(chunkPrefix(id)));
      await this.#deps.kv.delMany([metaKey(id), recordKey(id), snapKey(id), ...chunks]);
      this.#chunks.forget(id);
    });
  }

  /** The undo steps kept; none when their list cannot be read (it is left as it is). */
  async snapshots(id: string): Promise<Snapshot[]> {
    const list = await this.#storedSnapshots(id);
    return (list.ok ? list.snapshots : []).map(({ takenAt, label, heads, database }) => ({ takenAt, label, heads, size: storedSize(database) }));
  }

  /** The database of the snapshot taken at `takenAt`: read only now, when it is put back. */
  async snapshotDatabase(id: string, takenAt: number): Promise<{ ok: true; database: Uint8Array | null } | { ok: false; message: string }> {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      const list = await this.#storedSnapshots(id);
      if (!list.ok) return { ok: false, message: list.reason };
      const snapshot = list.snapshots.find((s) => s.takenAt === takenAt);
      if (!snapshot) return { ok: false, message: "This step is no longer kept: only the last steps are." };
      // remembered: the restore saves these bytes next, and they are stored already
      const database = await this.#readDatabase(id, snapshot.database);
      if (database !== MISSING) return { ok: true, database };
    }
    return { ok: false, message: "The database of this step is incomplete: parts of it are missing from the browser's storage." };
  }

  /** Keeps the database as it was before a step; at most MAX_SNAPSHOTS, dropping the oldest. */
  takeSnapshot(id: string, snapshot: { readonly label: string; readonly database: Uint8Array | null; readonly heads: readonly string[] }): Promise<{ ok: true } | { ok: false; message: string }> {
    return this.#locked(id, async () => {
      try {
        const [record, list] = await Promise.all([this.#loadStored(id), this.#storedSnapshots(id)]);
        // a list this Retort cannot read (a newer one's) is not written over
        if (!list.ok) return { ok: false, message: list.reason };
        const databases = list.snapshots.map((s) => s.database);
        const placed = this.#chunks.place(id, snapshot.database, record.ok ? [record.record.database, ...databases] : databases);
        const entry = { takenAt: this.#deps.clock(), label: snapshot.label, heads: [...snapshot.heads] };
        const stored = await this.#chunks.write(id, snapshot.database, placed, (database) => [
          [snapKey(id), toStoredList([...list.snapshots, { ...entry, database }].slice(-MAX_SNAPSHOTS))],
        ]);
        this.#chunks.remember(id, snapshot.database, stored);
        await this.#chunks.deleteUnused(id);
        return { ok: true };
      } catch (e) {
        return { ok: false, message: storageMessage(e) };
      }
    });
  }

  /**
   * Deletes the chunks no record points at: those a crash left between writing a new version
   * and deleting the old one, and those of a playground deleted halfway. Run when the page starts.
   */
  async sweep(): Promise<void> {
    const keys = await this.#deps.kv.keys();
    const ids = new Set(keys.filter((k) => k.startsWith("chunk:")).map((k) => k.split(":")[1]!));
    for (const id of ids) {
      await this.#locked(id, () => this.#chunks.deleteUnused(id));
    }
  }

  /** Runs under the playground's lock (when there is one): its writes and sweeps never interleave. */
  #locked<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.#deps.lock ? this.#deps.lock(`retort-save-${id}`, work) : work();
  }

  async #loadStored(id: string): Promise<StoredLoadResult> {
    const value = await this.#deps.kv.get(recordKey(id));
    if (value === undefined) return { ok: false, reason: `There is no saved playground with id '${id}'.` };
    return loadSavedPlayground(value);
  }

  async #storedSnapshots(id: string): Promise<SnapshotListResult> {
    return loadSnapshotList(await this.#deps.kv.get(snapKey(id)));
  }

  async #readDatabase(id: string, stored: StoredDatabase | null): Promise<Uint8Array | null | typeof MISSING> {
    if (stored === null) return null;
    if ("inline" in stored) return stored.inline;
    const bytes = fromChunks(stored, await this.#deps.kv.getMany(stored.chunks));
    if (bytes === null) return MISSING;
    this.#chunks.remember(id, bytes, stored);
    return bytes;
  }

  /** Writes `record` (its new chunks, the record, its summary) in one transaction; runs under the lock. */
  async #write(record: SavedPlayground): Promise<SaveResult> {
    try {
      const [previous, list] = await Promise.all([this.#loadStored(record.id), this.#storedSnapshots(record.id)]);
      const snapDatabases = list.ok ? list.snapshots.map((s) => s.database) : [];
      const placed = this.#chunks.place(record.id, record.database, [previous.ok ? previous.record.database : null, ...snapDatabases]);
      const lesson = record.ui.lesson;
      const summary: PlaygroundSummary = { id: record.id, title: record.title, updatedAt: record.updatedAt, ...(lesson ? { lesson } : {}) };
      const stored = await this.#chunks.write(record.id, record.database, placed, (database) => [
        [recordKey(record.id), { ...record, database } satisfies StoredPlayground],
        [metaKey(record.id), summary],
      ]);
      this.#chunks.remember(record.id, record.database, stored);
      await this.#chunks.deleteUnused(record.id);
      return { ok: true, record };
    } catch (e) {
      return { ok: false, reason: "storage", message: storageMessage(e) };
    }
  }
}
