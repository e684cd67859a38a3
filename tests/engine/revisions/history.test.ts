// `history`, `heads`, `branches`, `current` and `show`: the revisions and the text Alembic prints.
// Expected lines come from `flask db history/heads/branches/current` (Flask-Migrate 4, Alembic
// 1.8.1) on the same scripts, listed in the order os.listdir gave them there.

import { describe, expect, test } from "vitest";
import {
  buildRevisionMap,
  currentRevisions,
  formatBranchPoint,
  formatCurrentEntry,
  formatHeadEntry,
  formatHistoryEntry,
  formatLogEntry,
  iterateHistory,
  listBranchPoints,
  listHeads,
  showRevisions,
  type RevisionsResult,
} from "../../../src/engine/revisions";
import { graph, headers } from "./fixture";

// a, b, then a branch (c1 labelled feat, c2) merged by d; e is a second base depending on c2
const map = graph("c1<b|labels=feat", "c2<b", "b<a", "a", "e|deps=c2", "d<c1,c2");

function lines(result: RevisionsResult, current: readonly string[] = []): string[] {
  if (!result.ok) throw new Error(result.error);
  return result.revisions.map((r) => formatHistoryEntry(r, { current: current.includes(r.revision) }));
}

function errorOf(result: RevisionsResult): string {
  if (result.ok) throw new Error("expected an error");
  return result.error;
}

describe("history", () => {
  test("everything, newest first, branches in script order", () => {
    expect(lines(iterateHistory(map, undefined))).toEqual([
      "<base> (c2) -> e (head), msg e",
      "c1, c2 -> d (feat) (head) (mergepoint), msg d",
      "b -> c1 (feat), msg c1",
      "b -> c2, msg c2",
      "a -> b (branchpoint), msg b",
      "<base> -> a, msg a",
    ]);
  });

  test("-i marks the current revisions", () => {
    expect(lines(iterateHistory(map, undefined), ["c1"])[2]).toBe("b -> c1 (feat) (current), msg c1");
  });

  test("ranges include both ends and follow one line", () => {
    expect(lines(iterateHistory(map, "b:c1"))).toEqual(["b -> c1 (feat), msg c1", "a -> b (branchpoint), msg b"]);
    expect(lines(iterateHistory(map, "c1:"))).toEqual(["c1, c2 -> d (feat) (head) (mergepoint), msg d", "b -> c1 (feat), msg c1"]);
    expect(lines(iterateHistory(map, ":c2"))).toEqual(["b -> c2, msg c2", "a -> b (branchpoint), msg b", "<base> -> a, msg a"]);
  });

  test("current as either end stands for the database's heads", () => {
    expect(lines(iterateHistory(map, "current:", ["c1"]))).toEqual([
      "c1, c2 -> d (feat) (head) (mergepoint), msg d",
      "b -> c1 (feat), msg c1",
    ]);
    expect(lines(iterateHistory(map, ":current", ["c1"]))).toEqual([
      "b -> c1 (feat), msg c1",
      "a -> b (branchpoint), msg b",
      "<base> -> a, msg a",
    ]);
    expect(lines(iterateHistory(map, "b:current", ["c1"]))).toHaveLength(2);
    // an empty database: current is base below and the heads above
    expect(lines(iterateHistory(map, "current:", []))).toHaveLength(6);
    expect(lines(iterateHistory(map, ":current", []))).toHaveLength(6);
  });

  test("bad ranges fail with Alembic's words", () => {
    expect(errorOf(iterateHistory(map, "abc"))).toBe("History range requires [start]:[end], [start]:, or :[end]");
    expect(errorOf(iterateHistory(map, "a:b:c"))).toBe("History range requires [start]:[end], [start]:, or :[end]");
    expect(errorOf(iterateHistory(map, "c1:c2"))).toBe(
      "Requested range c1:c2 does not refer to ancestor/descendant revisions along the same branch",
    );
    expect(errorOf(iterateHistory(map, ":head"))).toBe(
      "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, " +
        "'<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
    );
    expect(errorOf(iterateHistory(map, ":b+1"))).toBe("Ambiguous walk");
    expect(errorOf(iterateHistory(map, "b+1:"))).toBe("Can't locate revision identified by 'b+1'");
  });
});

