// Upgrade / downgrade plans: the scripts Alembic runs, in its order, and the alembic_version rows
// HeadMaintainer writes. Expected values were taken from Alembic 1.8.1 (RevisionMap driven from
// Python, and `flask db upgrade/downgrade` in a scratch project).

import { describe, expect, test } from "vitest";
import { describeStep, planDowngrade, planUpgrade, type PlanResult } from "../../../src/engine/revisions";
import { graph } from "./fixture";

/** Each step as Alembic logs it ("upgrade a -> b, msg b"), then its version-table changes. */
function trace(result: PlanResult): string[] {
  if (!result.ok) throw new Error(result.error);
  return result.steps.flatMap((s) => [
    describeStep(s, `msg ${s.revision}`),
    ...s.versionChanges.map((c) =>
      c.kind === "update" ? `  update ${c.from} -> ${c.to}` : `  ${c.kind} ${c.revision}`,
    ),
  ]);
}

function errorOf(result: PlanResult): string {
  if (result.ok) throw new Error(`expected an error, got ${result.steps.length} steps`);
  return result.error;
}

const linear = graph("a", "b<a", "c<b");
const diamond = graph("a", "b<a", "c1<b", "c2<b", "d<c1,c2");

describe("linear history", () => {
  test("upgrade from an empty database inserts the base, then updates the row", () => {
    const plan = planUpgrade(linear, [], "head");
    expect(trace(plan)).toEqual([
      "upgrade  -> a, msg a", "  insert a",
      "upgrade a -> b, msg b", "  update a -> b",
      "upgrade b -> c, msg c", "  update b -> c",
    ]);
    expect(plan.ok && plan.finalHeads).toEqual(["c"]);
  });

  test("downgrade to base deletes the last row, and the log shows an empty destination", () => {
    expect(trace(planDowngrade(linear, ["c"], "base"))).toEqual([
      "downgrade c -> b, msg c", "  update c -> b",
      "downgrade b -> a, msg b", "  update b -> a",
      "downgrade a -> , msg a", "  delete a",
    ]);
  });

  test("relative targets walk the line, from the current revision or from a given one", () => {
    expect(trace(planUpgrade(linear, ["a"], "+1"))).toEqual(["upgrade a -> b, msg b", "  update a -> b"]);
    expect(trace(planUpgrade(linear, [], "a+1"))).toEqual([
      "upgrade  -> a, msg a", "  insert a", "upgrade a -> b, msg b", "  update a -> b",
    ]);
    expect(trace(planDowngrade(linear, ["c"], "-2"))).toEqual([
      "downgrade c -> b, msg c", "  update c -> b", "downgrade b -> a, msg b", "  update b -> a",
    ]);
    expect(trace(planDowngrade(linear, ["c"], "-3")).at(-1)).toBe("  delete a");
    expect(trace(planDowngrade(linear, ["c"], "a-1")).at(-1)).toBe("  delete a");
  });

  test("relative targets past either end fail with Alembic's words", () => {
    expect(errorOf(planUpgrade(linear, ["a"], "+5"))).toBe("Relative revision +5 didn't produce 5 migrations");
    expect(errorOf(planDowngrade(linear, ["c"], "-5"))).toBe("Relative revision -5 didn't produce 5 migrations");
    expect(errorOf(planDowngrade(linear, ["c"], "+1"))).toBe("Relative revision +1 didn't produce 1 migrations");
    expect(errorOf(planUpgrade(linear, ["c"], "-1"))).toBe("Relative revision -1 didn't produce 1 migrations");
    expect(errorOf(planDowngrade(linear, ["c"], "c+1"))).toBe("Walked too far");
    // Alembic fails an assertion here; Retort says which walk ran out
    expect(errorOf(planUpgrade(linear, ["a"], "b+3"))).toBe("Relative revision +3 didn't produce 3 migrations");
  });

  test("an upgrade target below the current revision does nothing, a downgrade above it fails", () => {
    expect(trace(planUpgrade(linear, ["c"], "a"))).toEqual([]);
    expect(errorOf(planDowngrade(linear, ["a"], "c"))).toBe("Destination c is not a valid downgrade target from current head(s)");
  });

  test("an unknown revision in the version table is reported", () => {
    expect(errorOf(planUpgrade(linear, ["zzzz9"], "head"))).toBe("Can't locate revision identified by 'zzzz9'");
  });
});

