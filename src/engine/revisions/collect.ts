// Which revisions an upgrade, a downgrade or a history range covers, as
// RevisionMap._collect_upgrade_revisions / _collect_downgrade_revisions / iterate_revisions in
// alembic/script/revision.py.

import { RangeNotAncestorError, RevisionError, type PyValue } from "./errors";
import { ancestorNodes, descendantNodes, idsOf, topologicalSort } from "./graph";
import { getRevision, getRevisions, resolveBranch } from "./resolve";
import { parseDowngradeTarget, parseUpgradeTarget } from "./targets";
import { isRevision, type Resolved, type Revision, type RevisionMap } from "./types";

export interface IterateOptions {
  readonly implicitBase?: boolean;
  readonly inclusive?: boolean;
  readonly assertRelativeLength?: boolean;
  readonly selectForDowngrade?: boolean;
  /** Collects Alembic's warnings (util.warn). */
  readonly warnings?: string[];
}

/** As iterate_revisions: the revisions between `upper` and `lower`, newest first. */
export function iterateRevisions(map: RevisionMap, upper: PyValue, lower: PyValue, opts: IterateOptions = {}): Revision[] {
  const [revisions, heads] = opts.selectForDowngrade
    ? collectDowngradeRevisions(map, upper, lower as string | null, opts)
    : collectUpgradeRevisions(map, upper, lower, opts);
  return topologicalSort(map, revisions, heads).map((id) => map.revisions.get(id) as Revision);
}

/** A relative walk that ended past either end cannot be a target (Alembic fails an assertion). */
function requireRevision(r: Resolved, target: PyValue): Revision {
  if (isRevision(r)) return r;
  throw new RevisionError(`Relative revision ${String(target)} walks past the end of the history; pick a target between base and the heads`);
}

function collectUpgradeRevisions(map: RevisionMap, upper: PyValue, lower: PyValue, opts: IterateOptions): [Set<string>, Revision[]] {
  const implicitBase = opts.implicitBase ?? false;
  const assertLength = opts.assertRelativeLength ?? true;
  // walking up to "base" (e.g. "ae10-1" from a base) asks for nothing
  let targets = parseUpgradeTarget(map, lower, upper, assertLength).filter((t) => t !== "base").map((t) => requireRevision(t, upper));
  if (typeof lower === "string" && lower.includes("@")) targets = targetsOnBranch(map, targets, lower);
  const required = idsOf([...ancestorNodes(map, targets, { check: true }), ...targets]);

  let currentRevs = getRevisions(map, lower);
  if (!implicitBase && currentRevs.some((r) => r !== null && !(isRevision(r) && required.has(r.revision)))) {
    throw new RangeNotAncestorError(lower, upper);
  }
  let newLower = lower;
  if (currentRevs.length > 0 && currentRevs[0] === null) {
    // a relative lower bound ("-2:") that get_revisions could not place
    const [, rev] = parseDowngradeTarget(map, upper, lower as string, assertLength, opts.warnings);
    if (rev === null) throw new RevisionError(`Relative revision ${String(lower)} walks past the end of the history; pick a start between base and the heads`);
    [currentRevs, newLower] = rev === "base" ? [[], null] : [[rev], rev.revision];
  }
  const current = currentRevs.filter(isRevision);
  const currentSet = idsOf([...ancestorNodes(map, current, { check: true }), ...current]);
  const needs = new Set([...required].filter((id) => !currentSet.has(id)));
  if (opts.inclusive) getRevisions(map, newLower).filter(isRevision).forEach((r) => needs.add(r.revision));
  if (current.length > 0 && !implicitBase) {
    const above = idsOf(descendantNodes(map, current, { check: true, includeDependencies: false }));
    for (const id of needs) if (!above.has(id)) needs.delete(id);
  }
  return [needs, targets];
}

/** A lower bound "label@…" keeps only the targets on that branch. */
function targetsOnBranch(map: RevisionMap, targets: readonly Revision[], lower: string): Revision[] {
  let branch = lower.slice(0, lower.indexOf("@"));
  const branchRev = getRevision(map, branch);
  if (branchRev !== null && branchRev.revision === branch) {
    // a revision id was used as the label: take its branch's label instead
    if (branchRev.branchLabels.length !== 1) {
      throw new RevisionError(`Revision ${branch} does not belong to exactly one labelled branch; name the branch by its label instead`);
    }
    branch = branchRev.branchLabels[0] as string;
  }
  return [...new Set(targets.filter((t) => t.branchLabels.includes(branch)))];
}

function collectDowngradeRevisions(
  map: RevisionMap,
  upper: PyValue,
  target: string | null,
  opts: IterateOptions,
): [Set<string>, Revision[]] {
  const assertLength = opts.assertRelativeLength ?? true;
  const [label, parsed] = parseDowngradeTarget(map, upper, target, assertLength, opts.warnings);
  const targetRev = isRevision(parsed) ? parsed : null;
  let roots: Revision[];
  if (targetRev === null) {
    // back to base: every root, listed again for each of its labels as in Alembic's map values
    const all = [...map.revisions.values()];
    const labelled = [...map.labels.values()].map((id) => map.revisions.get(id) as Revision);
    roots = [...all, ...labelled].filter((r) => r.downRevisions.length === 0);
  } else if (opts.inclusive) {
    roots = [targetRev];
  } else {
    roots = getRevisions(map, targetRev.nextRevisions).filter(isRevision);
  }
  if (label && roots.length > 1) {
    const branch = resolveBranch(map, label);
    const onBranch = idsOf(ancestorNodes(map, branch ? [branch] : [], { includeDependencies: false }));
    roots = getRevisions(map, [...idsOf(roots)].filter((id) => onBranch.has(id))).filter(isRevision);
    if (roots.length === 0) throw new RevisionError("Not a valid downgrade target from current heads");
  }
  const heads = getRevisions(map, upper).filter(isRevision);
  const active = idsOf(ancestorNodes(map, heads));
  const drop = new Set([...idsOf(descendantNodes(map, roots))].filter((id) => active.has(id)));
  if (targetRev !== null && drop.size === 0 && !heads.includes(targetRev)) {
    throw new RangeNotAncestorError("Nothing to drop", upper);
  }
  return [drop, heads];
}
