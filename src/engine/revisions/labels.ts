// Spreading branch labels along their branch, as RevisionMap._add_branches in
// alembic/script/revision.py: a label reaches every revision above the one that declares it, and
// the revisions below it down to (not including) the nearest branch point or merge point.

import type { DraftRevision } from "./build";
import { descendantNodes } from "./graph";
import type { RevisionMap } from "./types";

function addAll(target: string[], labels: readonly string[]): void {
  for (const l of labels) if (!target.includes(l)) target.push(l);
}

export function addBranchLabels(map: RevisionMap, revisions: ReadonlyMap<string, DraftRevision>): void {
  for (const rev of revisions.values()) {
    if (rev.ownBranchLabels.length === 0) continue;
    const labels = [...rev.branchLabels];
    const above = descendantNodes(map, [rev], { includeDependencies: false }) as DraftRevision[];
    for (const node of above) addAll(node.branchLabels, labels);
    // Alembic walks down from the last revision its depth-first walk reached, stopping at the
    // first revision that branches (counting dependencies) or merges.
    let parent: DraftRevision | undefined = above[above.length - 1];
    while (parent && parent.allNextRevisions.length <= 1 && parent.downRevisions.length <= 1) {
      addAll(parent.branchLabels, labels);
      const down: string | undefined = parent.downRevisions[0];
      if (down === undefined) break;
      parent = revisions.get(down);
    }
  }
}
