// The IndexedDB record of a playground. Every record carries its format version; loading runs
// the ordered list of upgrades from that version to the current one (as tldraw's store
// migrations), so a record saved by any earlier Retort still opens. Loading never throws.

export interface SavedUiState {
  readonly openTabs: readonly string[];
  readonly activeTab: string | null;
  readonly selectedRevision: string | null;
  /**
   * The terminal's command lines, oldest first (Up recalls the last): each playground its own.
   * Absent from records saved before it was kept, which then have none; nothing else changed,
   * so the format stays.
   */
  readonly terminalHistory?: readonly string[];
  /** The lesson this playground was made for, and how far it got (absent: an ordinary playground). */
  readonly lesson?: LessonProgress;
}

/** A lesson's progress (src/lessons): optional in the record, so no format upgrade is needed. */
export interface LessonProgress {
  readonly id: string;
  /** The step shown, 0-based. */
  readonly step: number;
  /** The steps whose checks were met, 0-based. */
  readonly done: readonly number[];
}

/** How many command lines a playground keeps for Up and Down, as a shell's HISTSIZE. */
export const TERMINAL_HISTORY_SIZE = 100;

/** The saved history as the terminal uses it: strings only, the newest TERMINAL_HISTORY_SIZE. */
export function terminalHistoryOf(ui: SavedUiState): string[] {
  const saved: unknown = ui.terminalHistory;
  if (!Array.isArray(saved)) return [];
  return saved.filter((line): line is string => typeof line === "string").slice(-TERMINAL_HISTORY_SIZE);
}

export interface SavedPlayground {
  readonly format: number;
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Bumped by every save: two tabs compare it to notice each other's writes. */
  readonly saveCount: number;
  /** models.ts and migrations/versions/*.ts, by path. */
  readonly files: Readonly<Record<string, string>>;
  /** The SQLite file, or null before the database was first used. */
  readonly database: Uint8Array | null;
  readonly ui: SavedUiState;
}

/**
 * Where a stored database's bytes are. Format 2 keeps them in chunk records (`chunks`, in order),
 * because Chromium's IndexedDB refuses one value over about 133 MB; a record upgraded from
 * format 1 still holds its bytes inline until its next save.
 */
export type StoredDatabase = ChunkedDatabase | { readonly inline: Uint8Array };
export interface ChunkedDatabase {
  readonly chunks: readonly string[];
  readonly size: number;
}

/** The record as IndexedDB holds it: a SavedPlayground whose database is a StoredDatabase. */
export type StoredPlayground = Omit<SavedPlayground, "database"> & { readonly database: StoredDatabase | null };

export const EMPTY_UI: SavedUiState = { openTabs: ["models.ts"], activeTab: "models.ts", selectedRevision: null };

export type LoadResult = { readonly ok: true; readonly record: SavedPlayground } | { readonly ok: false; readonly reason: string };
export type StoredLoadResult = { readonly ok: true; readonly record: StoredPlayground } | { readonly ok: false; readonly reason: string };

export type Upgrade = (record: Record<string, unknown>) => Record<string, unknown>;

/**
 * UPGRADES[n - 1] turns a format-n record into a format n+1 one. Each change to the record adds
 * its upgrade here and a golden record of the old format to tests/app/persist/fixtures/.
 */
export const UPGRADES: readonly Upgrade[] = [
  // 1 -> 2: the database moved out of the record into chunks; a format-1 record's bytes stay
  // inline. Any other value is left as it is, so that the record is refused as damaged: made
  // null, the next save would make its loss permanent.
  (r) => ({ ...r, database: r.database instanceof Uint8Array ? { inline: r.database } : r.database }),
];

export const SAVED_FORMAT = UPGRADES.length + 1;

export function loadSavedPlayground(value: unknown, upgrades: readonly Upgrade[] = UPGRADES): StoredLoadResult {
  const current = upgrades.length + 1;
  if (typeof value !== "object" || value === null) return { ok: false, reason: "The saved playground is empty or not a record." };
  let record = value as Record<string, unknown>;
  const format = record.format;
  if (typeof format !== "number" || !Number.isInteger(format) || format < 1) {
    return { ok: false, reason: "The saved playground has no format version." };
  }
  if (format > current) {
    return { ok: false, reason: `This playground was saved by a newer Retort (format ${format}). Reload the page to get the latest Retort; it was left untouched.` };
  }
  try {
    for (let v = format; v < current; v++) record = { ...upgrades[v - 1]!(record), format: v + 1 };
  } catch (e) {
    return { ok: false, reason: `The saved playground (format ${format}) could not be upgraded: ${(e as Error).message}` };
  }
  return isCurrent(record, current) ? { ok: true, record } : { ok: false, reason: "The saved playground is damaged: some of its fields are missing." };
}

export function isStoredDatabase(value: unknown): value is StoredDatabase {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.inline instanceof Uint8Array) return true;
  return Array.isArray(v.chunks) && v.chunks.every((k) => typeof k === "string") && typeof v.size === "number";
}

function isCurrent(r: Record<string, unknown>, current: number): r is Record<string, unknown> & StoredPlayground {
  return (
    r.format === current &&
    typeof r.id === "string" &&
    typeof r.title === "string" &&
    typeof r.createdAt === "number" &&
    typeof r.updatedAt === "number" &&
    typeof r.saveCount === "number" &&
    typeof r.files === "object" && r.files !== null &&
    (r.database === null || isStoredDatabase(r.database)) &&
    typeof r.ui === "object" && r.ui !== null
  );
}
