// Building the revision map from script headers, as RevisionMap._revision_map and
// Revision.__init__ in alembic/script/revision.py. Alembic only warns about a duplicate id or a
// missing down revision (and then fails with a KeyError); Retort reports both as errors.

import { cycleMessage, RevisionError } from "./errors";
import { iterateRelated } from "./graph";
import { addBranchLabels } from "./labels";
import type { Revision, RevisionHeader, RevisionMap, RevisionMapResult } from "./types";

/** A Revision while the map is being built: the next-revision lists are filled in place. */
export interface DraftRevision extends Revision {
  readonly nextRevisions: string[];
  readonly allNextRevisions: string[];
  readonly branchLabels: string[];
  resolvedDependencies: string[];
  normalizedDependencies: string[];
  allDownRevisions: string[];
  normalizedDownRevisions: string[];
}

const ILLEGAL_CHARS = ["@", "-", "+"];

const unique = (items: readonly string[]): string[] => [...new Set(items)];

/** `downRevision` as Alembic's to_tuple: null and [] are a base. */
export function downRevisionsOf(down: RevisionHeader["downRevision"]): string[] {
  if (down === null) return [];
  return typeof down === "string" ? [down] : [...down];
}

/** As Revision.__init__ and Revision.verify_rev_id. */
function draftRevision(h: RevisionHeader): DraftRevision {
  const down = downRevisionsOf(h.downRevision);
  const deps = h.dependsOn ?? [];
  if (down.includes(h.revision)) throw new RevisionError(cycleMessage("Self-loop", [h.revision]));
  if (deps.includes(h.revision)) throw new RevisionError(cycleMessage("Dependency self-loop", [h.revision]));
  const illegal = ILLEGAL_CHARS.filter((c) => h.revision.includes(c)).sort();
  if (illegal.length > 0) {
    throw new RevisionError(`Character(s) '${illegal.join(", ")}' not allowed in revision identifier '${h.revision}'`);
  }
  const labels = h.branchLabels ?? [];
  return {
    revision: h.revision, header: h, downRevisions: down, dependencies: [...deps],
    resolvedDependencies: [], normalizedDependencies: [], allDownRevisions: [], normalizedDownRevisions: [],
    nextRevisions: [], allNextRevisions: [], ownBranchLabels: [...labels], branchLabels: unique(labels),
  };
}

/** Script.__str__, as Alembic prints a revision inside its warnings. */
function scriptStr(r: DraftRevision): string {
  const down = r.downRevisions.length === 0 ? "<base>" : r.downRevisions.join(", ");
  const marks = (r.nextRevisions.length === 0 ? " (head)" : "") + (r.nextRevisions.length > 1 ? " (branchpoint)" : "") +
    (r.downRevisions.length > 1 ? " (mergepoint)" : "");
  return `${down} -> ${r.revision}${marks}, ${r.header.message}`;
}

function missing(id: string, from: DraftRevision): RevisionError {
  return new RevisionError(`Revision ${id} referenced from ${scriptStr(from)} is not present`);
}

/** Builds the map, or returns Alembic's error for an inconsistent set of scripts. */
export function buildRevisionMap(headers: readonly RevisionHeader[]): RevisionMapResult {
  try {
    return { ok: true, map: build(headers) };
  } catch (err) {
    if (err instanceof RevisionError) return { ok: false, error: err.message };
    throw err;
  }
}

function build(headers: readonly RevisionHeader[]): RevisionMap {
  const revisions = new Map<string, DraftRevision>();
  for (const h of headers) {
    const rev = draftRevision(h);
    if (revisions.has(rev.revision)) throw new RevisionError(`Revision ${rev.revision} is present more than once`);
    revisions.set(rev.revision, rev);
  }
  const labels = mapBranchLabels(revisions);
  const lookup = (key: string) => revisions.get(key) ?? revisions.get(labels.get(key) ?? "");
  for (const rev of revisions.values()) {
    rev.resolvedDependencies = rev.dependencies.map((dep) => {
      const found = lookup(dep);
      if (!found) throw missing(dep, rev);
      return found.revision;
    });
    rev.allDownRevisions = unique([...rev.downRevisions, ...rev.resolvedDependencies]);
  }
  linkNextRevisions(revisions);
  normalizeDependencies(revisions);
  const map = finish(revisions, labels);
  detectCycles(map, revisions);
  addBranchLabels(map, revisions);
  return map;
}

