// Click's help and usage texts (click/formatting.py HelpFormatter): 78 columns, options in a
// two-column list whose first column is at most 30 wide, help text wrapped word by word.

import type { CommandSpec, OptionSpec } from "./args";

const WIDTH = 78;
const INDENT = 2;
const COL_MAX = 30;
const COL_SPACING = 2;

export const HELP_OPTION = "Show this message and exit.";

/** As textwrap.wrap: greedy, on spaces. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (current === "") current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== "") lines.push(current);
  return lines;
}

/** As HelpFormatter.write_dl. */
export function definitionList(rows: readonly (readonly [string, string])[]): string[] {
  const firstCol = Math.min(Math.max(...rows.map(([first]) => first.length)), COL_MAX) + COL_SPACING;
  const out: string[] = [];
  const pad = " ".repeat(INDENT + firstCol);
  for (const [first, second] of rows) {
    const wrapped = wrapText(second, Math.max(WIDTH - firstCol - 2, 10));
    const head = " ".repeat(INDENT) + first;
    if (first.length <= firstCol - COL_SPACING) out.push(head + " ".repeat(firstCol - first.length) + (wrapped[0] ?? ""));
    else out.push(head, pad + (wrapped[0] ?? ""));
    for (const line of wrapped.slice(1)) out.push(pad + line);
  }
  return out.map((l) => l.trimEnd());
}

const optionLabel = (o: OptionSpec) => `${o.names.join(", ")}${o.flag ? "" : " TEXT"}`;

export function usageLine(program: string, spec: CommandSpec): string {
  const arg = spec.argument ? ` [${spec.argument.metavar}]${spec.argument.variadic ? "..." : ""}` : "";
  return `Usage: ${program} ${spec.name} [OPTIONS]${arg}`;
}

/** `<command> --help`. */
export function commandHelp(program: string, spec: CommandSpec): string[] {
  const rows: [string, string][] = [...spec.options.map((o): [string, string] => [optionLabel(o), o.help]), ["--help", HELP_OPTION]];
  return [usageLine(program, spec), "", `  ${spec.help}`, "", "Options:", ...definitionList(rows)];
}

/** `db --help`: the group's usage and its commands, sorted by name as Click lists them. */
export function groupHelp(program: string, specs: readonly CommandSpec[]): string[] {
  const commands = [...specs].sort((a, b) => (a.name < b.name ? -1 : 1)).map((s): [string, string] => [s.name, s.shortHelp]);
  return [
    `Usage: ${program} [OPTIONS] COMMAND [ARGS]...`,
    "",
    "  Perform database migrations.",
    "",
    "Options:",
    ...definitionList([["--help", HELP_OPTION]]),
    "",
    "Commands:",
    ...definitionList(commands),
  ];
}

/** Click's UsageError.show: usage, a hint, an empty line, the error. */
export function usageError(usage: string, helpCommand: string, message: string): string[] {
  return [usage, `Try '${helpCommand} --help' for help.`, "", `Error: ${message}`];
}
