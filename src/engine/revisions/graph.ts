// Walking the graph: ancestors, descendants and Alembic's topological order, as
// RevisionMap._iterate_related_revisions / _get_ancestor_nodes / _get_descendant_nodes /
// _topological_sort in alembic/script/revision.py. Traversal order matters: it decides which
// error Alembic reports and the order `history` prints, so the same stack discipline is kept.

import { RevisionError } from "./errors";
import type { Revision, RevisionMap } from "./types";

interface Node {
  readonly revision: string;
}

/**
 * Depth-first walk from each target along `next` (as _iterate_related_revisions). With `check`,
 * a target that reaches another target is an error, as Alembic's overlap check.
 */
export function iterateRelated<N extends Node>(
  get: (id: string) => N | undefined,
  next: (node: N) => readonly string[],
  targets: readonly N[],
  check = false,
): N[] {
  const seen = new Set<string>();
  const out: N[] = [];
  const targetIds = new Set(targets.map((t) => t.revision));
  for (const target of targets) {
    const todo: N[] = [target];
    const perTarget: N[] = [];
    while (todo.length > 0) {
      const rev = todo.pop() as N;
      if (check) perTarget.push(rev);
      if (seen.has(rev.revision)) continue;
      seen.add(rev.revision);
      for (const id of next(rev)) {
        const nextRev = get(id);
        // as Alembic: a name that does not lead back to itself means the map is broken
        if (!nextRev || nextRev.revision !== id) throw new RevisionError("Dependency resolution failed; broken map");
        todo.push(nextRev);
      }
      out.push(rev);
    }
    if (check) reportOverlaps(target, perTarget, targetIds);
  }
  return out;
}

function reportOverlaps(target: Node, perTarget: readonly Node[], targetIds: ReadonlySet<string>): void {
  const overlaps = [...new Set(perTarget.map((r) => r.revision))].filter((id) => targetIds.has(id) && id !== target.revision);
  if (overlaps.length > 0) {
    throw new RevisionError(
      `Requested revision ${target.revision} overlaps with other requested revisions ${overlaps.join(", ")}`,
    );
  }
}

export interface WalkOptions {
  readonly check?: boolean;
  readonly includeDependencies?: boolean;
}

const getter = (map: RevisionMap) => (id: string) => map.revisions.get(id);

/** The targets and everything below them (_get_ancestor_nodes). */
export function ancestorNodes(map: RevisionMap, targets: readonly Revision[], opts: WalkOptions = {}): Revision[] {
  const next = opts.includeDependencies === false
    ? (r: Revision) => r.downRevisions
    : (r: Revision) => r.normalizedDownRevisions;
  return iterateRelated(getter(map), next, targets, opts.check);
}

/** The targets and everything above them (_get_descendant_nodes). */
export function descendantNodes(
  map: RevisionMap,
  targets: readonly Revision[],
  opts: WalkOptions & { readonly omitImmediateDependencies?: boolean } = {},
): Revision[] {
  const targetIds = new Set(targets.map((t) => t.revision));
  let next: (r: Revision) => readonly string[];
  if (opts.omitImmediateDependencies) {
    next = (r) => (targetIds.has(r.revision) ? r.nextRevisions : r.allNextRevisions);
  } else if (opts.includeDependencies === false) {
    next = (r) => r.nextRevisions;
  } else {
    next = (r) => r.allNextRevisions;
  }
  return iterateRelated(getter(map), next, targets, opts.check);
}

export const idsOf = (revs: Iterable<Revision>): Set<string> => new Set([...revs].map((r) => r.revision));

/**
 * Revision ids in Alembic's _topological_sort order: from the given heads downwards, each
 * revision after everything that depends on it, branches taken in map order. Upgrades run this
 * list reversed; downgrades and `history` use it as is.
 */
export function topologicalSort(map: RevisionMap, revisions: Iterable<string>, heads: readonly Revision[]): string[] {
  const todo = new Set(revisions);
  const order = [...map.revisions.keys()];
  const ancestorsOf = (id: string) => idsOf(ancestorNodes(map, [map.revisions.get(id) as Revision]));
  const currentHeads = [...new Set(heads.map((h) => h.revision).filter((id) => todo.has(id)))].sort(
    (a, b) => order.indexOf(a) - order.indexOf(b),
  );
  const ancestorsByIdx = currentHeads.map(ancestorsOf);
  const output: string[] = [];
  let idx = 0;
  let guard = 4 * (order.length + 1) ** 2;
  while (currentHeads.length > 0) {
    if (guard-- < 0) throw new RevisionError("Dependency resolution failed; broken map");
    const candidate = currentHeads[idx] as string;
    // another head that still has to come first depends on this one: walk that head instead
    const blocker = ancestorsByIdx.findIndex((anc, i) => i !== idx && anc.has(candidate));
    if (blocker >= 0) {
      idx = blocker;
      continue;
    }
    if (todo.delete(candidate)) output.push(candidate);
    const rev = map.revisions.get(candidate) as Revision;
    const toAdd = rev.normalizedDownRevisions.filter((r) => todo.has(r) && !currentHeads.includes(r));
    if (toAdd.length === 0) {
      currentHeads.splice(idx, 1);
      ancestorsByIdx.splice(idx, 1);
      idx = Math.max(idx - 1, 0);
    } else if (rev.normalizedDependencies.length === 0 && rev.downRevisions.length === 1) {
      // plain movement down a line: the ancestor set just loses the emitted revision
      currentHeads[idx] = toAdd[0] as string;
      ancestorsByIdx[idx]?.delete(candidate);
    } else {
      currentHeads[idx] = toAdd[0] as string;
      currentHeads.push(...toAdd.slice(1));
      ancestorsByIdx[idx] = ancestorsOf(toAdd[0] as string);
      ancestorsByIdx.push(...toAdd.slice(1).map(ancestorsOf));
    }
  }
  if (todo.size > 0) throw new RevisionError("Dependency resolution failed; broken map");
  return output;
}
