import { describe, expect, test } from "vitest";
import { ancestorsOf, layoutGraph, orderNewestFirst, stepTowards } from "../../src/app/graph-layout";

// Graphs named as Alembic's own tests name them: a <- b <- c1/c2 <- d (merge).
const linear = [
  { id: "c", parents: ["b"] },
  { id: "b", parents: ["a"] },
  { id: "a", parents: [] },
];
const diamond = [
  { id: "d", parents: ["c1", "c2"] },
  { id: "c2", parents: ["b"] },
  { id: "c1", parents: ["b"] },
  { id: "b", parents: ["a"] },
  { id: "a", parents: [] },
];

describe("layoutGraph", () => {
  test("a linear history stays in one lane", () => {
    const layout = layoutGraph(linear);
    expect(layout.lanes).toBe(1);
    expect(layout.rows.map((r) => r.lane)).toEqual([0, 0, 0]);
    expect(layout.rows.map((r) => r.edges)).toEqual([[{ from: 0, to: 0 }], [{ from: 0, to: 0 }], []]);
  });

  test("a merge fans out into two lanes and the branch point gathers them again", () => {
    const layout = layoutGraph(diamond);
    expect(layout.lanes).toBe(2);
    expect(layout.rows.map((r) => [r.id, r.lane])).toEqual([["d", 0], ["c2", 1], ["c1", 0], ["b", 0], ["a", 0]]);
    expect(layout.rows[0]!.edges).toEqual([{ from: 0, to: 0 }, { from: 0, to: 1 }]);
    // c2 sits in lane 1 and c1 still waits in lane 0: c2's edge goes to b, routed into lane 0's b.
    expect(layout.rows[1]!.edges).toEqual([{ from: 1, to: 1 }, { from: 0, to: 0 }]);
    // At c1 the two lanes waiting for b converge into lane 0.
    expect(layout.rows[2]!.edges).toEqual([{ from: 0, to: 0 }, { from: 1, to: 0 }]);
  });

  test("two heads get two lanes", () => {
    const layout = layoutGraph([{ id: "c1", parents: ["b"] }, { id: "c2", parents: ["b"] }, { id: "b", parents: [] }]);
    expect(layout.rows.map((r) => r.lane)).toEqual([0, 1, 0]);
    expect(layout.lanes).toBe(2);
  });
});

describe("orderNewestFirst", () => {
  test("puts every revision after all of its children", () => {
    const shuffled = [diamond[4]!, diamond[2]!, diamond[0]!, diamond[3]!, diamond[1]!];
    const order = orderNewestFirst(shuffled).map((n) => n.id);
    expect(order[0]).toBe("d");
    expect(order.indexOf("b")).toBeGreaterThan(Math.max(order.indexOf("c1"), order.indexOf("c2")));
    expect(order.at(-1)).toBe("a");
    expect(order).toHaveLength(5);
  });
});

describe("ancestorsOf and stepTowards", () => {
  test("a revision already applied is reached by downgrading, a later one by upgrading", () => {
    expect([...ancestorsOf(diamond, ["c1"])].sort()).toEqual(["a", "b", "c1"]);
    expect(stepTowards(diamond, ["c1"], "a")).toEqual(["downgrade", "a"]);
    expect(stepTowards(diamond, ["c1"], "d")).toEqual(["upgrade", "d"]);
    expect(stepTowards(diamond, ["c1"], "c2")).toEqual(["upgrade", "c2"]);
    expect(stepTowards(diamond, [], "a")).toEqual(["upgrade", "a"]);
    expect(stepTowards(diamond, ["c1"], "c1")).toBeNull();
  });
});
