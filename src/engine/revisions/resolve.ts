// Resolving what users type (ids, partial ids, "head", "heads", "base", "<label>@head", "-1")
// into revisions, as RevisionMap.get_revisions / get_revision / _revision_for_ident /
// filter_for_lineage / _walk in alembic/script/revision.py.

import { MultipleHeads, ResolutionError, RevisionError, type PyValue } from "./errors";
import { ancestorNodes, descendantNodes } from "./graph";
import { isRevision, type Resolved, type Revision, type RevisionMap } from "./types";

/** Retort only matches partial ids of at least this many characters (Alembic: keys longer than 3). */
export const MIN_PARTIAL_ID = 4;

/** A revision id or a branch label, as keys of Alembic's _revision_map. */
export function lookupKey(map: RevisionMap, key: string): Revision | undefined {
  return map.revisions.get(key) ?? map.revisions.get(map.labels.get(key) ?? "");
}

/** As _resolve_revision_number: the ids a symbol stands for, and the branch label it names. */
export function resolveRevisionNumber(map: RevisionMap, id: PyValue): [string[], string | null] {
  let label: string | null = null;
  let rest = id;
  if (typeof id === "string" && id.includes("@")) {
    const at = id.indexOf("@");
    label = id.slice(0, at);
    rest = id.slice(at + 1);
  }
  if (rest === "heads") return [label ? filterForLineage(map, map.heads, label) : [...map.realHeads], label];
  if (rest === "head") {
    const head = getCurrentHead(map, label);
    return [head === null ? [] : [head], label];
  }
  if (rest === "base" || rest === null) return [[], label];
  return [typeof rest === "string" ? [rest] : [...rest], label];
}

/** As get_current_head: the one head (of a branch), or MultipleHeads. */
export function getCurrentHead(map: RevisionMap, label: string | null = null): string | null {
  const heads = label ? filterForLineage(map, map.heads, label) : map.heads;
  if (heads.length > 1) throw new MultipleHeads(heads, label ? `${label}@head` : "head");
  return heads[0] ?? null;
}

/** Python's int() on an identifier such as "-1" or "2". */
const INTEGER = /^\s*[+-]?\d+\s*$/;

/** As get_revisions: a symbol, or several, to the revisions they name ("base" names none). */
export function getRevisions(map: RevisionMap, id: PyValue | readonly (string | null)[]): Resolved[] {
  if (Array.isArray(id)) return (id as readonly (string | null)[]).flatMap((one) => getRevisions(map, one));
  const [resolved, label] = resolveRevisionNumber(map, id as PyValue);
  const only = resolved.length === 1 ? (resolved[0] as string) : undefined;
  if (only !== undefined && INTEGER.test(only) && Number.parseInt(only, 10) < 0) {
    // "<label>@-n": walk down from the heads (of that branch)
    let heads = getRevisions(map, "heads").filter(isRevision);
    if (label !== null) heads = heads.filter((h) => h.branchLabels.includes(label));
    return heads.map((h) => walk(map, h, Number.parseInt(only, 10)));
  }
  return resolved.map((r) => revisionForIdent(map, r, label));
}

/** As get_revision: one revision (null for "base"), or MultipleHeads. */
export function getRevision(map: RevisionMap, id: string | null): Revision | null {
  const [resolved, label] = resolveRevisionNumber(map, id);
  if (resolved.length > 1) throw new MultipleHeads(resolved, id);
  return revisionForIdent(map, resolved[0] ?? null, label);
}

/** As _resolve_branch: a label, or failing that any revision symbol. */
export function resolveBranch(map: RevisionMap, label: string): Revision | null {
  const byLabel = lookupKey(map, label);
  if (byLabel) return byLabel;
  try {
    return revisionForIdent(map, label);
  } catch (err) {
    if (err instanceof ResolutionError) throw new ResolutionError(`No such branch: '${label}'`, label);
    throw err;
  }
}

