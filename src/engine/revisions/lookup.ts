// Result-returning lookups for the command layer: resolving a symbol to revisions with Alembic's
// command-level error texts (ScriptDirectory.get_revision / get_revisions in alembic/script/base.py).

import { catchRevisionErrors, type CommandFailure } from "./errors";
import { walkRevisions } from "./history";
import { getRevision, getRevisions } from "./resolve";
import { isRevision, type Revision, type RevisionMap } from "./types";

/** One revision for a symbol ("ae10", "head", "label@head", "base" gives null). */
export function lookupRevision(map: RevisionMap, symbol: string): { readonly ok: true; readonly revision: Revision | null } | CommandFailure {
  return catchRevisionErrors(() => ({ ok: true as const, revision: getRevision(map, symbol) }));
}

/** Every revision a symbol names ("heads", "label@-1", several ids). */
export function lookupRevisions(
  map: RevisionMap,
  symbol: string | readonly string[],
): { readonly ok: true; readonly revisions: Revision[] } | CommandFailure {
  return catchRevisionErrors(() => ({
    ok: true as const,
    revisions: getRevisions(map, typeof symbol === "string" ? symbol : [...symbol]).filter(isRevision),
  }));
}

/** All revisions, newest first, in the order `history` prints them. */
export function topologicalOrder(map: RevisionMap): Revision[] {
  const walked = walkRevisions(map);
  return walked.ok ? walked.revisions : [...map.revisions.values()].reverse();
}

export const NOT_UP_TO_DATE = "Target database is not up to date.";

/**
 * Whether the database is at the heads, as autogenerate checks before `migrate`
 * (alembic/autogenerate/api.py: NOT_UP_TO_DATE when not).
 */
export function checkUpToDate(map: RevisionMap, currentHeads: readonly string[]): { readonly ok: true; readonly upToDate: boolean } | CommandFailure {
  return catchRevisionErrors(() => {
    const at = new Set(getRevisions(map, [...currentHeads]).filter(isRevision).map((r) => r.revision));
    const heads = new Set(map.realHeads);
    const upToDate = at.size === heads.size && [...at].every((id) => heads.has(id));
    return { ok: true as const, upToDate };
  });
}
