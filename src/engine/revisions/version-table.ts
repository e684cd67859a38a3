// How each step changes alembic_version, as HeadMaintainer.update_to_step with RevisionStep and
// StampStep in alembic/runtime/migration.py. The rows are simulated in table order (an UPDATE
// keeps its row's place, an INSERT goes last), so the plan knows the heads after every step.
// Where Alembic picks from a Python set (which head a merge keeps), Retort takes the scripts'
// own order, so the plan is deterministic.

import type { VersionChange } from "../runtime/step";
import { RevisionError } from "./errors";
import { ancestorNodes, idsOf } from "./graph";
import { getRevisions } from "./resolve";
import { isRevision, type Revision, type RevisionMap } from "./types";

export const VERSION_TABLE = "alembic_version";

export class VersionTable {
  readonly rows: string[];
  readonly changes: VersionChange[] = [];

  constructor(heads: readonly string[]) {
    this.rows = [...heads];
  }

  has(revision: string): boolean {
    return this.rows.includes(revision);
  }

  insert(revision: string): void {
    if (this.has(revision)) {
      throw new RevisionError(`Revision ${revision} is already present in '${VERSION_TABLE}'; it cannot be inserted again.`);
    }
    this.rows.push(revision);
    this.changes.push({ kind: "insert", revision });
  }

  delete(revision: string): void {
    const at = this.rows.indexOf(revision);
    if (at < 0) {
      throw new RevisionError(`Online migration expected to match one row when deleting '${revision}' in '${VERSION_TABLE}'; 0 found`);
    }
    this.rows.splice(at, 1);
    this.changes.push({ kind: "delete", revision });
  }

  update(from: string, to: string): void {
    const at = this.rows.indexOf(from);
    if (at < 0 || this.has(to)) {
      const found = at < 0 ? 0 : 1;
      throw new RevisionError(
        `Online migration expected to match one row when updating '${from}' to '${to}' in '${VERSION_TABLE}'; ${found} found`,
      );
    }
    this.rows[at] = to;
    this.changes.push({ kind: "update", from, to });
  }

  /** The changes made since the last call. */
  takeChanges(): VersionChange[] {
    return this.changes.splice(0, this.changes.length);
  }
}

/** The ids below the other heads (RevisionStep's "ancestors" of heads other than its own). */
function belowOthers(map: RevisionMap, others: readonly string[]): Set<string> {
  return idsOf(ancestorNodes(map, getRevisions(map, others).filter(isRevision)));
}

/** As RevisionStep._unmerge_to_revisions. */
function unmergeTo(map: RevisionMap, rev: Revision, heads: readonly string[]): string[] {
  const others = heads.filter((h) => h !== rev.revision);
  if (others.length === 0) return [...rev.normalizedDownRevisions];
  const below = belowOthers(map, others);
  return rev.normalizedDownRevisions.filter((d) => !below.has(d));
}

/** As HeadMaintainer.update_to_step for a RevisionStep running `rev` up or down. */
export function applyRevisionStep(map: RevisionMap, table: VersionTable, rev: Revision, isUpgrade: boolean): void {
  const heads = table.rows;
  const downs = rev.normalizedDownRevisions;
  const downsPresent = downs.filter((d) => heads.includes(d));
  if (!isUpgrade && heads.includes(rev.revision) && (downs.length === 0 || unmergeTo(map, rev, heads).length === 0)) {
    table.delete(rev.revision);
  } else if (isUpgrade && (downs.length === 0 || downsPresent.length === 0)) {
    table.insert(rev.revision);
  } else if (isUpgrade && downs.length > 1 && downsPresent.length > 1) {
    // a merge: all but one of the merged heads go, the last is updated to this revision
    const others = heads.filter((h) => !downs.includes(h));
    const below = others.length > 0 ? belowOthers(map, others) : new Set<string>();
    const from = downs.filter((d) => !below.has(d));
    from.slice(0, -1).forEach((d) => table.delete(d));
    table.update(from[from.length - 1] as string, rev.revision);
  } else if (!isUpgrade && heads.includes(rev.revision) && downs.length > 1) {
    // an unmerge: the first down revisions come back as rows, the last one replaces this revision
    const to = unmergeTo(map, rev, heads);
    to.slice(0, -1).forEach((d) => table.insert(d));
    table.update(rev.revision, to[to.length - 1] as string);
  } else {
    const down = downs.length === 1 ? (downs[0] as string) : singleDown(downsPresent);
    if (isUpgrade) table.update(down, rev.revision);
    else table.update(rev.revision, down);
  }
}

function singleDown(present: readonly string[]): string {
  if (present.length !== 1) throw new RevisionError("Can't do an UPDATE because downrevision is ambiguous");
  return present[0] as string;
}

/** A StampStep: moves the version rows without running any script. */
export interface StampMove {
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly isUpgrade: boolean;
  readonly branchMove: boolean;
}

/** As HeadMaintainer.update_to_step for a StampStep. */
export function applyStampStep(table: VersionTable, step: StampMove): void {
  const { from, to } = step;
  const heads = table.rows;
  const missingFrom = from.some((f) => !heads.includes(f));
  const newTo = to.some((t) => !heads.includes(t));
  if (!step.isUpgrade && step.branchMove) {
    table.delete(only(from));
  } else if (step.isUpgrade && (step.branchMove || missingFrom) && newTo) {
    table.insert(only(to));
  } else if (from.length > 1) {
    from.slice(0, -1).forEach((f) => table.delete(f));
    table.update(from[from.length - 1] as string, to[0] as string);
  } else if (to.length > 1) {
    to.slice(0, -1).forEach((t) => table.insert(t));
    table.update(from[0] as string, to[to.length - 1] as string);
  } else {
    table.update(only(from), only(to));
  }
}

function only(revs: readonly string[]): string {
  if (revs.length !== 1) throw new RevisionError(`Can't stamp from (${revs.join(", ")}) in one step; stamp one revision at a time`);
  return revs[0] as string;
}
