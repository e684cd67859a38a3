// `retort export-flask FOLDER` (SPEC §6): the playground in the current folder as a Flask-Migrate
// project in FOLDER, which must be empty or new. With --after REV, only the scripts of the
// revisions after REV, as .py files, into FOLDER: an existing project's migrations/versions/,
// where nothing that is there already is written over.

import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_MIGRATIONS_DIR, exportFlaskProject, exportRevisionScripts, type FlaskExportResult } from "../engine/index";
import { readProject } from "./project";
import type { Io } from "./share";

export const EXPORT_FLASK_COMMAND = "export-flask";

const HELP = `Usage: retort export-flask [--after REV] FOLDER

  Writes the playground in the current folder as a Flask-Migrate project in FOLDER, which
  must be empty or not exist yet: app.py (its database is app.db in FOLDER), models.py
  (Flask-SQLAlchemy), migrations/ as \`flask db init\` makes it, and every revision as the
  Alembic script migrations/versions/<rev>_<slug>.py. Then, in FOLDER:

    FLASK_APP=app.py flask db upgrade

  With --after REV, writes only the scripts of the revisions after REV (an id, a partial id
  or a branch label; base for all) as .py files into FOLDER, to drop into an existing
  project's migrations/versions/. A file that is there already is never written over.

Options:
  --after REV  Only the revisions after REV, as .py files.
  --help       Show this message and exit.
`;

function usageError(io: Io, message: string): number {
  io.err(`${HELP.split("\n")[0]}\nTry 'retort export-flask --help' for help.\n\nError: ${message}\n`);
  return 2;
}

function parseArgs(argv: readonly string[]): { after: string | null; folder: string } | string {
  let after: string | null = null;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--after") {
      if (i + 1 >= argv.length) return "Option '--after' requires an argument.";
      after = argv[++i]!;
    } else if (token.startsWith("--after=")) after = token.slice("--after=".length);
    else if (token.startsWith("-") && token !== "-") return `No such option: ${token}`;
    else args.push(token);
  }
  if (args.length === 0) return "Missing argument 'FOLDER'.";
  if (args.length > 1) return `Got unexpected extra argument (${args[1]})`;
  return { after, folder: args[0]! };
}

/** Why the folder cannot take the files, or null. */
function refusal(folder: string, files: readonly string[], wholeProject: boolean): string | null {
  if (!existsSync(folder)) return null;
  if (!statSync(folder).isDirectory()) return `${folder} is a file, not a folder. Name a folder to write the project into.`;
  if (wholeProject && readdirSync(folder).length > 0) {
    return `the folder ${folder} is not empty, and Retort never writes over a project. Name a new folder: retort export-flask new-folder`;
  }
  const clash = files.find((f) => existsSync(join(folder, f)));
  return clash === undefined ? null : `${join(folder, clash)} exists already, and Retort never writes over a file. Move it aside, or export into another folder.`;
}

export function runExportFlask(argv: readonly string[], cwd: string, io: Io): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(HELP);
    return 0;
  }
  const parsed = parseArgs(argv);
  if (typeof parsed === "string") return usageError(io, parsed);
  const ws = readProject(cwd, DEFAULT_MIGRATIONS_DIR);
  const options = { now: new Date() };
  const result: FlaskExportResult = parsed.after === null ? exportFlaskProject(ws, options) : exportRevisionScripts(ws, parsed.after, options);
  if (!result.ok) {
    io.err(`Error: ${result.message}\n`);
    return 1;
  }
  const folder = resolve(cwd, parsed.folder);
  const problem = refusal(folder, Object.keys(result.files), parsed.after === null);
  if (problem !== null) {
    io.err(`Error: ${problem}\n`);
    return 1;
  }
  for (const [path, text] of Object.entries(result.files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const count = Object.keys(result.files).length;
  if (parsed.after === null) {
    // flask db init makes versions/ even before there is a revision in it
    mkdirSync(join(folder, DEFAULT_MIGRATIONS_DIR, "versions"), { recursive: true });
    io.out(`Wrote a Flask-Migrate project in ${folder}. In that folder, run: FLASK_APP=app.py flask db upgrade\n`);
  } else {
    io.out(`Wrote ${count} migration script${count === 1 ? "" : "s"} into ${folder}.\n`);
  }
  return 0;
}
