// "Back up before you migrate", done for the user (issue 5): before every upgrade or downgrade,
// however it was started (button, shortcut, terminal, graph), the database is kept as a snapshot
// of the open playground, and any of the last MAX_SNAPSHOTS can be put back. Putting one back is
// itself a step with its own snapshot first, so a restore can be undone the same way.

import type { PlaygroundLibrary } from "./library.svelte";
import { MAX_SNAPSHOTS, type PlaygroundStore, type Snapshot } from "./persist/playground-store";
import { changesDatabase, type Playground } from "./playground.svelte";

export const SNAPSHOT_BOUND_TEXT = `The last ${MAX_SNAPSHOTS} steps are kept.`;

export interface UndoDeps {
  readonly store: PlaygroundStore;
  readonly playground: Playground;
  readonly library: PlaygroundLibrary;
  readonly refreshViews?: () => Promise<void>;
}

export class UndoHistory {
  /** Newest first, as the list shows them. */
  steps = $state.raw<readonly Snapshot[]>([]);
  /** Set when a snapshot could not be stored (the step still ran): says so, and what to do. */
  error = $state<string | null>(null);
  #deps: UndoDeps;

  constructor(deps: UndoDeps) {
    this.#deps = deps;
  }

  watch(): void {
    this.#deps.playground.beforeCommand(async (argv) => {
      if (changesDatabase(argv)) await this.#keep(`before flask db ${argv.join(" ")}`);
    });
  }

  async refresh(): Promise<void> {
    const id = this.#deps.library.currentId;
    try {
      this.steps = id === null ? [] : [...(await this.#deps.store.snapshots(id))].reverse();
    } catch {
      // Storage that refuses reads has no steps to offer; the page must still start.
      this.steps = [];
    }
  }

  /** Puts back the database of the snapshot taken at `takenAt`; the files stay as they are now. */
  async restore(takenAt: number): Promise<boolean> {
    const snapshot = this.steps.find((s) => s.takenAt === takenAt);
    if (!snapshot) return false;
    const { playground, library, store } = this.#deps;
    const id = library.currentId;
    if (id === null) return false;
    const kept = await store.snapshotDatabase(id, takenAt);
    if (!kept.ok) {
      this.error = `The database of this step could not be read back: ${kept.message}`;
      return false;
    }
    await this.#keep(`before restoring the database ${snapshot.label}`);
    // only the database: the files, and keys typed meanwhile, are not sent back and forth
    await playground.replaceDatabase(kept.database);
    await library.autosave.flush();
    await this.#deps.refreshViews?.();
    return true;
  }

  /** Stores the database as it is now under `label`; a failure is reported, never thrown. */
  async #keep(label: string): Promise<void> {
    const { playground, library, store } = this.#deps;
    try {
      // A playground not saved yet has no record to hang snapshots on: save it first.
      if (library.currentId === null) await library.autosave.saveNow();
      const id = library.currentId;
      if (id === null) throw new Error("the playground has not been saved yet");
      const heads = [...(playground.snapshot?.history.current ?? [])];
      const { database } = await playground.exportWorkspace();
      const result = await store.takeSnapshot(id, { label, database, heads });
      this.error = result.ok ? null : `The database could not be kept before this step, so it cannot be undone: ${result.message}`;
    } catch (e) {
      this.error = `The database could not be kept before this step, so it cannot be undone: ${e instanceof Error ? e.message : String(e)}.`;
    }
    library.storage.reportSnapshot(this.error);
    await this.refresh();
  }
}
