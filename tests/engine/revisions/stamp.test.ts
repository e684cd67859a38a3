// `stamp`: moving alembic_version without running scripts, as ScriptDirectory._stamp_revs and
// StampStep (expected values from Alembic 1.8.1).

import { describe, expect, test } from "vitest";
import { describeStep, planStamp, STAMP_STEP_NAME, type StampResult } from "../../../src/engine/revisions";
import type { VersionChange } from "../../../src/engine/runtime/step";
import { graph } from "./fixture";

const diamond = graph("a", "b<a", "c1<b", "c2<b", "d<c1,c2");

/** "Running stamp_revision <from> -> <to>" lines, each followed by its changes. */
function trace(result: StampResult): string[] {
  if (!result.ok) throw new Error(result.error);
  const changes = (cs: readonly VersionChange[]) =>
    cs.map((c) => (c.kind === "update" ? `  update ${c.from} -> ${c.to}` : `  ${c.kind} ${c.revision}`));
  return [
    ...changes(result.purgeChanges),
    ...result.steps.flatMap((s) => [describeStep(s, null, STAMP_STEP_NAME), ...changes(s.versionChanges)]),
  ];
}

describe("stamp", () => {
  test("an empty table gets a new row", () => {
    expect(trace(planStamp(diamond, [], "b"))).toEqual(["stamp_revision  -> b", "  insert b"]);
  });

  test("stamping above or below the current row updates it", () => {
    expect(trace(planStamp(diamond, ["b"], "d"))).toEqual(["stamp_revision b -> d", "  update b -> d"]);
    expect(trace(planStamp(diamond, ["a"], "heads"))).toEqual(["stamp_revision a -> d", "  update a -> d"]);
  });

  test("stamping below two heads merges them into one row", () => {
    const plan = planStamp(diamond, ["c1", "c2"], "b");
    expect(trace(plan)).toEqual(["stamp_revision c1, c2 -> b", "  delete c1", "  update c2 -> b"]);
    expect(plan.ok && plan.steps[0]?.direction).toBe("downgrade");
  });

  test("stamping base removes every row, one step per head", () => {
    const plan = planStamp(diamond, ["c1", "c2"], "base");
    expect(trace(plan)).toEqual(["stamp_revision c1 -> ", "  delete c1", "stamp_revision c2 -> ", "  delete c2"]);
    expect(plan.ok && plan.finalHeads).toEqual([]);
  });

  test("a revision on another branch becomes a new row", () => {
    const plan = planStamp(diamond, ["c1"], "c2");
    expect(trace(plan)).toEqual(["stamp_revision  -> c2", "  insert c2"]);
    expect(plan.ok && plan.finalHeads).toEqual(["c1", "c2"]);
  });

  test("stamping the current revision does nothing", () => {
    expect(trace(planStamp(diamond, ["a"], "a"))).toEqual([]);
  });

  test("without --purge an unknown row fails; with it every row is deleted first", () => {
    const plain = planStamp(diamond, ["zzzz9"], "c1");
    expect(plain.ok ? "ok" : plain.error).toBe("Can't locate revision identified by 'zzzz9'");
    const purged = planStamp(diamond, ["zzzz9"], "c1", { purge: true });
    expect(trace(purged)).toEqual(["  delete zzzz9", "stamp_revision  -> c1", "  insert c1"]);
    expect(purged.ok && purged.finalHeads).toEqual(["c1"]);
  });

  test("'head' with two heads asks for a single target", () => {
    const plan = planStamp(graph("a", "b<a", "c1<b", "c2<b"), ["a"], "head");
    expect(plan.ok ? "ok" : plan.error).toBe("Multiple heads are present; please specify a single target revision");
  });
});