describe("branches and merges", () => {
  test("upgrading to heads runs the second branch as a new row, then merges them", () => {
    const plan = planUpgrade(diamond, [], "heads");
    expect(trace(plan)).toEqual([
      "upgrade  -> a, msg a", "  insert a",
      "upgrade a -> b, msg b", "  update a -> b",
      "upgrade b -> c2, msg c2", "  update b -> c2",
      "upgrade b -> c1, msg c1", "  insert c1",
      "upgrade c1, c2 -> d, msg d", "  delete c1", "  update c2 -> d",
    ]);
    expect(plan.ok && plan.finalHeads).toEqual(["d"]);
  });

  test("upgrade from one head of two brings in the other branch before the merge", () => {
    expect(trace(planUpgrade(diamond, ["c1"], "d"))).toEqual([
      "upgrade b -> c2, msg c2", "  insert c2",
      "upgrade c1, c2 -> d, msg d", "  delete c1", "  update c2 -> d",
    ]);
  });

  test("with two heads, 'head' is ambiguous and names the way out", () => {
    const twoHeads = graph("a", "b<a", "c1<b", "c2<b");
    expect(errorOf(planUpgrade(twoHeads, ["b"], "head"))).toBe(
      "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, " +
        "'<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
    );
    expect(errorOf(planUpgrade(twoHeads, ["c1", "c2"], "+1"))).toBe("Ambiguous upgrade from multiple current revisions");
    const plan = planUpgrade(twoHeads, ["c1"], "c2");
    expect(trace(plan)).toEqual(["upgrade b -> c2, msg c2", "  insert c2"]);
    expect(plan.ok && plan.finalHeads).toEqual(["c1", "c2"]);
  });

  test("downgrading a merge unmerges: the first parent comes back as a row", () => {
    const plan = planDowngrade(diamond, ["d"], "c1");
    expect(trace(plan)).toEqual(["downgrade d -> c1, c2, msg d", "  insert c1", "  update d -> c2"]);
    expect(plan.ok && plan.finalHeads).toEqual(["c2", "c1"]);
    expect(trace(planDowngrade(diamond, ["d"], "b"))).toEqual([
      "downgrade d -> c1, c2, msg d", "  insert c1", "  update d -> c2",
      "downgrade c1 -> b, msg c1", "  delete c1",
      "downgrade c2 -> b, msg c2", "  update c2 -> b",
    ]);
  });

  test("downgrade to base with two branches removes both rows", () => {
    expect(trace(planDowngrade(diamond, ["c1", "c2"], "base"))).toEqual([
      "downgrade c1 -> b, msg c1", "  delete c1",
      "downgrade c2 -> b, msg c2", "  update c2 -> b",
      "downgrade b -> a, msg b", "  update b -> a",
      "downgrade a -> , msg a", "  delete a",
    ]);
  });

  test("a merge of three deletes two rows and updates the last; unmerging inserts them back", () => {
    const three = graph("a", "b1<a", "b2<a", "b3<a", "m<b1,b2,b3");
    expect(trace(planUpgrade(three, ["b1", "b2", "b3"], "m"))).toEqual([
      "upgrade b1, b2, b3 -> m, msg m", "  delete b1", "  delete b2", "  update b3 -> m",
    ]);
    const down = planDowngrade(three, ["m"], "b2");
    expect(trace(down)).toEqual(["downgrade m -> b1, b2, b3, msg m", "  insert b1", "  insert b2", "  update m -> b3"]);
    expect(down.ok && down.finalHeads).toEqual(["b3", "b1", "b2"]);
    // walking down from a merge point has no single way to go
    expect(errorOf(planDowngrade(three, ["m"], "-1"))).toBe("Ambiguous walk");
  });

  test("downgrade -1 from two heads warns and walks the first head's branch", () => {
    const twoHeads = graph("a", "b<a", "c1<b", "c2<b");
    const plan = planDowngrade(twoHeads, ["c2", "c1"], "-1");
    expect(trace(plan)).toEqual(["downgrade c2 -> b, msg c2", "  delete c2"]);
    expect(plan.ok && plan.warnings).toEqual([
      "downgrade -1 from multiple heads is ambiguous; this usage will be disallowed in a future release.",
    ]);
  });

  test("the warning is kept when the walk then fails, as Alembic prints it before the error", () => {
    const g = graph("a", "b1<a", "b2<a", "m<b1,b2", "x<a");
    const plan = planDowngrade(g, ["m", "x"], "-1");
    expect(plan).toEqual({
      ok: false,
      error: "Ambiguous walk",
      warnings: ["downgrade -1 from multiple heads is ambiguous; this usage will be disallowed in a future release."],
    });
  });
});

