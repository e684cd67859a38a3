// Keeps the open playground in the browser's storage (SPEC §4: a reload restores it exactly,
// data and current revision included). Saves on the debounce after each change, through the
// playground store of app/persist; a failed save is reported, and the work stays in memory.
// When another tab saved the same playground first, nothing is written over: the conflict waits
// for the user's choice (keep theirs, overwrite with mine, save mine as a copy).

import { debounce } from "./debounce";
import type { PlaygroundStore } from "./persist/playground-store";
import { EMPTY_UI, type SavedPlayground, type SavedUiState } from "./persist/saved-format";
import type { WorkspaceData } from "./protocol";

/** Wait for a pause before writing: storage is slower than typing (STYLE.md: save on the debounce). */
export const SAVE_PAUSE_MS = 300;

export interface AutosaveHooks {
  /** The open tabs and selection, saved with the record so that a reload shows the same view. */
  readonly readUi?: () => SavedUiState;
  /** After every successful write (the library refreshes its list and tells other tabs). */
  readonly onSaved?: (record: SavedPlayground) => void;
  /** Another tab saved this playground first: `theirs` is what it wrote. */
  readonly onConflict?: (theirs: SavedPlayground | null, message: string) => void;
}

/** What another tab did to the record this tab holds, as `remoteSaved` decides it. */
export type RemoteOutcome = "ignore" | "reload" | "conflict";

export class Autosave {
  #store: PlaygroundStore;
  #record: SavedPlayground | null = null;
  #read: () => Promise<WorkspaceData>;
  #onStatus: (message: string | null) => void;
  #hooks: AutosaveHooks;
  #save = debounce(() => this.saveNow(), SAVE_PAUSE_MS);
  #saving: Promise<void> = Promise.resolve();
  /** Changes not yet written: counted, so that a change made during a write still counts after it. */
  #changes = 0;
  /** Set while another tab's save waits for the user's choice: no write may go over it. */
  #conflict: { theirs: SavedPlayground | null; message: string } | null = null;
  /** Bumped by `attach`: a write that began for the playground before belongs to that one alone. */
  #generation = 0;

  constructor(store: PlaygroundStore, read: () => Promise<WorkspaceData>, onStatus: (message: string | null) => void = () => {}, hooks: AutosaveHooks = {}) {
    this.#store = store;
    this.#read = read;
    this.#onStatus = onStatus;
    this.#hooks = hooks;
  }

  get record(): SavedPlayground | null {
    return this.#record;
  }

  get conflict(): { readonly theirs: SavedPlayground | null; readonly message: string } | null {
    return this.#conflict;
  }

  /** True when there are changes that no save has written yet. */
  get unsaved(): boolean {
    return this.#changes > 0;
  }

  /** The most recently saved playground, if there is one that loads. */
  async restore(): Promise<WorkspaceData | null> {
    const record = await this.restoreRecord();
    return record && { title: record.title, files: record.files, database: record.database };
  }

  /** Loads the playground `id` (or the most recent one that loads) and makes it the one saved here. */
  async restoreRecord(id?: string): Promise<SavedPlayground | null> {
    let record: SavedPlayground | null = null;
    if (id === undefined) record = await this.#store.latest();
    else {
      const loaded = await this.#store.load(id);
      record = loaded.ok ? loaded.record : null;
    }
    if (record) this.attach(record);
    return record;
  }

  /** From now on, saves go to `record` (null: the next save creates a new one). */
  attach(record: SavedPlayground | null): void {
    this.#save.cancel();
    this.#generation++;
    this.#record = record;
    this.#changes = 0;
    this.#conflict = null;
  }

  /** Call after every change; the write happens after a pause. */
  changed(): void {
    this.#changes++;
    this.#save();
  }

  flush(): Promise<void> {
    return this.#save.flush();
  }

  /**
   * Writes what waits on its pause and waits for every write already started, so that the open
   * playground can be replaced: a write still running would otherwise read the next one's files.
   */
  async settle(): Promise<void> {
    await this.flush();
    if (this.unsaved) await this.saveNow();
    await this.#saving;
  }

