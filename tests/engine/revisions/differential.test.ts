// Differential test: random revision graphs and queries answered by Retort and by the real
// Alembic 1.8.1 (tests/engine/revisions/alembic-oracle.py under /usr/bin/python3), compared
// exactly. Where Alembic's answer depends on Python's set order (it differs between two hash
// seeds), or Alembic itself crashes, the query is not compared; a merge may also keep a different
// one of the merged rows, since Alembic picks that from a set.

import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, test } from "vitest";
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
import { randomCases, type Query } from "./random-graphs";

type Answer = Record<string, unknown> & { ok: boolean };

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

function oracle(cases: unknown, seed: string): { results?: Answer[]; mapError?: string }[] {
  const out = execFileSync("/usr/bin/python3", [resolve(__dirname, "alembic-oracle.py")], {
    input: JSON.stringify(cases),
    env: { ...process.env, PYTHONHASHSEED: seed },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString("utf8"));
}

test("random graphs: Retort answers as Alembic 1.8.1 does", () => {
  const cases = randomCases(20261122, 60);
  const [first, second] = [oracle(cases, "1"), oracle(cases, "2")];
  const mismatches: string[] = [];
  let compared = 0;
  cases.forEach((c, ci) => {
    const built = buildRevisionMap(c.headers as RevisionHeader[]);
    const py = first[ci]!;
    if (py.mapError !== undefined || !built.ok) {
      // Alembic only warns about a duplicate id or a missing down revision; Retort refuses the map
      if (!built.ok && (py.mapError === undefined || py.mapError.startsWith("KeyError"))) return;
      if (built.ok || !py.mapError?.endsWith(built.error)) mismatches.push(`map ${ci}: ${py.mapError} | ${built.ok ? "ok" : built.error}`);
      return;
    }
    c.queries.forEach((q, qi) => {
      const a = py.results![qi]!;
      if ("crash" in a || canonical(a) !== canonical(second[ci]!.results![qi])) return;
      const mine = answer(built.map, q);
      compared++;
      if (canonical(a) !== canonical(mine) && !sameUpToMergeChoice(a, mine)) {
        mismatches.push(`case ${ci} ${JSON.stringify(q)}\n  alembic: ${JSON.stringify(a)}\n  retort:  ${JSON.stringify(mine)}`);
      }
    });
  });
  expect(mismatches).toEqual([]);
  expect(compared).toBeGreaterThan(2000);
});
