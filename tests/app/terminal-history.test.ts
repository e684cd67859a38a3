// The terminal's Up and Down history belongs to the playground: saved with it, back after a reload,
// each playground its own, capped as a shell's HISTSIZE.
import { expect, test } from "vitest";
import { memoryStore } from "../../src/app/persist/kv-store";
import { EMPTY_UI, TERMINAL_HISTORY_SIZE, terminalHistoryOf } from "../../src/app/persist/saved-format";
import { TerminalState } from "../../src/app/terminal.svelte";
import { openTab, startTab } from "./support/app-harness";

async function type(terminal: TerminalState, line: string): Promise<void> {
  terminal.input = line;
  await terminal.submit();
}

function recalled(terminal: TerminalState, presses: number): string {
  for (let i = 0; i < presses; i++) terminal.recall(-1);
  return terminal.input;
}

test("a reload brings the playground's command lines back for Up", async () => {
  const kv = memoryStore();
  const first = openTab(kv);
  await startTab(first);
  const terminal = new TerminalState(first.playground);
  await type(terminal, "flask db migrate -m first");
  await type(terminal, "flask db history");
  await first.library.autosave.flush();

  const reloaded = openTab(kv);
  await startTab(reloaded);
  const again = new TerminalState(reloaded.playground);
  expect(recalled(again, 1)).toBe("flask db history");
  expect(recalled(again, 1)).toBe("flask db migrate -m first");
});

test("each playground keeps its own history", async () => {
  const tab = openTab(memoryStore());
  await startTab(tab);
  const terminal = new TerminalState(tab.playground);
  const firstId = tab.library.currentId!;
  await type(terminal, "flask db heads");
  await tab.library.create();
  expect(terminal.history).toEqual([]);
  await type(terminal, "flask db current");
  const secondId = tab.library.currentId!;

  await tab.library.switchTo(firstId);
  expect(recalled(terminal, 1)).toBe("flask db heads");
  await tab.library.switchTo(secondId);
  terminal.input = "";
  expect(recalled(terminal, 1)).toBe("flask db current");
  expect(terminal.history).toEqual(["flask db current"]);
});

test("the history keeps the newest lines, and a record saved before it was kept has none", () => {
  const lines = Array.from({ length: TERMINAL_HISTORY_SIZE + 5 }, (_, i) => `flask db show ${i}`);
  const kept = terminalHistoryOf({ ...EMPTY_UI, terminalHistory: lines });
  expect(kept).toHaveLength(TERMINAL_HISTORY_SIZE);
  expect(kept.at(-1)).toBe(lines.at(-1));
  expect(terminalHistoryOf(EMPTY_UI)).toEqual([]);
  expect(terminalHistoryOf({ ...EMPTY_UI, terminalHistory: ["ok", 3, null] as unknown as string[] })).toEqual(["ok"]);
});
