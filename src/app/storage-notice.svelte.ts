// The one storage message the header shows. Saves and undo snapshots both write to the browser's
// storage, and both fail the same way when it is full: two long red messages said the same thing
// twice, crowded the title out, and the snapshot's stayed after saving worked again. Here both
// report, the header gets one short line with the way out (export, delete old playgrounds) and
// the full reason as its description, and any write that works again clears it.

import { STORAGE_FULL } from "./persist/playground-store";

export interface ShownNotice {
  /** One short line for the header. */
  readonly text: string;
  /** The whole reason, for the tooltip and for screen readers. */
  readonly detail: string;
}

export class StorageNotice {
  /** The last save's failure (null: it worked). */
  save = $state<string | null>(null);
  /** The last undo snapshot's failure (null: it worked). */
  snapshot = $state<string | null>(null);

  /** A save failed (its message) or worked (null). A write that works means storage works: both clear. */
  reportSave(message: string | null): void {
    this.save = message;
    if (message === null) this.snapshot = null;
  }

  /** An undo snapshot failed (its message) or was stored (null). */
  reportSnapshot(message: string | null): void {
    this.snapshot = message;
    if (message === null) this.save = null;
  }

  get shown(): ShownNotice | null {
    const detail = [this.save, this.snapshot].filter((m): m is string => m !== null).join(" ");
    if (!detail) return null;
    const full = detail.includes(STORAGE_FULL);
    if (this.save !== null) return { text: full ? "Not saved: browser storage is full." : "Not saved: the browser refused to store it.", detail };
    return { text: full ? "Storage full: this step can't be undone." : "This step can't be undone: not stored.", detail };
  }
}
