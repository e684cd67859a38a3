// The Node CLI: `node bin/retort.js db <command> [options]` in a folder holding models.ts,
// migrations/ and app.db. The command layer does the work; this file only reads the folder,
// prints the lines (results on stdout; Alembic's log lines, with their logger prefix, warnings and
// errors on stderr, as Python's logging does) and writes back what changed.

import { statSync } from "node:fs";
import { join } from "node:path";
import { formatOutputLine, LOGGERS, openSqlJs, runCommand, type CommandDeps, type Database, type OpenDatabase, type OutputLine } from "../engine/index";
import { runAdopt } from "./adopt";
import { fileBackedOpen } from "./database-file";
import { openInEditor } from "./editor";
import { runImportModels } from "./import-models";
import { loadNativeSqlite } from "./native/sqlite-native";
import { readProject, withRelativeDirectory, writeProject } from "./project";
import { cachedScriptParser } from "./script-cache";
import { EXPORT_FLASK_COMMAND, runExportFlask } from "./export-flask";
import { runShareCommand, SHARE_COMMANDS } from "./share";

const USAGE = [
  "Usage: retort db <command> [options]",
  "       retort share | open | export | import | export-flask …",
  "",
  "  Retort: Flask-Migrate's `flask db` commands on models.ts, migrations/ and app.db",
  "  in the current folder.",
  "",
  "  Run `retort db --help` for the commands, `retort db <command> --help` for one.",
  "",
  "  retort share [--base-url URL]    print a share link for this folder",
  "  retort open LINK [FOLDER]        write a share link's playground into a new folder",
  "  retort export [FILE.zip]         write this folder as a zip file (as the site's download)",
  "  retort import FILE.zip [FOLDER]  write a zip file's playground into a new folder",
  "  retort export-flask FOLDER       write this folder as a Flask-Migrate project (app.py,",
  "                                   models.py, migrations/ with each revision as a .py script)",
  "  retort import-models MODELS.py   print models.py (Flask-SQLAlchemy) converted to models.ts",
  "  retort adopt FILE.sqlite [FOLDER] make a project from your own SQLite database",
  "",
  "  RETORT_SQLITE=native|sqljs       the SQLite under the db commands: native (better-sqlite3,",
  "                                   the default when it is built) or sql.js (the site's)",
  "  RETORT_SCRIPT_CACHE=off          read migration scripts without their cache",
  "                                   (migrations/versions/__retortcache__, as __pycache__)",
];

const stdio = { out: (text: string) => process.stdout.write(text), err: (text: string) => process.stderr.write(text) };

/** RETORT_SQLITE_PRAGMAS="foreign_keys=ON;…": what a user's own connection would turn on. */
function pragmasFromEnv(): string[] {
  return (process.env["RETORT_SQLITE_PRAGMAS"] ?? "")
    .split(/[;,]/)
    .map((p) => p.trim())
    .filter((p) => /^[A-Za-z_]+\s*=\s*[A-Za-z0-9_]+$/.test(p));
}

/**
 * The SQLite binding: the native one (better-sqlite3) when it is installed and passes its checks,
 * else sql.js, as in the browser. RETORT_SQLITE=sqljs or =native chooses; a native binding that
 * was asked for by name and cannot load is an error rather than a silent fallback.
 */
export function chooseBinding(env: NodeJS.ProcessEnv = process.env): { readonly open: OpenDatabase; readonly cleanUp: () => void; readonly name: "native" | "sqljs" } | { readonly error: string } {
  const wanted = env["RETORT_SQLITE"] ?? "";
  const sqljs = { open: openSqlJs, cleanUp: () => {}, name: "sqljs" } as const;
  if (wanted === "sqljs") return sqljs;
  if (wanted !== "" && wanted !== "native") return { error: `RETORT_SQLITE=${wanted} is not a binding: use RETORT_SQLITE=native or RETORT_SQLITE=sqljs.` };
  const native = loadNativeSqlite();
  if (native.ok) return { ...fileBackedOpen(native), name: "native" };
  if (wanted === "native") return { error: `RETORT_SQLITE=native, but ${native.reason}.` };
  return sqljs;
}

function withUserPragmas(open: OpenDatabase): OpenDatabase {
  return async (bytes?: Uint8Array): Promise<Database> => {
    const db = await open(bytes);
    for (const pragma of pragmasFromEnv()) db.exec(`PRAGMA ${pragma}`);
    return db;
  };
}

declare const __RETORT_BUILD_ID__: string | undefined;

/**
 * What the script cache's entries belong to: scripts/build-cli.js puts a hash of the bundle (and of
 * the Babel it loads) here. Unbundled, there is no such id, and no cache. RETORT_SCRIPT_CACHE=off
 * turns it off, as PYTHONDONTWRITEBYTECODE does Python's.
 */
function scriptParser(cwd: string, env: NodeJS.ProcessEnv = process.env): CommandDeps["parseScript"] {
  const buildId = typeof __RETORT_BUILD_ID__ === "string" ? __RETORT_BUILD_ID__ : null;
  return buildId === null || env["RETORT_SCRIPT_CACHE"] === "off" ? undefined : cachedScriptParser(cwd, buildId);
}

