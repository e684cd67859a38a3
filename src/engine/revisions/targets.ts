// Reading an upgrade or downgrade target, absolute ("ae10", "head", "label@head") or relative
// ("+2", "-1", "ae10+1", "label@-1"), as RevisionMap._parse_upgrade_target and
// _parse_downgrade_target in alembic/script/revision.py.

import { RevisionError, type PyValue } from "./errors";
import { ancestorNodes } from "./graph";
import { filterForLineage, getAllCurrent, getRevision, getRevisions, walk } from "./resolve";
import { isRevision, type Resolved, type Revision, type RevisionMap } from "./types";

/** Alembic's _relative_destination, anchored at the start only (re.match). */
const RELATIVE = /^(?:(.+?)@)?(\w+)?((?:\+|-)\d+)/;

interface Relative {
  readonly label: string | null;
  readonly symbol: string | null;
  readonly text: string;
  readonly steps: number;
}

function matchRelative(target: PyValue): Relative | null {
  if (typeof target !== "string") return null;
  const m = RELATIVE.exec(target);
  if (!m) return null;
  const text = m[3] as string;
  return { label: m[1] ?? null, symbol: m[2] ?? null, text, steps: Number.parseInt(text, 10) };
}

const didNotProduce = (r: Relative) =>
  new RevisionError(`Relative revision ${r.text} didn't produce ${Math.abs(r.steps)} migrations`);

/** As Alembic's util.warn in _parse_downgrade_target. */
export const AMBIGUOUS_DOWNGRADE_WARNING =
  "downgrade -1 from multiple heads is ambiguous; this usage will be disallowed in a future release.";

const asTuple = (v: PyValue): string[] => (v === null ? [] : typeof v === "string" ? [v] : [...v]);

/** The downgrade target as [branch label, revision]; a null or "base" revision means base. */
export function parseDowngradeTarget(
  map: RevisionMap,
  current: PyValue,
  target: string | null,
  assertRelativeLength: boolean,
  warnings: string[] = [],
): [string | null, Resolved] {
  if (target === null) return [null, null];
  const rel = matchRelative(target);
  if (!rel) {
    // an absolute target: the label part only narrows the branch, the symbol is resolved alone
    const at = target.lastIndexOf("@");
    return [at > 0 ? target.slice(0, at) : null, getRevision(map, target.slice(at + 1))];
  }
  if (rel.steps >= 0) {
    if (rel.symbol === null) throw didNotProduce(rel);
    const rev = walk(map, getRevision(map, rel.symbol), rel.steps, rel.label, assertRelativeLength);
    if (rev === null) throw new RevisionError("Walked too far");
    return [rel.label, rev];
  }
  let label = rel.label;
  let symbol = rel.symbol;
  if (symbol === null) {
    [label, symbol] = relativeStart(map, asTuple(current), label, rel, warnings);
  }
  const start = getRevision(map, label === null ? symbol : `${label}@${symbol}`);
  const rev = walk(map, start, rel.steps, null, assertRelativeLength);
  if (rev === null) throw rel.symbol === null ? didNotProduce(rel) : new RevisionError("Walked too far");
  return [label, rev];
}

/** Where "-n" (or "label@-n") starts from: the current revision on that branch. */
function relativeStart(
  map: RevisionMap,
  current: readonly string[],
  label: string | null,
  rel: Relative,
  warnings: string[],
): [string | null, string] {
  if (label !== null) {
    let symbols: string[] = filterForLineage(map, current, label);
    if (symbols.length === 0) {
      // all other branch heads may depend on the one current head
      symbols = filterForLineage(map, getAllCurrent(map, current), label).map((r) => r.revision);
    }
    if (symbols.length !== 1) throw new RevisionError(`Relative revision ${rel.text} is ambiguous on branch '${label}': the database is at several of its revisions; start from one, as '<revision>${rel.text}'`);
    return [label, symbols[0] as string];
  }
  if (current.length === 0) throw didNotProduce(rel);
  const first = current[0] as string;
  if (new Set(current).size > 1) warnings.push(AMBIGUOUS_DOWNGRADE_WARNING);
  // the walk is then restricted to the branch of the first current head
  return [first, first];
}

/** The upgrade target(s); entries may be null or "base" when a relative walk ends there. */
export function parseUpgradeTarget(map: RevisionMap, current: PyValue, target: PyValue, assertRelativeLength: boolean): Resolved[] {
  const rel = matchRelative(target);
  if (!rel) return getRevisions(map, target);
  if (rel.steps <= 0) {
    // Alembic prints the parsed number here ("-1", "0"), not the text as typed
    if (rel.symbol === null) throw didNotProduce({ ...rel, text: String(rel.steps) });
    const start = getRevision(map, rel.label === null ? rel.symbol : `${rel.label}@${rel.symbol}`);
    return [walk(map, start, rel.steps, null, assertRelativeLength)];
  }
  if (rel.symbol !== null) {
    const rev = walk(map, getRevision(map, rel.symbol), rel.steps, rel.label, assertRelativeLength);
    // Alembic fails an assertion when the walk runs past the heads; Retort says why
    if (rev === null && assertRelativeLength) throw didNotProduce(rel);
    return [rev];
  }
  const startRevs = upgradeStart(map, asTuple(current), rel.label);
  if (startRevs.length > 1) throw new RevisionError("Ambiguous upgrade from multiple current revisions");
  const first = startRevs[0] ?? null;
  const start = typeof first === "string" ? getRevision(map, first) : first;
  const rev = walk(map, start, rel.steps, rel.label, assertRelativeLength);
  if (rev === null) throw didNotProduce(rel);
  return [rev];
}

/** Where "+n" (or "label@+n") starts from; null means below the bases. */
function upgradeStart(map: RevisionMap, current: readonly string[], label: string | null): (string | Revision | null)[] {
  if (label === null) return current.length === 0 ? [null] : [...current];
  // a "base" among them fails to resolve here, as in Alembic
  const found = getRevisions(map, current).filter((r): r is Revision | "base" => r !== null);
  const onBranch = filterForLineage(map, found, label);
  if (onBranch.length > 0) return onBranch.map((r) => (r === "base" ? null : r));
  const currentRevs = found.filter(isRevision);
  // the branch has no current head: start from the tips of its applied part, or from base
  const active = filterForLineage(map, ancestorNodes(map, currentRevs), label);
  const below = new Set(active.flatMap((r) => r.normalizedDownRevisions));
  const tips = [...new Set(active.map((r) => r.revision))].filter((id) => !below.has(id));
  return tips.length > 0 ? tips : [null];
}
