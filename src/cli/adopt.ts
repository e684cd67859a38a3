// `retort adopt FILE.sqlite [FOLDER]` (SPEC §6): a project folder made from the user's own SQLite
// file: models.ts generated from its schema, migrations/ with a baseline revision, and app.db, a
// copy of the file stamped at that baseline. The file itself is only read. FOLDER defaults to a
// new folder named after the file (shop.sqlite -> shop/), since the file's own folder is not empty.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { adoptDatabase, DEFAULT_MIGRATIONS_DIR, type OpenDatabase, type Workspace } from "../engine/index";
import { writeProject } from "./project";
import type { Io } from "./share";

export const ADOPT_HELP = `Usage: retort adopt FILE.sqlite [FOLDER]

  Makes a Retort project from your own SQLite database, without changing it: models.ts
  generated from its schema, migrations/ with a baseline revision (the id in the file's
  alembic_version when it has one), and app.db, a copy of the file stamped at that baseline.
  \`retort db check\` in FOLDER then finds no changes. What models.ts cannot express (views,
  triggers, STRICT, WITHOUT ROWID, collations, …) is listed, and noted in models.ts.

  FOLDER defaults to a new folder named after the file (shop.sqlite -> shop/). It must be
  empty or not exist yet: nothing is overwritten. A -wal file next to FILE is read too.

Options:
  --help  Show this message and exit.
`;

function usageError(io: Io, message: string): number {
  io.err(`Usage: retort adopt FILE.sqlite [FOLDER]\nTry 'retort adopt --help' for help.\n\nError: ${message}\n`);
  return 2;
}

function refuseFolder(folder: string): string | null {
  if (!existsSync(folder)) return null;
  if (!statSync(folder).isDirectory()) return `${folder} is a file, not a folder. Name a new folder for the project: retort adopt FILE.sqlite new-folder`;
  if (readdirSync(folder).length > 0) return `the folder ${folder} is not empty, and Retort never writes over a project. Name a new folder: retort adopt FILE.sqlite new-folder`;
  return null;
}

export async function runAdopt(argv: readonly string[], cwd: string, io: Io, openDatabase: OpenDatabase): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(ADOPT_HELP);
    return 0;
  }
  const bad = argv.find((a) => a.startsWith("-") && a.length > 1);
  if (bad !== undefined) return usageError(io, `No such option: ${bad}`);
  if (argv.length < 1) return usageError(io, "Missing argument 'FILE.sqlite'.");
  if (argv.length > 2) return usageError(io, `Got unexpected extra argument (${argv[2]})`);
  const file = resolve(cwd, argv[0]!);
  if (!existsSync(file) || !statSync(file).isFile()) {
    io.err(`Error: there is no file ${file}. Check the path of your .sqlite/.db file.\n`);
    return 1;
  }
  const folder = resolve(cwd, argv[1] ?? basename(file, extname(file)));
  const refused = refuseFolder(folder);
  if (refused !== null) {
    io.err(`Error: ${refused}\n`);
    return 1;
  }
  const walPath = `${file}-wal`;
  const wal = existsSync(walPath) ? new Uint8Array(readFileSync(walPath)) : undefined;
  const result = await adoptDatabase(
    { bytes: new Uint8Array(readFileSync(file)), fileName: basename(file), ...(wal && { wal }) },
    { openDatabase, random: Math.random, clock: () => new Date() },
  );
  if (!result.ok) {
    io.err(`Error: ${result.reason}\n`);
    return 1;
  }
  mkdirSync(folder, { recursive: true });
  const nothing: Workspace = { title: result.workspace.title, files: {}, database: null };
  writeProject(folder, DEFAULT_MIGRATIONS_DIR, nothing, result.workspace);
  const tables = `${result.tableCount} table${result.tableCount === 1 ? "" : "s"}`;
  io.out(`Adopted ${basename(file)} into ${folder}: models.ts (${tables}), migrations/ with the baseline ${result.baseline.join(", ")}, and app.db stamped at it.\n`);
  if (result.warnings.length > 0) {
    io.err(`What models.ts only approximates (${result.warnings.length}):\n${result.warnings.map((w) => `  - ${w}\n`).join("")}`);
  }
  io.out(`Next: cd ${JSON.stringify(folder)}, edit models.ts, then \`retort db migrate -m "…"\` and \`retort db upgrade\`.\n`);
  return 0;
}
