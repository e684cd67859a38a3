// The undo snapshots of a playground, as `snap:<id>` keeps them. Like the playground record, the
// list carries its format version and loads through an ordered list of upgrades (STYLE.md), so
// that a list written by a newer Retort is recognised and left alone instead of being guessed at.

import { isStoredDatabase, type StoredDatabase } from "./saved-format";

export interface StoredSnapshot {
  readonly takenAt: number;
  readonly label: string;
  readonly heads: readonly string[];
  readonly database: StoredDatabase | null;
}

export interface StoredSnapshotList {
  readonly format: number;
  readonly snapshots: readonly StoredSnapshot[];
}

export type SnapshotListResult = { readonly ok: true; readonly snapshots: readonly StoredSnapshot[] } | { readonly ok: false; readonly reason: string };

type ListUpgrade = (value: Record<string, unknown>) => Record<string, unknown>;

/**
 * SNAPSHOT_UPGRADES[n - 1] turns a format-n list into a format n+1 one. Format 1 was a bare array
 * (it carried no version), whose databases were inline bytes or, later, chunk references.
 */
export const SNAPSHOT_UPGRADES: readonly ListUpgrade[] = [
  (v) => ({ snapshots: (v.snapshots as unknown[]).map((s) => {
    const { database, heads } = s as { database?: unknown; heads?: unknown };
    return { ...(s as object), heads: heads ?? [], database: database instanceof Uint8Array ? { inline: database } : database };
  }) }),
];

export const SNAPSHOT_FORMAT = SNAPSHOT_UPGRADES.length + 1;

/** Never throws: no list yet is an empty list; a newer or damaged one is refused with the reason. */
export function loadSnapshotList(value: unknown): SnapshotListResult {
  if (value === undefined) return { ok: true, snapshots: [] };
  let list: Record<string, unknown> = Array.isArray(value) ? { format: 1, snapshots: value } : (value as Record<string, unknown>);
  const format = typeof list === "object" && list !== null ? list.format : undefined;
  if (typeof format !== "number" || !Number.isInteger(format) || format < 1) return { ok: false, reason: "The undo steps saved for this playground have no format version." };
  if (format > SNAPSHOT_FORMAT) return { ok: false, reason: `The undo steps of this playground were saved by a newer Retort (format ${format}). Reload the page to get the latest Retort; they were left untouched.` };
  for (let v = format; v < SNAPSHOT_FORMAT; v++) list = { ...SNAPSHOT_UPGRADES[v - 1]!(list), format: v + 1 };
  const snapshots = list.snapshots;
  if (!Array.isArray(snapshots) || !snapshots.every(isStoredSnapshot)) return { ok: false, reason: "The undo steps saved for this playground are damaged; they were left untouched." };
  return { ok: true, snapshots };
}

export function toStoredList(snapshots: readonly StoredSnapshot[]): StoredSnapshotList {
  return { format: SNAPSHOT_FORMAT, snapshots };
}

function isStoredSnapshot(value: unknown): value is StoredSnapshot {
  if (typeof value !== "object" || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s.takenAt === "number" && typeof s.label === "string" && Array.isArray(s.heads) && (s.database === null || isStoredDatabase(s.database));
}
