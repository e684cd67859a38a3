// The terminal panel's state: its scrollback, the command history (Up/Down) and completion (Tab).
// Lines are parsed into words by command-line.ts and run through the playground's command layer,
// the same one the Node CLI uses, so both print the same lines.

import { complete, parseCommandLine } from "./command-line";
import { MERGE_HEADS_ARGV, MERGE_HEADS_TYPED, MERGE_OFFER_TEXT, offersMerge, splitHeads } from "./heads";
import type { Playground } from "./playground.svelte";
import type { CommandView, OutputLineView } from "./protocol";

const MAX_LINES = 2000;

/** A command the terminal offers to run with one click, as if typed. */
export interface TerminalOffer {
  readonly typed: string;
  readonly argv: readonly string[];
}

/** A line of the scrollback: a command's output, or a note, perhaps with an offer after it. */
export type TerminalLine = OutputLineView & { readonly offer?: TerminalOffer };

export class TerminalState {
  lines = $state.raw<readonly TerminalLine[]>([
    { level: "info", text: "Type `flask db --help` (or `retort db …`). Up/Down: history, Tab: complete." },
  ]);
  input = $state("");
  #cursor: number | null = null;
  /** The history the cursor points into: another playground's (or a new line) starts again from the end. */
  #cursorIn: readonly string[] | null = null;
  #playground: Playground;

  constructor(playground: Playground) {
    this.#playground = playground;
    // Every command prints here, whether typed or run by a button, as a shell would show it.
    playground.onOutput((argv, result, typed) => this.#print(argv, result, typed));
    playground.onNote((text) => this.note(text));
  }

  async submit(): Promise<void> {
    const line = this.input;
    this.input = "";
    this.#cursor = null;
    this.#playground.rememberCommand(line);
    const parsed = parseCommandLine(line);
    switch (parsed.kind) {
      case "empty":
        return;
      case "clear":
        this.lines = [];
        return;
      case "error":
        this.#append([{ level: "command", text: `$ ${line}` }, { level: "error", text: parsed.message }]);
        return;
      case "db":
        await this.#playground.run(parsed.argv, line);
    }
  }

  /** A line from the page rather than a command (another playground opened, a database restored). */
  note(text: string): void {
    this.#append([{ level: "info", text }]);
  }

  /**
   * An offer in the scrollback holds only while the heads are still split: once merged, another
   * `merge heads` would write an empty revision on top of the one head.
   */
  get offersOpen(): boolean {
    return splitHeads(this.#playground.snapshot?.history).length > 0;
  }

  /** Runs an offered command as if it had been typed (and echoes it so). */
  async runOffer(offer: TerminalOffer): Promise<void> {
    await this.#playground.run(offer.argv, offer.typed);
  }

  /** The open playground's command lines, oldest first: each playground keeps its own. */
  get history(): readonly string[] {
    return this.#playground.commandHistory;
  }

  /** Up (-1) and Down (+1) walk the history, as a shell does. */
  recall(direction: -1 | 1): void {
    if (this.#cursorIn !== this.history) {
      this.#cursor = null;
      this.#cursorIn = this.history;
    }
    if (this.history.length === 0) return;
    const last = this.history.length;
    const next = (this.#cursor ?? last) + direction;
    if (next < 0) return;
    if (next >= last) {
      this.#cursor = null;
      this.input = "";
      return;
    }
    this.#cursor = next;
    this.input = this.history[next]!;
  }

  /** Tab: one candidate completes the line; several are listed and their common prefix is kept. */
  completeInput(): void {
    const revisions = this.#playground.snapshot?.history.revisions.map((r) => r.id) ?? [];
    const options = complete(this.input, revisions);
    if (options.length === 0) return;
    if (options.length === 1) {
      this.input = `${options[0]} `;
      return;
    }
    this.input = commonPrefix(options);
    this.#append([{ level: "info", text: options.map((o) => o.split(" ").at(-1)).join("  ") }]);
  }

  #print(argv: readonly string[], result: CommandView, typed: string | undefined): void {
    const echo = typed ?? `flask db ${argv.map(quoteWord).join(" ")}`;
    this.#append([{ level: "command", text: `$ ${echo}` }, ...result.lines]);
    // two heads in the way: the way on, one click away, right after the error that says so
    if (offersMerge(result)) this.#append([{ level: "info", text: MERGE_OFFER_TEXT, offer: { typed: MERGE_HEADS_TYPED, argv: MERGE_HEADS_ARGV } }]);
  }

  #append(lines: readonly TerminalLine[]): void {
    this.lines = [...this.lines, ...lines].slice(-MAX_LINES);
  }
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? "";
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Shows argv as a shell line: words with spaces or quotes are double-quoted. */
export function quoteWord(word: string): string {
  return /^[\w@+\-.:/=]+$/.test(word) ? word : `"${word.replace(/(["\\$`])/g, "\\$1")}"`;
}
