// The playground as plain serialisable data (SPEC §4): the files the user edits, keyed by their
// path in a project folder ("models.ts", "migrations/versions/<rev>_<slug>.ts"), and the SQLite
// bytes. The current revision lives where Alembic keeps it, in the database's alembic_version
// table, so it travels with the bytes. The site stores this object as is (IndexedDB, share links).

export interface Workspace {
  readonly title: string;
  /** Path -> text. A migrations folder exists (is "initialised") when some path lies inside it. */
  readonly files: Readonly<Record<string, string>>;
  /** The whole SQLite file; null until a command first writes the database. */
  readonly database: Uint8Array | null;
}

export const MODELS_FILE = "models.ts";
/** Flask-Migrate's default `directory`. */
export const DEFAULT_MIGRATIONS_DIR = "migrations";
/** As Flask-Migrate's templates/flask/README. */
export const README_TEXT = "Single-database configuration for Flask.\n";

export function newWorkspace(title: string, models: string): Workspace {
  return { title, files: { [MODELS_FILE]: models }, database: null };
}

/** "migrations/" with one trailing slash, whatever the user typed ("./migrations/", "migrations"). */
export function normaliseDir(directory: string): string {
  const trimmed = directory.replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  return trimmed === "" || trimmed === "." ? "" : trimmed;
}

export const versionsDir = (directory: string): string => joinPath(normaliseDir(directory), "versions");

export function joinPath(...parts: string[]): string {
  return parts.filter((p) => p !== "").join("/");
}

export function isInitialised(ws: Workspace, directory = DEFAULT_MIGRATIONS_DIR): boolean {
  const prefix = `${normaliseDir(directory)}/`;
  return Object.keys(ws.files).some((path) => path.startsWith(prefix));
}

/** The migration scripts of a migrations folder, as (path, text) pairs sorted by path. */
export function listScripts(ws: Workspace, directory = DEFAULT_MIGRATIONS_DIR): { path: string; source: string }[] {
  const prefix = `${versionsDir(directory)}/`;
  return Object.entries(ws.files)
    .filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes("/") && path.endsWith(".ts"))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, source]) => ({ path, source }));
}

export function withFile(ws: Workspace, path: string, text: string): Workspace {
  return { ...ws, files: { ...ws.files, [path]: text } };
}

export function withoutFile(ws: Workspace, path: string): Workspace {
  const files = { ...ws.files };
  delete files[path];
  return { ...ws, files };
}

export function withDatabase(ws: Workspace, database: Uint8Array | null): Workspace {
  return { ...ws, database };
}

export function modelsSource(ws: Workspace): string | undefined {
  return ws.files[MODELS_FILE];
}
