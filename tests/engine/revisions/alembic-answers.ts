// Retort's answers to revision-graph queries, and the real Alembic 1.8.1's
// (tests/engine/revisions/alembic-oracle.py under /usr/bin/python3), compared exactly. Where
// Alembic's answer depends on Python's set order (it differs between two hash seeds), or Alembic
// itself crashes, the query is not compared; a merge may also keep a different one of the merged
// rows, since Alembic picks that from a set. The oracle's answers are recorded
// (fixtures/alembic-answers.json, `npm run oracle:record`) so that `npm test` needs no Python.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import {
  buildRevisionMap,
  currentRevisions,
  describeStep,
  formatHeadEntry,
  formatHistoryEntry,
  formatLogEntry,
  iterateHistory,
  listHeads,
  lookupRevision,
  planDowngrade,
  planStamp,
  planUpgrade,
  walkRevisions,
  type RevisionHeader,
  type RevisionMap,
} from "../../../src/engine/revisions";
import type { Case, Query } from "./random-graphs";

export const ANSWERS_FIXTURE = "tests/engine/revisions/fixtures/alembic-answers.json";
/** The cases the recorded answers are for. */
export const RECORDED_SEED = 20261122;
export const RECORDED_COUNT = 60;

export type Answer = Record<string, unknown> & { ok: boolean };

function answer(map: RevisionMap, q: Query): Answer {
  const msg = (id: string | undefined) => (id ? `msg ${id}` : null);
  switch (q.kind) {
    case "upgrade":
    case "downgrade": {
      const r = (q.kind === "upgrade" ? planUpgrade : planDowngrade)(map, q.heads, q.target);
      if (!r.ok) return { ok: false, error: r.error };
      const steps = r.steps.map(({ revision, ...s }) => ({ ...s, line: describeStep(s, msg(revision)) }));
      return { ok: true, steps, finalHeads: r.finalHeads };
    }
    case "stamp": {
      const r = planStamp(map, q.heads, q.target, { purge: q.purge });
      if (!r.ok) return { ok: false, error: r.error };
      const steps = r.steps.map((s) => ({ ...s, line: describeStep(s, null, "stamp_revision") }));
      return { ok: true, steps, finalHeads: r.finalHeads };
    }
    case "history": {
      const r = iterateHistory(map, `${q.base ?? ""}:${q.head ?? ""}`);
      return r.ok ? { ok: true, lines: r.revisions.map((x) => formatHistoryEntry(x)) } : { ok: false, error: r.error };
    }
    case "get_revision": {
      const r = lookupRevision(map, q.id);
      return r.ok ? { ok: true, revision: r.revision?.revision ?? null } : { ok: false, error: r.error };
    }
    case "current": {
      const r = currentRevisions(map, q.heads);
      return r.ok ? { ok: true, revisions: r.revisions.map((x) => x.revision).sort() } : { ok: false, error: r.error };
    }
    case "map": {
      const w = walkRevisions(map);
      return { ok: true, heads: listHeads(map).map((r) => formatHeadEntry(r)), log: w.ok ? w.revisions.map((r) => formatLogEntry(r)) : w.error };
    }
  }
}

/** Lists Alembic prints from Python sets (labels, "Branches into", overlaps) are compared sorted. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
    }
    if (typeof v !== "string") return v;
    return v
      .replace(/(other requested revisions) (.*)$/, (_m, k: string, list: string) => `${k} ${list.split(", ").sort().join(", ")}`)
      .replace(/(Branches into|Branch names): ([^\n]*)/g, (_m, k: string, list: string) => `${k}: ${list.split(", ").sort().join(", ")}`)
      .replace(/^((?:.* -> )?\w+) \(([^)]*)\)/, (m, head: string, inner: string) =>
        ["head", "effective head", "branchpoint", "mergepoint"].includes(inner) ? m : `${head} (${inner.split(", ").sort().join(", ")})`,
      );
  });
}

/** Same scripts run and same rows left; only which merged row is kept may differ. */
function sameUpToMergeChoice(py: Answer, ts: Answer): boolean {
  const shape = (a: Answer) => (a.steps as { fromRevisions: string[]; toRevisions: string[] }[]).map((s) => [s.fromRevisions, s.toRevisions]);
  const rows = (a: Answer) => [...(a.finalHeads as string[])].sort();
  return py.ok && ts.ok && "steps" in py && JSON.stringify(shape(py)) === JSON.stringify(shape(ts)) &&
    JSON.stringify(rows(py)) === JSON.stringify(rows(ts));
}

/** What Alembic answered a map's queries, or why it could not build the map. */
export type Recorded = { readonly mapError: string } | { readonly results: readonly (Answer | Unanswered)[] };

/** A query Alembic has no one answer to: it crashed, or two hash seeds answered differently. */
export interface Unanswered {
  readonly unanswered: "crash" | "set order";
}

function runOracle(cases: readonly Case[], seed: string): { results?: Answer[]; mapError?: string }[] {
  const out = execFileSync("/usr/bin/python3", [resolve(__dirname, "alembic-oracle.py")], {
    input: JSON.stringify(cases),
    env: { ...process.env, PYTHONHASHSEED: seed },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString("utf8"));
}

/** Asks the real Alembic under two hash seeds and keeps the answers that do not depend on them. */
export function askAlembic(cases: readonly Case[]): Recorded[] {
  const [first, second] = [runOracle(cases, "1"), runOracle(cases, "2")];
  return first.map((py, ci) => {
    if (py.mapError !== undefined) return { mapError: py.mapError };
    return {
      results: py.results!.map((a, qi): Answer | Unanswered => {
        if ("crash" in a) return { unanswered: "crash" };
        // Kept in canonical form: the lists canonical() sorts come from sets of Revision objects,
        // hashed by address, so their order changes from run to run even under one hash seed.
        const answer = canonical(a);
        return answer === canonical(second[ci]!.results![qi]) ? (JSON.parse(answer) as Answer) : { unanswered: "set order" };
      }),
    };
  });
}

/** Retort's answers against Alembic's: the differences, and how many queries were compared. */
export function compareWithAlembic(cases: readonly Case[], alembic: readonly Recorded[]): { mismatches: string[]; compared: number } {
  const mismatches: string[] = [];
  let compared = 0;
  cases.forEach((c, ci) => {
    const built = buildRevisionMap(c.headers as RevisionHeader[]);
    const py = alembic[ci]!;
    if ("mapError" in py || !built.ok) {
      const mapError = "mapError" in py ? py.mapError : undefined;
      // Alembic only warns about a duplicate id or a missing down revision; Retort refuses the map,
      // and checks a duplicate id first: what Alembic then makes of the map (builds it, or fails
      // on a later check such as a cycle) is not Retort's to match.
      const duplicate = !built.ok && / is present more than once$/.test(built.error);
      if (!built.ok && (mapError === undefined || mapError.startsWith("KeyError") || duplicate)) return;
      if (built.ok || !mapError?.endsWith(built.error)) mismatches.push(`map ${ci}: ${mapError} | ${built.ok ? "ok" : built.error}`);
      return;
    }
    c.queries.forEach((q, qi) => {
      const a = py.results[qi]!;
      if ("unanswered" in a) return;
      const mine = answer(built.map, q);
      compared++;
      if (canonical(a) !== canonical(mine) && !sameUpToMergeChoice(a, mine)) {
        mismatches.push(`case ${ci} ${JSON.stringify(q)}\n  alembic: ${JSON.stringify(a)}\n  retort:  ${JSON.stringify(mine)}`);
      }
    });
  });
  return { mismatches, compared };
}