/** As _map_branch_labels: a label names one revision and never shadows a revision id. */
function mapBranchLabels(revisions: ReadonlyMap<string, DraftRevision>): Map<string, string> {
  const labels = new Map<string, string>();
  for (const rev of revisions.values()) {
    for (const label of rev.ownBranchLabels) {
      const used = revisions.get(label)?.revision ?? labels.get(label);
      if (used !== undefined) {
        throw new RevisionError(`Branch name '${label}' in revision ${rev.revision} already used by revision ${used}`);
      }
      labels.set(label, rev.revision);
    }
  }
  return labels;
}

/** As Revision.add_nextrev, called for every down revision and dependency. */
function linkNextRevisions(revisions: ReadonlyMap<string, DraftRevision>): void {
  for (const rev of revisions.values()) {
    for (const downId of rev.allDownRevisions) {
      const down = revisions.get(downId);
      if (!down) throw missing(downId, rev);
      if (!down.allNextRevisions.includes(rev.revision)) down.allNextRevisions.push(rev.revision);
      if (rev.downRevisions.includes(downId) && !down.nextRevisions.includes(rev.revision)) {
        down.nextRevisions.push(rev.revision);
      }
    }
  }
}

/** As _normalize_depends_on: drop dependencies that an ancestor already declares. */
function normalizeDependencies(revisions: ReadonlyMap<string, DraftRevision>): void {
  const get = (id: string) => revisions.get(id);
  for (const rev of revisions.values()) {
    if (rev.resolvedDependencies.length > 0) {
      const inherited = new Set<string>();
      for (const anc of iterateRelated(get, (r) => r.downRevisions, [rev])) {
        if (anc !== rev) anc.resolvedDependencies.forEach((d) => inherited.add(d));
      }
      rev.normalizedDependencies = unique(rev.resolvedDependencies.filter((d) => !inherited.has(d)));
    }
    rev.normalizedDownRevisions = unique([...rev.downRevisions, ...rev.normalizedDependencies]);
  }
}

function finish(revisions: ReadonlyMap<string, DraftRevision>, labels: ReadonlyMap<string, string>): RevisionMap {
  const all = [...revisions.values()];
  return {
    revisions,
    labels,
    heads: all.filter((r) => r.nextRevisions.length === 0).map((r) => r.revision),
    realHeads: all.filter((r) => r.allNextRevisions.length === 0).map((r) => r.revision),
    bases: all.filter((r) => r.downRevisions.length === 0).map((r) => r.revision),
    realBases: all.filter((r) => r.downRevisions.length === 0 && r.dependencies.length === 0).map((r) => r.revision),
  };
}

/** As _detect_cycles: every revision must lie between a head and a base, first without then with dependencies. */
function detectCycles(map: RevisionMap, revisions: ReadonlyMap<string, DraftRevision>): void {
  if (revisions.size === 0) return;
  const ids = [...revisions.keys()];
  const get = (id: string) => revisions.get(id);
  const ofIds = (list: readonly string[]) => list.map((id) => revisions.get(id) as DraftRevision);
  const between = (down: (r: Revision) => readonly string[], up: (r: Revision) => readonly string[], heads: readonly string[], bases: readonly string[]) => {
    const fromHeads = new Set(iterateRelated(get, down, ofIds(heads)).map((r) => r.revision));
    const fromBases = new Set(iterateRelated(get, up, ofIds(bases)).map((r) => r.revision));
    return ids.filter((id) => !(fromHeads.has(id) && fromBases.has(id))).sort();
  };
  if (map.heads.length === 0 || map.bases.length === 0) throw new RevisionError(cycleMessage("Cycle", ids));
  const cut = between((r) => r.downRevisions, (r) => r.nextRevisions, map.heads, map.bases);
  if (cut.length > 0) throw new RevisionError(cycleMessage("Cycle", cut));
  if (map.realHeads.length === 0 || map.realBases.length === 0) throw new RevisionError(cycleMessage("Dependency cycle", ids));
  const depCut = between((r) => r.allDownRevisions, (r) => r.allNextRevisions, map.realHeads, map.realBases);
  if (depCut.length > 0) throw new RevisionError(cycleMessage("Dependency cycle", depCut));
}