  /** Saves now, after any save still running: each save must start from the record the last one wrote. */
  saveNow(): Promise<void> {
    return this.#enqueue(() => this.#write());
  }

  /** Runs `work` after every save before it, so two writes never start from the same record. */
  #enqueue(work: () => Promise<void>): Promise<void> {
    this.#saving = this.#saving.then(work, work);
    return this.#saving;
  }

  /**
   * Another tab announced that it saved playground `id` as save number `saveCount`. With nothing
   * unsaved here and no command running, this tab can simply take theirs ("reload"); otherwise
   * the user must choose.
   */
  async remoteSaved(id: string, saveCount: number, busy = false): Promise<RemoteOutcome> {
    await this.#saving;
    if (!this.#record || this.#record.id !== id || saveCount <= this.#record.saveCount) return "ignore";
    // A command still running here will change the playground: reloading under it would lose it.
    if (!this.unsaved && !busy) return "reload";
    const loaded = await this.#store.load(id);
    this.#setConflict(loaded.ok ? loaded.record : null, `“${this.#record.title}” was just saved in another tab, and this tab has changes it has not saved. Keep theirs, overwrite with this tab's version, or save this tab's version as a copy.`);
    return "conflict";
  }

  /** Renames the playground saved here: the title lives in the record, so it is saved at once. */
  retitle(title: string): Promise<void> {
    return this.#enqueue(async () => {
      if (!this.#record) return;
      this.#record = { ...this.#record, title };
      this.#changes++;
      await this.#write();
    });
  }

  /** Conflict choice: write this tab's version over the other tab's. */
  overwrite(): Promise<void> {
    // The waiting debounced save is this same write: one write, in the queue, not two racing.
    this.#save.cancel();
    return this.#enqueue(async () => {
      if (!this.#record) return;
      const theirs = this.#conflict?.theirs;
      this.#conflict = null;
      // Continue from their save count, so the next ordinary save is not a conflict again.
      if (theirs) this.#record = { ...this.#record, saveCount: theirs.saveCount };
      await this.#commit({ force: true });
    });
  }

  /** Conflict choice: keep this tab's version as a new playground; theirs stays as they saved it. */
  saveAsCopy(title: string): Promise<void> {
    this.#save.cancel();
    return this.#enqueue(async () => {
      const ui = this.#record?.ui;
      this.#conflict = null;
      this.#record = null;
      await this.#commit({ title, ui });
    });
  }

  async #write(options: { force?: boolean; title?: string; ui?: SavedUiState } = {}): Promise<void> {
    if (this.#conflict) return;
    await this.#commit(options);
  }

  async #commit(options: { force?: boolean; title?: string; ui?: SavedUiState }): Promise<void> {
    const changes = this.#changes;
    const generation = this.#generation;
    const workspace = await this.#read();
    // Another playground was attached while this one was read: what was read may be either.
    if (generation !== this.#generation) return;
    const ui = this.#hooks.readUi?.() ?? options.ui ?? this.#record?.ui ?? EMPTY_UI;
    // The record's title wins over the engine's: a rename is made in the store, not in the worker.
    const result = this.#record
      ? await this.#store.save({ ...this.#record, files: workspace.files, database: workspace.database, ui }, { force: options.force })
      : await this.#store.create({ title: options.title ?? workspace.title, files: { ...workspace.files }, database: workspace.database, ui });
    // Written for the playground that was open when it began; the one attached since keeps its own record.
    if (generation !== this.#generation) return;
    if (result.ok) {
      this.#record = result.record;
      this.#changes = Math.max(0, this.#changes - changes);
      this.#onStatus(null);
      this.#hooks.onSaved?.(result.record);
    } else if (result.reason === "conflict") {
      this.#setConflict(result.theirs, result.message);
    } else {
      this.#onStatus(result.message);
    }
  }

  #setConflict(theirs: SavedPlayground | null, message: string): void {
    this.#conflict = { theirs, message };
    // With a conflict hook, the choice is shown there; the status line would only repeat it.
    if (this.#hooks.onConflict) this.#hooks.onConflict(theirs, message);
    else this.#onStatus(message);
  }
}