/** As _revision_for_ident: an exact id or label, else a unique prefix; null stands for base. */
export function revisionForIdent(map: RevisionMap, id: string | null, checkBranch: string | null = null): Revision | null {
  const branchRev = checkBranch ? resolveBranch(map, checkBranch) : null;
  let revision: Revision | null = id === null ? null : (lookupKey(map, id) ?? null);
  if (id !== null && revision === null) {
    let candidates = id.length < MIN_PARTIAL_ID ? [] : [...map.revisions.keys(), ...map.labels.keys()].filter((k) => k.startsWith(id));
    if (branchRev && checkBranch) candidates = filterForLineage(map, candidates, checkBranch);
    if (candidates.length === 0) {
      const hint = id.length < MIN_PARTIAL_ID ? "; please ensure at least four characters are present for partial revision identifier matches" : "";
      throw new ResolutionError(`No such revision or branch '${id}'${hint}`, id);
    }
    if (candidates.length > 1) {
      const some = candidates.slice(0, 3).map((c) => `'${c}'`).join(", ");
      throw new ResolutionError(`Multiple revisions start with '${id}': ${some}...`, id);
    }
    revision = lookupKey(map, candidates[0] as string) ?? null;
  }
  if (checkBranch && branchRev && revision !== null && id !== null && !sharesLineage(map, revision, [branchRev])) {
    throw new ResolutionError(`Revision ${revision.revision} is not a member of branch '${checkBranch}'`, id);
  }
  return revision;
}

/** As filter_for_lineage: keep the targets on the same line as `checkAgainst` (a label or symbol). */
export function filterForLineage<T extends string | Revision>(
  map: RevisionMap,
  targets: readonly T[],
  checkAgainst: string | null,
  includeDependencies = false,
): T[] {
  const [ids, label] = resolveRevisionNumber(map, checkAgainst);
  const shares = [...(label ? [label] : []), ...ids];
  return targets.filter((t) => sharesLineage(map, t, shares, includeDependencies));
}

/** As _shares_lineage: is any of `against` above or below `target`? */
export function sharesLineage(
  map: RevisionMap,
  target: string | Revision,
  against: readonly (string | Revision)[],
  includeDependencies = false,
): boolean {
  if (against.length === 0) return true;
  const rev = typeof target === "string" ? revisionForIdent(map, target) : target;
  if (rev === null) throw new RevisionError(`Revision ${String(target)} is not a revision`);
  const wanted = new Set(
    against.map((a) => (typeof a === "string" ? revisionForIdent(map, a)?.revision : a.revision)).filter((a) => a !== undefined),
  );
  const opts = { includeDependencies };
  return [...descendantNodes(map, [rev], opts), ...ancestorNodes(map, [rev], opts)].some((r) => wanted.has(r.revision));
}

/**
 * As _walk: move `steps` up (> 0) or down (< 0) from `initial` (null: below the bases / above
 * the heads). Walking down past a base gives "base"; past the end gives null when `noOverwalk`.
 */
export function walk(map: RevisionMap, initial: Resolved, steps: number, label: string | null = null, noOverwalk = true): Resolved {
  let at = initial;
  for (let i = 0; i < Math.abs(steps); i++) {
    let children: Resolved[];
    if (steps > 0) {
      if (at === "base") throw new RevisionError("Walked too far");
      const up = getRevisions(map, at === null ? map.bases : at.nextRevisions).filter(isRevision);
      children = label ? filterForLineage(map, up, label) : up;
    } else if (at === "base") {
      children = [];
    } else {
      children = getRevisions(map, at === null ? map.heads : at.downRevisions);
      if (children.length === 0) children = ["base"];
    }
    if (children.length === 0) return noOverwalk ? null : at;
    if (children.length > 1) throw new RevisionError("Ambiguous walk");
    at = children[0] as Resolved;
  }
  return at;
}

/** As _get_all_current: the current heads plus their dependencies, reduced to branch tips. */
export function getAllCurrent(map: RevisionMap, heads: readonly string[]): Revision[] {
  const top = getRevisions(map, heads).filter(isRevision);
  const all = [...new Map([...top, ...ancestorNodes(map, top)].map((r) => [r.revision, r])).values()];
  const ids = new Set(all.map((r) => r.revision));
  return all.filter((r) => !descendantNodes(map, [r], { includeDependencies: false }).some((d) => d !== r && ids.has(d.revision)));
}
