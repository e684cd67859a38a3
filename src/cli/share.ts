// `retort share`, `retort open`, `retort export`, `retort import`: the site's share links and zip
// files for a project folder. The engine makes and opens links (src/engine/share/playground.ts)
// exactly as the site does, so a link printed here opens in the site and the other way round.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import {
  DEFAULT_MIGRATIONS_DIR, fromZip, newWorkspace, openSharedPlayground, openSqlJs, runCommand, shareWorkspace, toZip, type Workspace,
} from "../engine/index";
import { readProject, writeProject } from "./project";

export const DEFAULT_BASE_URL = "https://retort.invalid/";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const HELP: Readonly<Record<string, string>> = {
  share: `Usage: retort share [--base-url URL]

  Prints a share link for the playground in the current folder (models.ts, the migration
  scripts, the database's current revision, and its rows while the link stays short).
  Opening the link in Retort's site, or with \`retort open\`, rebuilds the same playground.

  The CLI does not know where Retort's site is served, so the link is the fragment (#r1.…)
  after a base URL: --base-url, else the RETORT_URL environment variable, else
  ${DEFAULT_BASE_URL} (replace that part with your site's address).

Options:
  --base-url URL  The address of Retort's site.
  --help          Show this message and exit.
`,
  open: `Usage: retort open LINK [FOLDER]

  Writes the playground of a share link (a whole link, or just its #r1.… fragment) into
  FOLDER (default: the current folder): models.ts, migrations/, and app.db rebuilt by running
  the link's migrations up to its revision and putting its rows back. FOLDER must be empty
  or not exist yet: nothing is overwritten. Nothing in a link is executed as code.

Options:
  --help  Show this message and exit.
`,
  export: `Usage: retort export [FILE.zip]

  Writes the playground in the current folder as a zip file (models.ts,
  migrations/versions/*.ts, app.db and a README), as the site's download does. FILE
  defaults to <folder name>.zip in the current folder.

Options:
  --help  Show this message and exit.
`,
  import: `Usage: retort import FILE.zip [FOLDER]

  Writes the playground of a zip file (from the site's download or \`retort export\`) into
  FOLDER (default: the current folder), which must be empty or not exist yet.

Options:
  --help  Show this message and exit.
`,
};

export const SHARE_COMMANDS = Object.keys(HELP);

const usage = (name: string) => HELP[name]!.split("\n")[0]!;

function usageError(io: Io, name: string, message: string): number {
  io.err(`${usage(name)}\nTry 'retort ${name} --help' for help.\n\nError: ${message}\n`);
  return 2;
}

/** The fragment of a link, or the fragment itself ("#r1.…" or "r1.…"). */
export function fragmentOf(link: string): string {
  const trimmed = link.trim();
  const hash = trimmed.indexOf("#");
  if (hash >= 0) return trimmed.slice(hash);
  return trimmed.startsWith("r") ? `#${trimmed}` : trimmed;
}

export function withBaseUrl(base: string, fragment: string): string {
  const hash = base.indexOf("#");
  return `${hash >= 0 ? base.slice(0, hash) : base}${fragment}`;
}

/** Options and positional arguments; a value option takes the next word or `--name=value`. */
function parse(argv: readonly string[], valueOptions: readonly string[]): { options: Record<string, string>; args: string[]; bad: string | null } {
  const options: Record<string, string> = {};
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const [name, inline] = word.startsWith("--") && word.includes("=") ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)] : [word, undefined];
    if (valueOptions.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) return { options, args, bad: `Option '${name}' requires an argument.` };
      options[name] = value;
    } else if (word.startsWith("-") && word.length > 1) {
      return { options, args, bad: `No such option: ${word}` };
    } else {
      args.push(word);
    }
  }
  return { options, args, bad: null };
}

/** A folder to write a playground into: created when missing, refused when it holds anything. */
function emptyFolder(io: Io, folder: string): boolean {
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true });
    return true;
  }
  if (!statSync(folder).isDirectory()) {
    io.err(`Error: ${folder} is a file, not a folder. Name a new folder to write the playground into.\n`);
    return false;
  }
  if (readdirSync(folder).length > 0) {
    io.err(`Error: the folder ${folder} is not empty, and Retort never writes over a project. Name a new folder: retort open LINK new-folder\n`);
    return false;
  }
  return true;
}

/** The playground's workspace as a project folder (`db init`'s files, then the shared ones). */
async function writeNewProject(folder: string, ws: Workspace): Promise<void> {
  const deps = { openDatabase: openSqlJs, random: () => 0, clock: () => new Date(0) };
  const init = await runCommand(["init"], newWorkspace(ws.title, ws.files["models.ts"] ?? ""), deps);
  const nothing: Workspace = { title: ws.title, files: {}, database: null };
  writeProject(folder, DEFAULT_MIGRATIONS_DIR, nothing, { ...ws, files: { ...init.workspace.files, ...ws.files } });
}

