// Building the map: heads, bases, branch and merge points, labels spread along a branch, and
// Alembic's errors for inconsistent scripts (texts from alembic/script/revision.py 1.8.1).

import { describe, expect, test } from "vitest";
import { buildRevisionMap, isBranchPoint, isMergePoint, type RevisionMap } from "../../../src/engine/revisions";
import { graph, headers } from "./fixture";

const rev = (map: RevisionMap, id: string) => {
  const r = map.revisions.get(id);
  if (!r) throw new Error(`no ${id}`);
  return r;
};

function buildError(...specs: string[]): string {
  const built = buildRevisionMap(headers(...specs));
  if (built.ok) throw new Error("expected an error");
  return built.error;
}

describe("the shape of the graph", () => {
  test("a linear history has one head and one base", () => {
    const map = graph("a", "b<a", "c<b");
    expect(map.heads).toEqual(["c"]);
    expect(map.bases).toEqual(["a"]);
    expect(rev(map, "a").nextRevisions).toEqual(["b"]);
  });

  test("a branch point has two next revisions; a merge point two down revisions", () => {
    const map = graph("a", "b<a", "c1<b", "c2<b", "d<c1,c2");
    expect(isBranchPoint(rev(map, "b"))).toBe(true);
    expect(rev(map, "b").nextRevisions).toEqual(["c1", "c2"]);
    expect(isMergePoint(rev(map, "d"))).toBe(true);
    expect(map.heads).toEqual(["d"]);
    expect(buildRevisionMap(headers("a", "b<a", "c1<b", "c2<b")).ok && graph("a", "b<a", "c1<b", "c2<b").heads).toEqual(["c1", "c2"]);
  });

  test("an empty down revision list is a base, as Alembic's empty tuple", () => {
    const built = buildRevisionMap([{ revision: "a", downRevision: [], branchLabels: null, dependsOn: null, message: "m" }]);
    expect(built.ok && built.map.bases).toEqual(["a"]);
  });

  test("a dependency keeps its target a versioned head but not a real head", () => {
    const map = graph("a1", "b1", "b2<b1|deps=a1");
    expect(map.heads).toEqual(["a1", "b2"]);
    expect(map.realHeads).toEqual(["b2"]);
    expect(rev(map, "b2").normalizedDownRevisions).toEqual(["b1", "a1"]);
  });

  test("a dependency an ancestor already declares is normalized away", () => {
    const map = graph("a1", "b1", "b2<b1|deps=a1", "b3<b2|deps=a1");
    expect(rev(map, "b3").resolvedDependencies).toEqual(["a1"]);
    expect(rev(map, "b3").normalizedDownRevisions).toEqual(["b2"]);
  });

  test("a dependency named by branch label resolves to the labelled revision", () => {
    const map = graph("a1|labels=other", "b1", "b2<b1|deps=other");
    expect(rev(map, "b2").resolvedDependencies).toEqual(["a1"]);
    expect(rev(map, "b2").dependencies).toEqual(["other"]);
  });
});

describe("branch labels", () => {
  test("a label reaches the revisions above it and below it down to the branch point", () => {
    const map = graph("a", "b<a", "c1<b|labels=feat", "d1<c1", "c2<b", "d2<c2");
    expect(["a", "b", "c1", "d1", "c2", "d2"].map((id) => rev(map, id).branchLabels)).toEqual([
      [], [], ["feat"], ["feat"], [], [],
    ]);
    expect(map.labels.get("feat")).toBe("c1");
  });

  test("a label on a later revision of an unbranched line reaches its base", () => {
    const map = graph("a", "b<a", "c<b|labels=feat");
    expect(rev(map, "a").branchLabels).toEqual(["feat"]);
  });

  test("a merge point takes the label from its branch, and stops the walk down", () => {
    const map = graph("a", "b<a", "c1<b|labels=feat", "d1<c1", "c2<b", "d2<c2", "e<d1,d2");
    expect(rev(map, "e").branchLabels).toEqual(["feat"]);
    expect(rev(map, "d2").branchLabels).toEqual([]);
  });
});

describe("errors in the scripts", () => {
  test("a duplicate revision id (Alembic only warns, then loses a script)", () => {
    expect(buildError("a", "b<a", "b<a")).toBe("Revision b is present more than once");
  });

  test("a down revision that no script has", () => {
    expect(buildError("a", "b<zzzz")).toBe("Revision zzzz referenced from zzzz -> b (head), msg b is not present");
  });

  test("a dependency that no script has", () => {
    expect(buildError("a", "b<a|deps=zz")).toBe("Revision zz referenced from a -> b (head), msg b is not present");
  });

  test("cycles, dependency cycles and self-loops", () => {
    expect(buildError("a<b", "b<a")).toBe("Cycle is detected in revisions (a, b)");
    expect(buildError("a", "b<c", "c<b", "d<a")).toBe("Cycle is detected in revisions (b, c)");
    expect(buildError("a", "b<a|deps=c", "c<b")).toBe("Dependency cycle is detected in revisions (a, b, c)");
    expect(buildError("a<a")).toBe("Self-loop is detected in revisions (a)");
    expect(buildError("a|deps=a")).toBe("Dependency self-loop is detected in revisions (a)");
  });

  test("a branch label used twice, or equal to a revision id", () => {
    expect(buildError("a", "b<a", "c<b|labels=a")).toBe("Branch name 'a' in revision c already used by revision a");
    expect(buildError("a", "b<a", "c<b|labels=x", "d<c|labels=x")).toBe("Branch name 'x' in revision d already used by revision c");
  });

  test("characters Alembic reserves for targets", () => {
    expect(buildError("a-b")).toBe("Character(s) '-' not allowed in revision identifier 'a-b'");
    expect(buildError("a@b+c")).toBe("Character(s) '+, @' not allowed in revision identifier 'a@b+c'");
  });
});
