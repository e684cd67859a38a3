// The terminal's command line: split like a POSIX shell (quotes, backslashes), accept the
// `flask db …` and `retort db …` spellings of SPEC §3, and complete commands and options.
// The text is only ever split into words and handed to the command layer: never evaluated.

export type ParsedLine =
  | { readonly kind: "db"; readonly argv: readonly string[] }
  | { readonly kind: "clear" }
  | { readonly kind: "empty" }
  | { readonly kind: "error"; readonly message: string };

/** Flask-Migrate's commands and their options (flask_migrate/cli.py), for completion. */
export const DB_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  init: ["--multidb", "--package", "--help"],
  revision: ["-m", "--message", "--autogenerate", "--sql", "--head", "--splice", "--branch-label", "--version-path", "--rev-id", "--depends-on", "--help"],
  migrate: ["-m", "--message", "--sql", "--head", "--splice", "--branch-label", "--version-path", "--rev-id", "--help"],
  edit: ["--help"],
  merge: ["-m", "--message", "--branch-label", "--rev-id", "--help"],
  upgrade: ["--sql", "--tag", "--help"],
  downgrade: ["--sql", "--tag", "--help"],
  show: ["--help"],
  history: ["-r", "--rev-range", "-v", "--verbose", "-i", "--indicate-current", "--help"],
  heads: ["-v", "--verbose", "--resolve-dependencies", "--help"],
  branches: ["-v", "--verbose", "--help"],
  current: ["-v", "--verbose", "--help"],
  stamp: ["--sql", "--tag", "--purge", "--help"],
  check: ["--help"],
};

const TARGETS = ["head", "heads", "base"];

export function splitWords(line: string): { ok: true; words: string[] } | { ok: false; message: string } {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === "\\" && quote === '"' && i + 1 < line.length) word += line[++i]!;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= "";
    } else if (ch === "\\" && i + 1 < line.length) {
      word = (word ?? "") + line[++i]!;
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? "") + ch;
    }
  }
  if (quote) return { ok: false, message: `Unterminated ${quote} quote in ${JSON.stringify(line)}: close the quote and press Enter again.` };
  if (word !== null) words.push(word);
  return { ok: true, words };
}

export function parseCommandLine(line: string): ParsedLine {
  const split = splitWords(line);
  if (!split.ok) return { kind: "error", message: split.message };
  const [program, sub, ...rest] = split.words;
  if (program === undefined) return { kind: "empty" };
  if (program === "clear" && sub === undefined) return { kind: "clear" };
  if ((program === "flask" || program === "retort") && sub === "db") return { kind: "db", argv: rest };
  const hint = "Type `flask db <command>` or `retort db <command>` (for example `flask db --help`), or `clear`.";
  if (program === "flask" || program === "retort") {
    const typed = sub === undefined ? program : `${program} ${sub}`;
    return { kind: "error", message: `'${typed}' is not a command here: only the db commands run in this terminal. ${hint}` };
  }
  return { kind: "error", message: `Unknown command '${program}'. ${hint}` };
}

/**
 * Completions for the word under the cursor at the end of `line`: program, `db`, command names,
 * then the command's options and the revision targets. Returns the full replacement lines.
 */
export function complete(line: string, revisions: readonly string[] = []): string[] {
  const endsWithSpace = /\s$/.test(line);
  const words = line.trim().length === 0 ? [] : line.trim().split(/\s+/);
  const current = endsWithSpace ? "" : (words.pop() ?? "");
  const head = words.length === 0 ? "" : words.join(" ") + " ";
  const candidates = candidatesFor(words, revisions);
  return candidates.filter((c) => c.startsWith(current) && c !== current).map((c) => `${head}${c}`);
}

function candidatesFor(before: readonly string[], revisions: readonly string[]): readonly string[] {
  if (before.length === 0) return ["flask", "retort", "clear"];
  if (before.length === 1) return before[0] === "flask" || before[0] === "retort" ? ["db"] : [];
  if (before[1] !== "db") return [];
  if (before.length === 2) return Object.keys(DB_COMMANDS);
  const options = DB_COMMANDS[before[2]!] ?? [];
  return [...options, ...TARGETS, ...revisions];
}