async function share(argv: readonly string[], cwd: string, io: Io): Promise<number> {
  const { options, args, bad } = parse(argv, ["--base-url"]);
  if (bad) return usageError(io, "share", bad);
  if (args.length > 0) return usageError(io, "share", `Got unexpected extra argument (${args[0]})`);
  const ws = { ...readProject(cwd, DEFAULT_MIGRATIONS_DIR), title: basename(cwd) };
  const result = await shareWorkspace(ws, { openDatabase: openSqlJs });
  // an empty RETORT_URL counts as unset, as shells make it with `RETORT_URL= retort share`
  const base = options["--base-url"] ?? (process.env["RETORT_URL"] || DEFAULT_BASE_URL);
  io.out(`${withBaseUrl(base, result.fragment)}\n`);
  if (result.rowsLeftOut) io.err("Note: the rows made the link too long, so they are left out: the link carries the schema and the history. Use `retort export` to share the rows too.\n");
  if (result.tooLarge) io.err(`Note: this link is ${result.fragment.length.toLocaleString("en")} characters long, too long to paste in most places. Use \`retort export\` and share the zip file instead.\n`);
  return 0;
}

async function open(argv: readonly string[], cwd: string, io: Io): Promise<number> {
  const { args, bad } = parse(argv, []);
  if (bad) return usageError(io, "open", bad);
  if (args.length < 1) return usageError(io, "open", "Missing argument 'LINK'.");
  if (args.length > 2) return usageError(io, "open", `Got unexpected extra argument (${args[2]})`);
  const opened = await openSharedPlayground(fragmentOf(args[0]!), { openDatabase: openSqlJs });
  if (!opened.ok) {
    io.err(`Error: ${opened.message}\n`);
    return 1;
  }
  const folder = resolve(cwd, args[1] ?? ".");
  if (!emptyFolder(io, folder)) return 1;
  await writeNewProject(folder, opened.workspace);
  for (const note of opened.notes) io.err(`Note: ${note}\n`);
  const heads = opened.playground.heads.join(", ") || "no revision";
  const scripts = Object.keys(opened.playground.scripts).length;
  io.out(`Opened ${JSON.stringify(opened.workspace.title)} in ${folder} (${scripts} migration script${scripts === 1 ? "" : "s"}, database at ${heads}).\n`);
  return 0;
}

async function exportZip(argv: readonly string[], cwd: string, io: Io): Promise<number> {
  const { args, bad } = parse(argv, []);
  if (bad) return usageError(io, "export", bad);
  if (args.length > 1) return usageError(io, "export", `Got unexpected extra argument (${args[1]})`);
  const ws = readProject(cwd, DEFAULT_MIGRATIONS_DIR);
  const files = Object.fromEntries(Object.entries(ws.files).filter(([p]) => p === "models.ts" || /^migrations\/versions\/[^/]+\.ts$/.test(p)));
  const file = resolve(cwd, args[0] ?? `${basename(cwd)}.zip`);
  writeFileSync(file, toZip({ title: basename(cwd), files, database: ws.database }));
  io.out(`Wrote ${file}.\n`);
  return 0;
}

async function importZip(argv: readonly string[], cwd: string, io: Io): Promise<number> {
  const { args, bad } = parse(argv, []);
  if (bad) return usageError(io, "import", bad);
  if (args.length < 1) return usageError(io, "import", "Missing argument 'FILE.zip'.");
  if (args.length > 2) return usageError(io, "import", `Got unexpected extra argument (${args[2]})`);
  const path = resolve(cwd, args[0]!);
  if (!existsSync(path)) {
    io.err(`Error: there is no file ${path}. Check the name of the zip file.\n`);
    return 1;
  }
  const read = fromZip(new Uint8Array(readFileSync(path)), basename(path, ".zip"));
  if (!read.ok) {
    io.err(`Error: ${read.message}\n`);
    return 1;
  }
  const folder = resolve(cwd, args[1] ?? ".");
  if (!emptyFolder(io, folder)) return 1;
  await writeNewProject(folder, read.playground);
  io.out(`Imported ${JSON.stringify(read.playground.title)} into ${folder}.\n`);
  return 0;
}

const RUN = { share, open, export: exportZip, import: importZip } satisfies Record<string, (argv: readonly string[], cwd: string, io: Io) => Promise<number>>;

/** Runs `retort <share|open|export|import> …`; returns the exit code. */
export async function runShareCommand(name: string, argv: readonly string[], cwd: string, io: Io): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(HELP[name]!);
    return 0;
  }
  return RUN[name as keyof typeof RUN](argv, cwd, io);
}