/** Revision ids only need to differ (Alembic: uuid4's last 12 hex digits); Math.random loads nothing. */
const random = (): number => Math.random();

/**
 * In order, each line on its stream; consecutive lines of one stream in one write (writes to
 * pipes and files are synchronous in Node on Linux, so the two streams interleave as printed).
 */
function print(lines: readonly OutputLine[]): void {
  let pending = "";
  let pendingStream: NodeJS.WriteStream | null = null;
  for (const line of lines) {
    const stream = line.level === "info" && !line.log ? process.stdout : process.stderr;
    if (stream !== pendingStream && pendingStream) {
      pendingStream.write(pending);
      pending = "";
    }
    pendingStream = stream;
    pending += `${formatOutputLine(line)}\n`;
  }
  if (pendingStream) pendingStream.write(pending);
}

/** Runs one command line (without `node bin/retort.js`) in `cwd`; returns the exit code. */
export async function main(argv: readonly string[], cwd: string): Promise<number> {
  const [group, ...rest] = argv;
  if (group === undefined || group === "--help" || group === "-h") {
    process.stdout.write(`${USAGE.join("\n")}\n`);
    return group === undefined ? 2 : 0;
  }
  if (SHARE_COMMANDS.includes(group)) return runShareCommand(group, rest, cwd, stdio);
  if (group === EXPORT_FLASK_COMMAND) return runExportFlask(rest, cwd, stdio);
  if (group === "import-models") return runImportModels(rest, cwd, stdio);
  // sql.js: the file is read into memory and only the new app.db is written, as in the site
  if (group === "adopt") return runAdopt(rest, cwd, stdio, openSqlJs);
  if (group !== "db") {
    process.stderr.write(`${USAGE[0]}\n\nError: No such command '${group}'. Retort's commands are under \`db\`: retort db ${rest.join(" ") || "--help"}\n`);
    return 2;
  }
  // help opens no database: a wrong RETORT_SQLITE does not stand in its way
  const wantsHelp = rest.length === 0 || rest.includes("--help") || rest.includes("-h");
  const binding = chooseBinding(wantsHelp ? { RETORT_SQLITE: "sqljs" } : process.env);
  if ("error" in binding) {
    process.stderr.write(`Error: ${binding.error}\n`);
    return 1;
  }
  // sql.js compiles its wasm off the main thread: started now, it is ready by the time the
  // models and scripts are parsed (Babel, on the main thread), instead of after them.
  const warm = binding.name !== "sqljs" || wantsHelp || rest[0] === "init" ? null : openSqlJs().then((db) => db.close(), () => undefined);
  const { argv: dbArgv, dir } = withRelativeDirectory(rest, cwd);
  const folder = folderState(join(cwd, dir));
  if (folder === "file") {
    process.stderr.write(`Error: ${dir} is a file, not a folder, so it cannot hold migration scripts. Move it aside, or choose another folder with -d.\n`);
    return 1;
  }
  let before;
  try {
    // the native binding works on a copy of app.db made by the kernel: its bytes need no reading
    before = readProject(cwd, dir, binding.name === "native" ? "by reference" : "read");
  } catch (e) {
    process.stderr.write(`Error: could not read the project folder ${cwd}: ${e instanceof Error ? e.message : String(e)}. Check that models.ts, ${dir}/ and app.db are readable.\n`);
    return 1;
  }
  try {
    const parseScript = scriptParser(cwd);
    const deps = { openDatabase: withUserPragmas(binding.open), random, clock: () => new Date(), program: "retort db", ...(parseScript && { parseScript }) };
    const result = await runCommand(dbArgv, before, deps);
    await warm;
    // Alembic's init creates only what is missing: a folder that exists (empty, or init would
    // have refused) is not "created". The workspace has no empty folders, so the CLI knows this.
    const created = `Creating directory ${dir} ...  done`;
    const shown = dbArgv[0] === "init" && folder === "folder" ? result.lines.filter((l) => l.text !== created) : result.lines;
    // `db edit` prints nothing in Flask-Migrate: it starts the editor on each script
    print(shown.filter((l) => l.opens === undefined));
    try {
      writeProject(cwd, dir, before, result.workspace);
    } catch (e) {
      process.stderr.write(`Error: could not write the project folder ${cwd}: ${e instanceof Error ? e.message : String(e)}. Check its permissions and free space.\n`);
      return 1;
    }
    const toOpen = result.lines.flatMap((l) => (l.opens !== undefined ? [join(cwd, l.opens)] : []));
    const failed = toOpen.length > 0 ? openInEditor(toOpen) : null;
    if (failed !== null) {
      // Alembic's CommandError from open_in_editor, which Flask-Migrate's catch_errors logs
      process.stderr.write(`${formatOutputLine({ level: "error", text: failed, logger: LOGGERS.flaskMigrate })}\n`);
      return 1;
    }
    return result.exitCode;
  } finally {
    // the native binding's copy of app.db, when the command left app.db as it was
    binding.cleanUp();
  }
}

function folderState(path: string): "missing" | "folder" | "file" {
  try {
    return statSync(path).isDirectory() ? "folder" : "file";
  } catch {
    return "missing";
  }
}
