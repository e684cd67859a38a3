// "Simulate a teammate" through the page's services (real worker host, sql.js): two heads, the
// pulled models.ts, the terminal's note, the merge offered after the errors two heads cause, and
// the change kept like any other (autosave, share link).
import { expect, test } from "vitest";
import { MERGE_HEADS_ARGV, offersMerge, splitHeads } from "../../src/app/heads";
import type { CommandView } from "../../src/app/protocol";
import { TerminalState } from "../../src/app/terminal.svelte";
import { openTab, startTab, waitFor, type Tab } from "./support/app-harness";

/** The tutorial's first migration, generated and upgraded, as the e2e flow starts. */
async function tutorialAtHead(): Promise<{ tab: Tab; terminal: TerminalState }> {
  const tab = openTab();
  await startTab(tab);
  const terminal = new TerminalState(tab.playground);
  expect((await tab.playground.run(["migrate", "-m", "initial migration"])).exitCode).toBe(0);
  expect((await tab.playground.run(["upgrade"])).exitCode).toBe(0);
  return { tab, terminal };
}

async function typed(terminal: TerminalState, line: string): Promise<void> {
  terminal.input = line;
  await terminal.submit();
}

test("a teammate's revision makes two heads; the terminal says what they did; models.ts has their change", async () => {
  const { tab, terminal } = await tutorialAtHead();
  const mine = tab.playground.snapshot!.history.revisions[0]!.id;
  const result = await tab.playground.simulateTeammate();
  if (!result.ok) throw new Error(result.message);
  const heads = splitHeads(tab.playground.snapshot!.history);
  expect([...heads].sort()).toEqual([mine, result.revision].sort());
  // their script opens for review, as a script `migrate` writes does
  expect(tab.playground.activeTab).toBe(result.path);
  const note = terminal.lines.at(-1)!.text;
  expect(note).toMatch(new RegExp(`^— A teammate added revision ${result.revision}: add \\w+ table, from <base>, as your ${mine} does; models.ts now has their \\w+ table\\. Two heads: ${mine} \\(yours\\) and ${result.revision} \\(theirs\\)\\.`));
  // the pulled model is in models.ts, and the pending changes (database vs models) show it
  const table = /their (\w+) table/.exec(note)![1]!;
  expect(tab.playground.fileText("models.ts")).toContain(`static __tablename__ = "${table}";`);
  expect(tab.playground.pending!.messages).toEqual([`Detected added table '${table}'`]);
});

test("upgrade typed with two heads fails as Alembic does, then offers the merge; one click merges, and upgrade brings their change in", async () => {
  const { tab, terminal } = await tutorialAtHead();
  const result = await tab.playground.simulateTeammate();
  if (!result.ok) throw new Error(result.message);
  await typed(terminal, "flask db upgrade");
  const offer = terminal.lines.at(-1)!;
  expect(terminal.lines.at(-3)!.text).toMatch(/^Error: Multiple head revisions are present for given argument 'head'/);
  expect(offer.offer).toEqual({ typed: "flask db merge heads", argv: MERGE_HEADS_ARGV });
  expect(offer.text).toBe("Merge the heads now:");
  expect(terminal.lines.at(-2)!.text).toMatch(/^The history has 2 heads \([0-9a-f]{12}, [0-9a-f]{12}\): join them into one with `db merge heads`/);

  expect(terminal.offersOpen).toBe(true);
  await terminal.runOffer(offer.offer!);
  expect(terminal.offersOpen).toBe(false);
  expect(terminal.lines.some((l) => l.text === "$ flask db merge heads")).toBe(true);
  expect(splitHeads(tab.playground.snapshot!.history)).toEqual([]);
  await typed(terminal, "flask db upgrade");
  expect(terminal.lines.some((l) => l.text.includes(`-> ${result.revision}, ${result.message}`))).toBe(true);
  expect(terminal.lines.at(-1)!.offer).toBeUndefined();
  await waitFor(() => tab.playground.pending?.messages.length === 0);
  // migrate finds nothing: the database and the pulled models agree
  const migrate = await tab.playground.run(["migrate", "-m", "nothing"]);
  expect(migrate.lines.map((l) => l.text)).toContain("No changes in schema detected.");
});

test("migrate with the database on one branch: the merge is offered; after a success, nothing is", async () => {
  const { tab, terminal } = await tutorialAtHead();
  await tab.playground.simulateTeammate();
  await typed(terminal, "flask db migrate -m mine");
  expect(terminal.lines.at(-1)!.offer?.argv).toEqual(MERGE_HEADS_ARGV);
  await typed(terminal, "flask db heads");
  expect(terminal.lines.at(-1)!.offer).toBeUndefined();
});

test("offersMerge: only a failure that several heads cause", async () => {
  const { tab } = await tutorialAtHead();
  const single = await tab.playground.run(["upgrade", "+1"]);
  expect(single.exitCode).toBe(1);
  // one head: "Relative revision +1 didn't produce 1 migrations" is not about heads
  expect(offersMerge(single)).toBe(false);
  await tab.playground.simulateTeammate();
  const two = await tab.playground.run(["upgrade", "+1"]);
  expect(offersMerge(two)).toBe(true);
  const ok: CommandView = { ...two, exitCode: 0 };
  expect(offersMerge(ok)).toBe(false);
});

test("the teammate's work is saved and travels in the share link", async () => {
  const { tab } = await tutorialAtHead();
  const result = await tab.playground.simulateTeammate();
  if (!result.ok) throw new Error(result.message);
  await tab.library.autosave.flush();
  const saved = await tab.store.load(tab.library.currentId!);
  expect(saved.ok && Object.keys(saved.record.files)).toContain(result.path);
  expect(saved.ok && saved.record.files["models.ts"]).toBe(tab.playground.fileText("models.ts"));

  const { fragment } = await tab.playground.share();
  const other = openTab();
  await startTab(other);
  expect(await other.playground.openShared(fragment)).toBe(true);
  expect(splitHeads(other.playground.snapshot!.history)).toHaveLength(2);
});

test("with no revision yet, or two heads already, nothing is added and the page says why", async () => {
  const tab = openTab();
  await startTab(tab);
  const notes: string[] = [];
  tab.playground.onNote((n) => notes.push(n));
  const files = Object.keys(tab.playground.snapshot!.files);
  const none = await tab.playground.simulateTeammate();
  expect(none.ok).toBe(false);
  expect(tab.playground.notice).toContain("Generate the first migration");
  expect(notes).toEqual([tab.playground.notice]);
  expect(Object.keys(tab.playground.snapshot!.files)).toEqual(files);

  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.playground.simulateTeammate();
  const again = await tab.playground.simulateTeammate();
  expect(again.ok).toBe(false);
  expect(tab.playground.notice).toContain("flask db merge heads");
});