describe("heads, branches, current, show", () => {
  test("heads lists versioned heads; a revision only depended on is an effective head", () => {
    expect(listHeads(map).map((r) => formatHeadEntry(r))).toEqual(["e (head)", "d (feat) (head)"]);
    const deps = graph("a1", "b1", "b2<b1|deps=a1");
    expect(listHeads(deps).map((r) => formatHeadEntry(r))).toEqual(["a1 (effective head)", "b2 (head)"]);
    expect(listHeads(deps, { resolveDependencies: true }).map((r) => r.revision)).toEqual(["b2"]);
  });

  test("branches prints each branch point and an indented line per branch", () => {
    const result = listBranchPoints(map);
    if (!result.ok) throw new Error(result.error);
    expect(result.branchPoints.map((bp) => formatBranchPoint(bp))).toEqual(["b (branchpoint)\n  -> c1 (feat)\n  -> c2\n"]);
    const wide = graph("aaaa1111", "bbbb2222<aaaa1111", "c1c1c1c1<bbbb2222", "c2c2c2c2<bbbb2222");
    const bp = listBranchPoints(wide);
    expect(bp.ok && formatBranchPoint(bp.branchPoints[0]!, { verbose: true }).split("\n").slice(-4)).toEqual([
      "",
      "         -> c1c1c1c1 (head), msg c1c1c1c1",
      "         -> c2c2c2c2 (head), msg c2c2c2c2",
      "",
    ]);
  });

  test("current shows the current heads and what they depend on, reduced to branch tips", () => {
    const result = currentRevisions(map, ["d", "e"]);
    expect(result.ok && result.revisions.map((r) => formatCurrentEntry(r))).toEqual([
      "d (head) (mergepoint)",
      "e (head)",
    ]);
    expect(lines(currentRevisions(map, []))).toEqual([]);
  });

  test("show prints Alembic's log entry, with the whole docstring and the path", () => {
    const built = buildRevisionMap([
      ...headers("c1<b|labels=feat", "c2<b", "b<a", "a", "e|deps=c2"),
      {
        revision: "d", downRevision: ["c1", "c2"], branchLabels: null, dependsOn: null, message: "msg d",
        longDoc: "msg d\n\nRevision ID: d", path: "migrations/versions/d_msg_d.ts",
      },
    ]);
    if (!built.ok) throw new Error(built.error);
    const shown = showRevisions(built.map, "d");
    expect(shown.ok && formatLogEntry(shown.revisions[0]!)).toBe(
      "Rev: d (head) (mergepoint)\nMerges: c1, c2\nBranch names: feat\nPath: migrations/versions/d_msg_d.ts\n\n" +
        "    msg d\n    \n    Revision ID: d\n",
    );
    const b = showRevisions(built.map, "b");
    expect(b.ok && formatLogEntry(b.revisions[0]!)).toBe(
      "Rev: b (branchpoint)\nParent: a\nBranches into: c1, c2\nPath: \n\n    msg b\n",
    );
    const e = showRevisions(built.map, "e");
    expect(e.ok && formatLogEntry(e.revisions[0]!, true)).toBe(
      "Rev: e (head) (current)\nParent: <base>\nAlso depends on: c2\nPath: \n\n    msg e\n",
    );
  });

  test("history -v prints log entries in history order", () => {
    const result = iterateHistory(graph("a", "b<a"), undefined);
    expect(result.ok && result.revisions.map((r) => formatHistoryEntry(r, { verbose: true }))).toEqual([
      "Rev: b (head)\nParent: a\nPath: \n\n    msg b\n",
      "Rev: a\nParent: <base>\nPath: \n\n    msg a\n",
    ]);
  });
});

