// The data behind `history`, `heads`, `branches`, `current` and `show`, as alembic/command.py
// gathers it (walk_revisions, get_revisions, get_all_current). Formatting lives in format.ts.

import { catchRevisionErrors, type CommandFailure, type PyValue } from "./errors";
import { iterateRevisions } from "./collect";
import { getAllCurrent, getRevisions } from "./resolve";
import { isBranchPoint, isRevision, type Revision, type RevisionMap } from "./types";

export type RevisionsResult = { readonly ok: true; readonly revisions: Revision[] } | CommandFailure;

const RANGE_FORMAT = "History range requires [start]:[end], [start]:, or :[end]";

/** As ScriptDirectory.walk_revisions: from `head` down to `base`, both included, newest first. */
export function walkRevisions(map: RevisionMap, base: PyValue = "base", head: PyValue = "heads"): RevisionsResult {
  return catchRevisionErrors(
    () => {
      const revisions = iterateRevisions(map, head, base, { inclusive: true, assertRelativeLength: false });
      return { ok: true as const, revisions };
    },
    { start: base, end: head },
  );
}

/**
 * `history [-r start:end]`, in the order `flask db history` prints. `current` in the range stands
 * for the database's heads, which the caller passes (only read when the range names it).
 */
export function iterateHistory(map: RevisionMap, range: string | undefined, currentHeads: readonly string[] = []): RevisionsResult {
  let base: string | null = null;
  let head: string | null = null;
  if (range !== undefined) {
    const parts = range.trim().split(":");
    if (!range.includes(":") || parts.length !== 2) return { ok: false, error: RANGE_FORMAT };
    [base, head] = parts as [string, string];
  }
  const current: PyValue = currentHeads.length > 0 ? [...currentHeads] : null;
  if (head === "current") return walkRevisions(map, base || "base", current ?? "heads");
  if (base === "current") return walkRevisions(map, current ?? "base", head || "heads");
  return walkRevisions(map, base || "base", head || "heads");
}

/** `heads`: the heads, or with --resolve-dependencies the heads nothing depends on either. */
export function listHeads(map: RevisionMap, opts: { readonly resolveDependencies?: boolean } = {}): Revision[] {
  const ids = opts.resolveDependencies ? map.realHeads : map.heads;
  return ids.map((id) => map.revisions.get(id) as Revision);
}

export interface BranchPoint {
  readonly revision: Revision;
  /** The revisions that branch from it (its `nextrev`). */
  readonly branches: readonly Revision[];
}

/** `branches`: every branch point, newest first, with the revisions it branches into. */
export function listBranchPoints(map: RevisionMap): { readonly ok: true; readonly branchPoints: BranchPoint[] } | CommandFailure {
  const all = walkRevisions(map);
  if (!all.ok) return all;
  const branchPoints = all.revisions.filter(isBranchPoint).map((revision) => ({
    revision,
    branches: revision.nextRevisions.map((id) => map.revisions.get(id) as Revision),
  }));
  return { ok: true, branchPoints };
}

/** `current`: the revisions the database is at, with what they depend on, reduced to branch tips. */
export function currentRevisions(map: RevisionMap, currentHeads: readonly string[]): RevisionsResult {
  return catchRevisionErrors(() => ({ ok: true as const, revisions: getAllCurrent(map, currentHeads) }));
}

/** `show <rev>` (and `show current`, with the database's heads as `symbol`). */
export function showRevisions(map: RevisionMap, symbol: string | readonly string[]): RevisionsResult {
  return catchRevisionErrors(() => {
    const found = getRevisions(map, typeof symbol === "string" ? symbol : [...symbol]);
    return { ok: true as const, revisions: found.filter(isRevision) };
  });
}
