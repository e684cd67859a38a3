// The playgrounds the browser keeps (SPEC §4, issue 5): the list with each one's last change,
// opening, creating, renaming, duplicating and deleting them, and the open one's autosave.
// Two tabs on the same playground hear each other's saves over a BroadcastChannel; a save that
// would go over another tab's work becomes a choice for the user, never a silent overwrite.
// Browser globals (the channel, navigator.storage.persist) come in as parameters.

import { Autosave } from "./autosave";
import type { PlaygroundStore, PlaygroundSummary } from "./persist/playground-store";
import type { SavedPlayground } from "./persist/saved-format";
import type { Playground } from "./playground.svelte";
import type { WorkspaceData } from "./protocol";
import { StorageNotice } from "./storage-notice.svelte";

/** The part of BroadcastChannel the library uses; tests pass a pair of linked fakes. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
}

type ChannelMessage = { readonly type: "saved"; readonly id: string; readonly saveCount: number } | { readonly type: "listed" };

export type ConflictChoice = "theirs" | "mine" | "copy";

/** `title`, or `title (imported)`, `title (imported 2)`… when the list already has it. */
export function uniqueTitle(title: string, taken: ReadonlySet<string>, why: string): string {
  if (!taken.has(title)) return title;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${title} (${why})` : `${title} (${why} ${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** `flask db` commands that only read: nothing to save after them (SPEC §3). */
const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set(["current", "heads", "branches", "history", "show", "check", "list-templates"]);

/** False for a command that cannot change the playground: a read-only one, --sql, or --help. */
export function mayChange(argv: readonly string[]): boolean {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h") || argv.includes("--sql")) return false;
  return !READ_ONLY_COMMANDS.has(argv[0]!);
}

export interface LibraryDeps {
  readonly store: PlaygroundStore;
  readonly playground: Playground;
  /** Title of a fresh tutorial playground. */
  readonly tutorialTitle: string;
  /** Reloads whatever shows the database (the grid) after another playground opened. */
  readonly refreshViews?: () => Promise<void>;
  readonly channel?: ChannelLike | null;
  /** Told when another playground (or another tab's version of this one) replaces the open one. */
  readonly onOpened?: (note: string) => void;
  /** Resolves once the page has drawn what changed (after the next frame in the browser). */
  readonly painted?: () => Promise<void>;
}

export class PlaygroundLibrary {
  playgrounds = $state.raw<readonly PlaygroundSummary[]>([]);
  currentId = $state<string | null>(null);
  /** The other tab's save and this tab's changes disagree: the message asking the user to choose. */
  conflict = $state<string | null>(null);
  /** Whether the browser keeps the storage even when space runs low (null: not known yet). */
  persistence = $state<string | null>(null);

  readonly autosave: Autosave;
  /** What the header says when storage refuses a save or an undo snapshot (one message for both). */
  readonly storage = new StorageNotice();
  #deps: LibraryDeps;

  constructor(deps: LibraryDeps) {
    this.#deps = deps;
    const playground = deps.playground;
    this.autosave = new Autosave(deps.store, () => playground.exportWorkspace(), (m) => this.storage.reportSave(m), {
      readUi: () => playground.uiState(),
      onSaved: (record) => this.#saved(record),
      onConflict: (_theirs, message) => (this.conflict = message),
    });
    deps.channel?.addEventListener("message", (event) => void this.#heard(event.data as ChannelMessage));
  }

  /** The open playground's title as last saved (the record's, which a rename changes). */
  currentTitle = $state("");

  /** Starts saving the open playground: every change after a pause, every command that may change it at once. */
  watch(): void {
    this.#deps.playground.onChange(() => this.autosave.changed());
    this.#deps.playground.onOutput((argv) => {
      if (mayChange(argv)) void this.autosave.saveNow();
    });
  }

  /** Opens the most recently changed playground that loads; false when there is none. */
  async openLatest(): Promise<boolean> {
    const record = await this.autosave.restoreRecord().catch(() => null);
    if (!record) return false;
    await this.#show(record);
    await this.refresh();
    return true;
  }

  /**
   * Makes `record` the open playground's: the worker has opened it already (Playground.start),
   * so only the saving, the header and the list follow it here.
   */
  async adoptStarted(record: SavedPlayground): Promise<void> {
    this.autosave.attach(record);
    this.#shown(record);
    await this.#deps.refreshViews?.();
    await this.refresh();
  }

  /** Saves the playground just opened from elsewhere (a share link, a zip) as a new record. */
  async adoptNew(): Promise<void> {
    this.autosave.attach(null);
    this.currentId = null;
    await this.autosave.saveNow();
  }

  /** Rereads the list; storage that refuses to be read leaves the list as it was (the save path reports it). */
  async refresh(): Promise<void> {
    try {
      this.playgrounds = await this.#deps.store.list();
    } catch {
      // Nothing to add: a refused read means no saved list to show, and the open playground stays.
    }
  }

  /** A fresh tutorial playground, saved at once. */
  async create(): Promise<void> {
    await this.#leave();
    await this.#deps.playground.open(this.#deps.tutorialTitle);
    await this.adoptNew();
    this.#deps.onOpened?.(`— Opened a new playground “${this.#deps.tutorialTitle}”.`);
    await this.#deps.refreshViews?.();
  }

  /**
   * Opens a new playground holding `workspace` (an imported zip, a lesson's start); the open one
   * is saved first. `why` tells it apart from a playground of the same title ("imported").
   */
  async openWorkspace(workspace: WorkspaceData, why = "imported"): Promise<void> {
    await this.#leave();
    await this.refresh();
    // Two entries with one title could not be told apart in the list: the import says what it is.
    const title = uniqueTitle(workspace.title, new Set(this.playgrounds.map((p) => p.title)), why);
    await this.#deps.playground.open(title, { ...workspace, title });
    await this.adoptNew();
    this.#deps.onOpened?.(why === "imported" ? `— Imported “${title}” as a new playground.` : `— Opened “${title}” as a new playground.`);
    await this.#deps.refreshViews?.();
  }

  /**
   * The user's own SQLite file as a new playground titled after it; the open one is saved first
   * and stays open when the file is refused. Returns the refusal, or null; what models.ts only
   * approximates goes to the terminal as one list.
   */
  async adoptFile(file: { readonly name: string; readonly bytes: Uint8Array; readonly wal?: Uint8Array }): Promise<string | null> {
    await this.#leave();
    await this.refresh();
    const title = uniqueTitle(file.name, new Set(this.playgrounds.map((p) => p.title)), "opened");
    const result = await this.#deps.playground.adoptFile({ title, fileName: file.name, bytes: file.bytes, ...(file.wal && { wal: file.wal }) });
    if (!result.ok) return result.message;
    // The new playground is drawn first, then saved: the save of a 100 MB file (its export from
    // the worker, then IndexedDB) takes the worker and the page for about a second, and drawing
    // behind it made opening the file ~1 s slower (issue 12's 3 s). The record is let go at once,
    // so that a change made meanwhile is saved into the new playground's record, never the old one.
    this.currentTitle = title;
    this.autosave.attach(null);
    this.currentId = null;
    await this.#deps.refreshViews?.();
    await this.#deps.painted?.();
    await this.autosave.saveNow();
    const approximated = result.warnings.length === 0 ? "" : ` What models.ts only approximates (${result.warnings.length}):\n${result.warnings.map((w) => `  - ${w}`).join("\n")}`;
    this.#deps.onOpened?.(`— Opened “${title}” as a new playground: models.ts generated from its tables, the database stamped at a baseline revision. It stays in this browser.${approximated}`);
    return null;
  }

  async switchTo(id: string): Promise<void> {
    if (id === this.currentId) return;
    await this.#leave();
    const record = await this.autosave.restoreRecord(id);
    if (!record) {
      this.storage.reportSave(`The playground could not be opened: it is no longer in the browser's storage, or it is damaged.`);
      await this.refresh();
      return;
    }
    await this.#show(record);
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = title.trim();
    if (!clean) return;
    if (id === this.currentId) await this.autosave.retitle(clean);
    else this.#report(await this.#deps.store.rename(id, clean));
    await this.refresh();
    this.#announce({ type: "listed" });
  }

  /** Copies a playground (the open one with its latest edits) and opens the copy. */
  async duplicate(id: string): Promise<void> {
    if (id === this.currentId) await this.autosave.saveNow();
    const result = await this.#deps.store.duplicate(id);
    if (!this.#report(result) || !result.ok) return;
    await this.#leave();
    this.autosave.attach(result.record);
    await this.#show(result.record);
  }

  /** Deletes a playground (the UI asks first). Deleting the open one opens the next, or a fresh one. */
  async remove(id: string): Promise<void> {
    await this.#deps.store.delete(id);
    this.#announce({ type: "listed" });
    if (id !== this.currentId) return this.refresh();
    this.autosave.attach(null);
    this.currentId = null;
    if (!(await this.openLatest())) await this.create();
  }

  /** The user's answer to a conflict with another tab. */
  async resolve(choice: ConflictChoice): Promise<void> {
    const conflict = this.autosave.conflict;
    this.conflict = null;
    this.storage.reportSave(null);
    if (choice === "mine") await this.autosave.overwrite();
    else if (choice === "copy") await this.autosave.saveAsCopy(`${this.currentTitle} (this tab's copy)`);
    else if (conflict?.theirs) {
      this.autosave.attach(conflict.theirs);
      await this.#show(conflict.theirs);
    } else if (this.currentId) await this.#reload(this.currentId);
    await this.refresh();
  }

  /**
   * Asks the browser to keep this site's storage when space runs low (navigator.storage.persist,
   * passed in). A refusal is said once, with what to do about it.
   */
  async requestPersistence(persist: (() => Promise<boolean>) | undefined): Promise<void> {
    let granted = false;
    try {
      granted = persist ? await persist() : false;
    } catch {
      granted = false;
    }
    this.persistence = granted
      ? "The browser keeps these playgrounds until you delete them."
      : "The browser did not promise to keep these playgrounds: it may clear them when the disk runs low. Export the ones you want to keep.";
  }

  /** Saves the open playground and forgets its pending saves, before another one opens. */
  async #leave(): Promise<void> {
    await this.autosave.settle();
  }

  async #show(record: SavedPlayground): Promise<void> {
    const { title, files, database } = record;
    await this.#deps.playground.open(title, { title, files, database });
    this.#deps.playground.restoreUi(record.ui);
    this.#shown(record);
    await this.#deps.refreshViews?.();
  }

  #shown(record: SavedPlayground): void {
    this.currentId = record.id;
    this.currentTitle = record.title;
    this.#deps.onOpened?.(`— Opened the playground “${record.title}” (saved ${new Date(record.updatedAt).toLocaleString()}).`);
  }

  /** Takes the other tab's save of the open playground; this tab keeps its own tabs open. */
  async #reload(id: string): Promise<void> {
    const ui = this.#deps.playground.uiState();
    const record = await this.autosave.restoreRecord(id);
    if (record) await this.#show({ ...record, ui });
  }

  #saved(record: SavedPlayground): void {
    this.currentId = record.id;
    this.currentTitle = record.title;
    void this.refresh();
    this.#announce({ type: "saved", id: record.id, saveCount: record.saveCount });
  }

  async #heard(message: ChannelMessage): Promise<void> {
    if (message.type === "saved") {
      const outcome = await this.autosave.remoteSaved(message.id, message.saveCount, this.#deps.playground.busy);
      if (outcome === "reload") await this.#reload(message.id);
    }
    await this.refresh();
  }

  #announce(message: ChannelMessage): void {
    try {
      this.#deps.channel?.postMessage(message);
    } catch {
      // A closed channel only means no other tab listens.
    }
  }

  #report(result: { ok: boolean; message?: string }): boolean {
    if (!result.ok) this.storage.reportSave(result.message ?? null);
    return result.ok;
  }
}
