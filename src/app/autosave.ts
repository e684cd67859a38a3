// Keeps the open playground in the browser's storage (SPEC §4: a reload restores it exactly,
// data and current revision included). Saves on the debounce after each change, through the
// playground store of app/persist; a failed save is reported, and the work stays in memory.

import { debounce } from "./debounce";
import type { PlaygroundStore } from "./persist/playground-store";
import type { SavedPlayground } from "./persist/saved-format";
import type { WorkspaceData } from "./protocol";

/** Wait for a pause before writing: storage is slower than typing (STYLE.md: save on the debounce). */
export const SAVE_PAUSE_MS = 300;

export class Autosave {
  #store: PlaygroundStore;
  #record: SavedPlayground | null = null;
  #read: () => Promise<WorkspaceData>;
  #onStatus: (message: string | null) => void;
  #save = debounce(() => this.saveNow(), SAVE_PAUSE_MS);
  #saving: Promise<void> = Promise.resolve();

  constructor(store: PlaygroundStore, read: () => Promise<WorkspaceData>, onStatus: (message: string | null) => void = () => {}) {
    this.#store = store;
    this.#read = read;
    this.#onStatus = onStatus;
  }

  /** The most recently saved playground, if there is one that loads. */
  async restore(): Promise<WorkspaceData | null> {
    for (const summary of await this.#store.list()) {
      const loaded = await this.#store.load(summary.id);
      if (!loaded.ok) continue;
      this.#record = loaded.record;
      const { title, files, database } = loaded.record;
      return { title, files, database };
    }
    return null;
  }

  /** Call after every change; the write happens after a pause. */
  changed(): void {
    this.#save();
  }

  flush(): Promise<void> {
    return this.#save.flush();
  }

  /** Saves now, after any save still running: each save must start from the record the last one wrote. */
  saveNow(): Promise<void> {
    this.#saving = this.#saving.then(() => this.#write(), () => this.#write());
    return this.#saving;
  }

  async #write(): Promise<void> {
    const workspace = await this.#read();
    const result = this.#record
      ? await this.#store.save({ ...this.#record, title: workspace.title, files: workspace.files, database: workspace.database })
      : await this.#store.create({ title: workspace.title, files: { ...workspace.files }, database: workspace.database });
    if (result.ok) {
      this.#record = result.record;
      this.#onStatus(null);
    } else {
      this.#onStatus(result.message);
    }
  }
}
