// Two heads: what the History panel says next to its Upgrade buttons, and the merge that it offers.
import { expect, test } from "vitest";
import { atEveryHead, MERGE_HEADS_ARGV, splitHeads, splitHeadsNote } from "../../src/app/heads";
import { openTab, startTab } from "./support/app-harness";

test("two heads are named with why upgrade is off; `flask db merge heads` joins them into one", async () => {
  const tab = openTab();
  await startTab(tab);
  for (const argv of [["migrate", "-m", "first"], ["upgrade"], ["revision", "-m", "a"], ["revision", "-m", "b", "--head", "base"]]) {
    expect((await tab.playground.run(argv)).exitCode).toBe(0);
  }
  const heads = splitHeads(tab.playground.snapshot!.history);
  expect(heads).toHaveLength(2);
  expect(splitHeadsNote(heads)).toBe(`Two heads: ${heads[0]!.slice(0, 4)}…, ${heads[1]!.slice(0, 4)}… — one step up needs one head; Upgrade to head runs every branch. Merge them:`);
  // `upgrade heads` (Upgrade to head) is what Alembic takes with two heads: both branches run
  expect((await tab.playground.run(["upgrade", "heads"])).exitCode).toBe(0);
  expect([...tab.playground.snapshot!.history.current].sort()).toEqual([...heads].sort());
  const merged = await tab.playground.run(MERGE_HEADS_ARGV);
  expect(merged.exitCode).toBe(0);
  const history = tab.playground.snapshot!.history;
  expect(splitHeads(history)).toEqual([]);
  const head = history.revisions.find((r) => r.isHead)!;
  expect([...head.parents].sort()).toEqual([...heads].sort());
});

test("one head, or none, has nothing to say", () => {
  expect(splitHeads(undefined)).toEqual([]);
  expect(splitHeads({ revisions: [{ id: "a", parents: [], message: "", file: "", branchLabels: [], isHead: true, isCurrent: false }], current: [], error: null })).toEqual([]);
});

test("at one head of two, Upgrade to head still has a branch to run; at both, nothing is left", () => {
  const rev = (id: string, isHead: boolean) => ({ id, parents: [], message: "", file: "", branchLabels: [], isHead, isCurrent: false });
  const revisions = [rev("mine", true), rev("theirs", true), rev("base", false)];
  expect(atEveryHead({ revisions, current: ["mine"], error: null })).toBe(false);
  expect(atEveryHead({ revisions, current: ["theirs", "mine"], error: null })).toBe(true);
  expect(atEveryHead({ revisions, current: [], error: null })).toBe(false);
  expect(atEveryHead({ revisions: [], current: [], error: null })).toBe(false);
});