describe("dependencies across branches", () => {
  // two independent bases; b2 depends on a1 of the other line
  const deps = graph("a1", "a2<a1", "b1", "b2<b1|deps=a1");

  test("upgrading a dependent revision first runs what it depends on, as its own row", () => {
    const plan = planUpgrade(deps, [], "b2");
    expect(trace(plan)).toEqual([
      "upgrade  -> a1, msg a1", "  insert a1",
      "upgrade  -> b1, msg b1", "  insert b1",
      "upgrade b1 -> b2, msg b2", "  delete b1", "  update a1 -> b2",
    ]);
    expect(plan.ok && plan.finalHeads).toEqual(["b2"]);
  });

  test("downgrading to base unmerges the dependency back into its own row", () => {
    expect(trace(planDowngrade(deps, ["a2", "b2"], "base"))).toEqual([
      "downgrade a2 -> a1, msg a2", "  delete a2",
      "downgrade b2 -> b1, msg b2", "  insert b1", "  update b2 -> a1",
      "downgrade b1 -> , msg b1", "  delete b1",
      "downgrade a1 -> , msg a1", "  delete a1",
    ]);
  });

  test("the log line leaves dependencies out, the version rows do not", () => {
    const plan = planUpgrade(deps, ["a1", "b1"], "b2");
    expect(plan.ok && plan.steps[0]).toMatchObject({ fromRevisions: ["b1"], toRevisions: ["b2"] });
    expect(plan.ok && plan.steps[0]?.versionChanges).toEqual([
      { kind: "delete", revision: "b1" },
      { kind: "update", from: "a1", to: "b2" },
    ]);
  });
});

describe("branch labels as targets", () => {
  const labelled = graph("a", "b<a", "c1<b|labels=feat", "d1<c1", "c2<b", "d2<c2");

  test("<label>@head upgrades only that branch", () => {
    expect(trace(planUpgrade(labelled, ["b"], "feat@head"))).toEqual([
      "upgrade b -> c1, msg c1", "  update b -> c1",
      "upgrade c1 -> d1, msg d1", "  update c1 -> d1",
    ]);
  });

  test("<label>@+1 starts from the branch point when the branch is not applied yet", () => {
    expect(trace(planUpgrade(labelled, ["d2"], "feat@+1"))).toEqual(["upgrade b -> c1, msg c1", "  insert c1"]);
  });

  test("<label>@base with a base shared by every branch downgrades everything, as Alembic does", () => {
    expect(trace(planDowngrade(labelled, ["d1", "d2"], "feat@base")).filter((l) => l.startsWith("downgrade"))).toEqual([
      "downgrade d1 -> c1, msg d1", "downgrade c1 -> b, msg c1", "downgrade d2 -> c2, msg d2",
      "downgrade c2 -> b, msg c2", "downgrade b -> a, msg b", "downgrade a -> , msg a",
    ]);
  });
});

describe("independent bases with labels", () => {
  const twoLines = graph("a1|labels=x", "a2<a1", "b1|labels=y", "b2<b1");

  test("<label>@base downgrades only that line", () => {
    const plan = planDowngrade(twoLines, ["a2", "b2"], "x@base");
    expect(trace(plan)).toEqual(["downgrade a2 -> a1, msg a2", "  update a2 -> a1", "downgrade a1 -> , msg a1", "  delete a1"]);
    expect(plan.ok && plan.finalHeads).toEqual(["b2"]);
  });

  test("<label>@+1 starts a line that is not applied yet; <label>@-1 steps back on that line only", () => {
    const up = planUpgrade(twoLines, ["b2"], "x@+1");
    expect(trace(up)).toEqual(["upgrade  -> a1, msg a1", "  insert a1"]);
    expect(up.ok && up.finalHeads).toEqual(["b2", "a1"]);
    const down = planDowngrade(twoLines, ["a2", "b2"], "y@-1");
    expect(trace(down)).toEqual(["downgrade b2 -> b1, msg b2", "  update b2 -> b1"]);
    expect(down.ok && down.finalHeads).toEqual(["a2", "b1"]);
  });
});
