// The project folder the CLI works in: models.ts, the migrations folder and app.db, read into a
// Workspace and written back. Only what a command changed is written; the database is written
// atomically (a temporary file in the same folder, then a rename), so a crash never leaves a
// half-written app.db behind.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { DEFAULT_MIGRATIONS_DIR, MODELS_FILE, type Workspace } from "../engine/index";
import { databaseBytes, readDatabaseFile, referToDatabaseFile, renameCopyOver } from "./database-file";
import { durableRename } from "./durable-rename";
import { CACHE_FOLDER } from "./script-cache";

export const DATABASE_FILE = "app.db";

/**
 * The -d/--directory of a `db` command line, as Click reads it (before any `--`), made relative
 * to the project folder: the workspace keys files by their path in the project, so an absolute
 * `-d /home/me/app/migrations` must name the same files as `-d migrations`. Returns the command
 * line with that relative path in place of the one typed.
 */
export function withRelativeDirectory(argv: readonly string[], cwd: string): { argv: string[]; dir: string } {
  const out = [...argv];
  let dir = DEFAULT_MIGRATIONS_DIR;
  const rel = (typed: string) => relative(cwd, resolve(cwd, typed)).replace(/\\/g, "/") || ".";
  for (let i = 0; i < out.length; i++) {
    const token = out[i]!;
    if (token === "--") break;
    if ((token === "-d" || token === "--directory") && i + 1 < out.length) {
      dir = rel(out[i + 1]!);
      out[++i] = dir;
    } else if (token.startsWith("--directory=")) {
      dir = rel(token.slice("--directory=".length));
      out[i] = `--directory=${dir}`;
    } else if (token.startsWith("-d") && token.length > 2 && !token.startsWith("--")) {
      dir = rel(token.slice(2));
      out[i] = `-d${dir}`;
    }
  }
  return { argv: out, dir };
}

/** Text files under a folder, keyed by their path relative to the project ("migrations/README"). */
function readTree(root: string, rel: string, files: Record<string, string>): void {
  const abs = join(root, rel);
  for (const name of readdirSync(abs)) {
    const child = `${rel}/${name}`;
    const stat = statSync(join(root, child));
    if (stat.isDirectory()) {
      if (name !== "__pycache__" && name !== CACHE_FOLDER && name !== "node_modules") readTree(root, child, files);
    } else if (name.endsWith(".ts") || name === "README") {
      files[child] = readFileSync(join(root, child), "utf8");
    }
  }
}

/**
 * The project as a workspace. `database: "by reference"` leaves app.db unread (referToDatabaseFile),
 * for a command whose database port is the native binding's fileBackedOpen, which needs only its name.
 */
export function readProject(cwd: string, migrationsDir: string, database: "read" | "by reference" = "read"): Workspace {
  const files: Record<string, string> = {};
  const models = join(cwd, MODELS_FILE);
  if (existsSync(models)) files[MODELS_FILE] = readFileSync(models, "utf8");
  const dir = join(cwd, migrationsDir);
  if (migrationsDir !== "." && existsSync(dir) && statSync(dir).isDirectory()) {
    readTree(cwd, migrationsDir, files);
    // an existing but empty folder: init may use it (as Alembic), other commands see no scripts
    if (!Object.keys(files).some((p) => p.startsWith(`${migrationsDir}/`)) && readdirSync(dir).length > 0) {
      files[`${migrationsDir}/.keep`] = "";
    }
  }
  const dbPath = join(cwd, DATABASE_FILE);
  return { title: cwd, files, database: database === "read" ? readDatabaseFile(dbPath) : referToDatabaseFile(dbPath) };
}

function writeAtomically(path: string, bytes: Uint8Array): void {
  const temp = join(dirname(path), `.${DATABASE_FILE}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, bytes);
    durableRename(temp, path);
  } catch (e) {
    if (existsSync(temp)) unlinkSync(temp);
    throw e;
  }
}

/** Writes what changed between `before` and `after`: new or edited files, and the database. */
export function writeProject(cwd: string, migrationsDir: string, before: Workspace, after: Workspace): void {
  for (const [path, text] of Object.entries(after.files)) {
    if (before.files[path] === text || path.endsWith("/.keep")) continue;
    mkdirSync(dirname(join(cwd, path)), { recursive: true });
    writeFileSync(join(cwd, path), text);
  }
  // `init` makes versions/ even though it holds no file yet
  const initialised = Object.keys(after.files).some((p) => p.startsWith(`${migrationsDir}/`));
  if (initialised) mkdirSync(join(cwd, migrationsDir, "versions"), { recursive: true });
  if (after.database !== before.database && after.database !== null) {
    // the native binding's copy of app.db is already written: it only has to take app.db's place
    const path = join(cwd, DATABASE_FILE);
    if (!renameCopyOver(after.database, path)) writeAtomically(path, databaseBytes(after.database));
  }
}
