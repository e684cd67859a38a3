// Many playgrounds in one key-value store (IndexedDB in the browser). Each playground has its
// record (`pg:<id>`, with the database bytes), a small summary for the list (`meta:<id>`, so that
// listing never reads databases), and its undo snapshots (`snap:<id>`).
// Writes never throw: a full or refused store comes back as a result whose message the UI shows,
// while the playground stays in memory.

import type { KeyValueStore } from "./kv-store";
import { EMPTY_UI, loadSavedPlayground, SAVED_FORMAT, type LoadResult, type SavedPlayground, type SavedUiState } from "./saved-format";

export interface PlaygroundSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
}

export interface Snapshot {
  readonly takenAt: number;
  /** What was about to run: "before upgrade 33aeb0bd3217 -> 9f3a45b61f3d". */
  readonly label: string;
  readonly database: Uint8Array | null;
  /** The alembic_version heads the database had, for the list. */
  readonly heads: readonly string[];
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
}

const recordKey = (id: string) => `pg:${id}`;
const metaKey = (id: string) => `meta:${id}`;
const snapKey = (id: string) => `snap:${id}`;

export function storageMessage(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? "";
  if (name === "QuotaExceededError") {
    return "The browser's storage for this site is full, so the last change was not saved. It is still here in this tab: download the playground (Export) or delete old playgrounds, then it saves again.";
  }
  return `The browser refused to save (${String((error as Error)?.message ?? error)}). Your work is still here in this tab: download it (Export) before closing it.`;
}

export class PlaygroundStore {
  constructor(private readonly deps: StoreDeps) {}

  async list(): Promise<PlaygroundSummary[]> {
    const keys = await this.deps.kv.keys();
    const metas = await Promise.all(keys.filter((k) => k.startsWith("meta:")).map((k) => this.deps.kv.get(k)));
    return (metas.filter(Boolean) as PlaygroundSummary[]).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async create(init: { title: string; files: Record<string, string>; database?: Uint8Array | null; ui?: SavedUiState }): Promise<SaveResult> {
    const now = this.deps.clock();
    const record: SavedPlayground = {
      format: SAVED_FORMAT,
      id: this.deps.newId(),
      title: init.title,
      createdAt: now,
      updatedAt: now,
      saveCount: 0,
      files: init.files,
      database: init.database ?? null,
      ui: init.ui ?? EMPTY_UI,
    };
    return this.write(record);
  }

  async load(id: string): Promise<LoadResult> {
    const value = await this.deps.kv.get(recordKey(id));
    if (value === undefined) return { ok: false, reason: `There is no saved playground with id '${id}'.` };
    return loadSavedPlayground(value);
  }

  /**
   * Saves `record`, which was read when the store held save number `record.saveCount`. If another
   * tab saved in between, nothing is written and the result holds their version, so that the user
   * chooses (keep theirs, overwrite with mine, or save mine as a copy) instead of losing work.
   */
  save(record: SavedPlayground, options: { force?: boolean } = {}): Promise<SaveResult> {
    const work = () => this.checkAndWrite(record, options);
    return this.deps.lock ? this.deps.lock(`retort-save-${record.id}`, work) : work();
  }

  private async checkAndWrite(record: SavedPlayground, options: { force?: boolean }): Promise<SaveResult> {
    if (!options.force) {
      const current = await this.load(record.id);
      if (current.ok && current.record.saveCount !== record.saveCount) {
        return {
          ok: false,
          reason: "conflict",
          theirs: current.record,
          message: `“${record.title}” was changed in another tab since this tab loaded it. Keep theirs, overwrite with this tab's version, or save this tab's version as a copy.`,
        };
      }
    }
    return this.write({ ...record, saveCount: record.saveCount + 1, updatedAt: this.deps.clock() });
  }

  async rename(id: string, title: string): Promise<SaveResult> {
    const loaded = await this.load(id);
    if (!loaded.ok) return { ok: false, reason: "storage", message: loaded.reason };
    return this.save({ ...loaded.record, title }, { force: true });
  }

  async duplicate(id: string, title?: string): Promise<SaveResult> {
    const loaded = await this.load(id);
    if (!loaded.ok) return { ok: false, reason: "storage", message: loaded.reason };
    const { files, database, ui } = loaded.record;
    return this.create({ title: title ?? `${loaded.record.title} (copy)`, files: { ...files }, database, ui });
  }

  async delete(id: string): Promise<void> {
    await this.deps.kv.del(metaKey(id));
    await this.deps.kv.del(recordKey(id));
    await this.deps.kv.del(snapKey(id));
  }

  async snapshots(id: string): Promise<Snapshot[]> {
    return ((await this.deps.kv.get(snapKey(id))) as Snapshot[] | undefined) ?? [];
  }

  /** Keeps the database as it was before a step; at most MAX_SNAPSHOTS, dropping the oldest. */
  async takeSnapshot(id: string, snapshot: Omit<Snapshot, "takenAt">): Promise<{ ok: true } | { ok: false; message: string }> {
    const list = [...(await this.snapshots(id)), { ...snapshot, takenAt: this.deps.clock() }].slice(-MAX_SNAPSHOTS);
    try {
      await this.deps.kv.set(snapKey(id), list);
      return { ok: true };
    } catch (e) {
      return { ok: false, message: storageMessage(e) };
    }
  }

  private async write(record: SavedPlayground): Promise<SaveResult> {
    try {
      await this.deps.kv.set(recordKey(record.id), record);
      const summary: PlaygroundSummary = { id: record.id, title: record.title, updatedAt: record.updatedAt };
      await this.deps.kv.set(metaKey(record.id), summary);
      return { ok: true, record };
    } catch (e) {
      return { ok: false, reason: "storage", message: storageMessage(e) };
    }
  }
}
