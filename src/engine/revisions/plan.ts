// Planning `upgrade`, `downgrade` and `stamp`: which scripts run, in which order, and how
// alembic_version changes after each, as ScriptDirectory._upgrade_revs / _downgrade_revs /
// _stamp_revs (alembic/script/base.py) with HeadMaintainer (alembic/runtime/migration.py).

import type { Direction, PlannedStep, VersionChange } from "../runtime/step";
import { catchRevisionErrors, type CommandFailure } from "./errors";
import { iterateRevisions } from "./collect";
import { ancestorNodes, descendantNodes } from "./graph";
import { filterForLineage, getRevisions } from "./resolve";
import { isRevision, type Revision, type RevisionMap } from "./types";
import { applyRevisionStep, applyStampStep, VersionTable, type StampMove } from "./version-table";

export type PlanResult =
  | {
      readonly ok: true;
      readonly steps: PlannedStep[];
      /** The alembic_version rows after the last step, in table order. */
      readonly finalHeads: string[];
      /** Alembic's warnings (util.warn), e.g. for "downgrade -1" from several heads. */
      readonly warnings: string[];
    }
  | CommandFailure;

const UPGRADE_TARGET = "Destination %(end)s is not a valid upgrade target from current head(s)";
const DOWNGRADE_TARGET = "Destination %(end)s is not a valid downgrade target from current head(s)";

function toSteps(map: RevisionMap, table: VersionTable, revs: readonly Revision[], direction: Direction): PlannedStep[] {
  const isUpgrade = direction === "upgrade";
  return revs.map((rev) => {
    applyRevisionStep(map, table, rev, isUpgrade);
    // the log line shows down revisions without dependencies (from/to_revisions_no_deps)
    return {
      revision: rev.revision,
      direction,
      fromRevisions: isUpgrade ? [...rev.downRevisions] : [rev.revision],
      toRevisions: isUpgrade ? [rev.revision] : [...rev.downRevisions],
      versionChanges: table.takeChanges(),
    };
  });
}

/** `upgrade <target>` from the given alembic_version rows. */
export function planUpgrade(map: RevisionMap, currentHeads: readonly string[], target: string): PlanResult {
  return catchRevisionErrors(
    () => {
      const revs = iterateRevisions(map, target, [...currentHeads], { implicitBase: true }).reverse();
      const table = new VersionTable(currentHeads);
      const steps = toSteps(map, table, revs, "upgrade");
      return { ok: true as const, steps, finalHeads: [...table.rows], warnings: [] };
    },
    { ancestor: UPGRADE_TARGET, end: target },
  );
}

/** `downgrade <target>` from the given alembic_version rows. */
export function planDowngrade(map: RevisionMap, currentHeads: readonly string[], target: string): PlanResult {
  const warnings: string[] = [];
  const planned = catchRevisionErrors(
    () => {
      const revs = iterateRevisions(map, [...currentHeads], target, { selectForDowngrade: true, warnings });
      const table = new VersionTable(currentHeads);
      const steps = toSteps(map, table, revs, "downgrade");
      return { ok: true as const, steps, finalHeads: [...table.rows], warnings };
    },
    { ancestor: DOWNGRADE_TARGET, end: target },
  );
  // "downgrade -1 from multiple heads is ambiguous" comes before an "Ambiguous walk" too
  return planned.ok || warnings.length === 0 ? planned : { ...planned, warnings };
}

/** One StampStep: logged as "Running stamp_revision <from> -> <to>". */
export interface PlannedStamp {
  readonly direction: Direction;
  readonly fromRevisions: readonly string[];
  readonly toRevisions: readonly string[];
  readonly versionChanges: readonly VersionChange[];
}

export type StampResult =
  | {
      readonly ok: true;
      /** With --purge: every existing row is deleted first (even ids no script knows). */
      readonly purgeChanges: VersionChange[];
      readonly steps: PlannedStamp[];
      readonly finalHeads: string[];
    }
  | CommandFailure;

/** `stamp <target> [--purge]`: moves alembic_version without running scripts. */
export function planStamp(
  map: RevisionMap,
  currentHeads: readonly string[],
  target: string | readonly string[],
  opts: { readonly purge?: boolean } = {},
): StampResult {
  const purgeChanges: VersionChange[] = opts.purge ? currentHeads.map((revision) => ({ kind: "delete", revision })) : [];
  const heads = opts.purge ? [] : [...currentHeads];
  return catchRevisionErrors(
    () => {
      const table = new VersionTable(heads);
      const steps = stampMoves(map, heads, typeof target === "string" ? [target] : target).map((move) => {
        applyStampStep(table, move);
        const direction: Direction = move.isUpgrade ? "upgrade" : "downgrade";
        return { direction, fromRevisions: move.from, toRevisions: move.to, versionChanges: table.takeChanges() };
      });
      return { ok: true as const, purgeChanges, steps, finalHeads: [...table.rows] };
    },
    { multipleHeads: "Multiple heads are present; please specify a single target revision" },
  );
}

/** As ScriptDirectory._stamp_revs. */
function stampMoves(map: RevisionMap, heads: readonly string[], targets: readonly string[]): StampMove[] {
  const headRevs = getRevisions(map, heads).filter(isRevision);
  const wanted = targets.length > 0 ? targets : ["base"];
  const filtered = [...new Set(wanted.filter((t) => t).flatMap((t) => filterForLineage(map, headRevs, t, true)))];
  const dests = getRevisions(map, wanted);
  const moves: StampMove[] = [];
  for (const dest of dests.length > 0 ? dests : [null]) {
    if (!isRevision(dest)) {
      // base: every head on the way is removed
      moves.push(...filtered.map((h) => ({ from: [h.revision], to: [], isUpgrade: false, branchMove: true })));
      continue;
    }
    if (filtered.includes(dest)) continue;
    const isFiltered = (r: Revision) => filtered.includes(r);
    const from = filtered.map((h) => h.revision);
    if (descendantNodes(map, [dest]).some(isFiltered)) {
      moves.push({ from, to: [dest.revision], isUpgrade: false, branchMove: false });
    } else if (ancestorNodes(map, [dest]).some(isFiltered)) {
      moves.push({ from, to: [dest.revision], isUpgrade: true, branchMove: false });
    } else {
      moves.push({ from: [], to: [dest.revision], isUpgrade: true, branchMove: true });
    }
  }
  return moves;
}
