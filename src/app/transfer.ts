// Export and import (issue 5): the playground as a zip (the CLI's folder plus a README, built by
// the engine's archive module), the database as a .sqlite file, and the SQL of a range of
// revisions in offline mode (`flask db upgrade <from>:<to> --sql`). A zip imports back as a new
// playground. Pure functions: the page turns the bytes into downloads.

import type { ZipReadResult } from "../engine/index";

/**
 * The engine facade, loaded when an export or import first needs it: the page's first download
 * stays without the engine (it runs in the worker), at the cost of one chunk on the first export.
 */
const facade = () => import("../engine/index");
import type { CommandView, WorkspaceData } from "./protocol";

export interface Download {
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array;
}

/** A file name from the title: letters, digits and dashes, never empty. */
export function fileStem(title: string): string {
  const stem = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return stem || "playground";
}

export async function zipDownload(workspace: WorkspaceData): Promise<Download> {
  const { toZip } = await facade();
  return { name: `${fileStem(workspace.title)}.zip`, type: "application/zip", bytes: toZip(workspace) };
}

/** The SQLite file, or a sentence saying why there is none yet. */
export function databaseDownload(workspace: Pick<WorkspaceData, "title" | "database">): Download | string {
  if (!workspace.database || workspace.database.length === 0) {
    return "The playground has no database yet: run a command (upgrade) first, then download it.";
  }
  return { name: `${fileStem(workspace.title)}.sqlite`, type: "application/vnd.sqlite3", bytes: workspace.database };
}

/** The offline command for the range: Alembic's `<from>:<to>` with `--sql` (base when from is empty). */
export function sqlRangeArgv(from: string, to: string): string[] {
  const start = from.trim() || "base";
  const end = to.trim() || "head";
  return ["upgrade", `${start}:${end}`, "--sql"];
}

/** The script `upgrade --sql` printed (its stdout: log lines stay out), or the error it gave. */
export function sqlDownload(title: string, from: string, to: string, result: CommandView): Download | string {
  if (result.exitCode !== 0) {
    const error = result.lines.filter((l) => l.level === "error").map((l) => l.text).join(" ");
    return `The SQL for ${from || "base"}:${to || "head"} could not be made: ${error || `the command exited with ${result.exitCode}`}.`;
  }
  const text = result.lines.filter((l) => !l.log && l.level !== "command").map((l) => l.text).join("\n");
  const name = `${fileStem(title)}-${(from || "base").slice(0, 12)}-${(to || "head").slice(0, 12)}.sql`;
  return { name, type: "application/sql", bytes: new TextEncoder().encode(`${text}\n`) };
}

/** The Flask-Migrate project of SPEC §6 as a zip (app.py, models.py, migrations/), or why there is none. */
export async function flaskProjectDownload(workspace: WorkspaceData, now: Date): Promise<Download | string> {
  const { exportFlaskProject, toFilesZip } = await facade();
  const result = exportFlaskProject(workspace, { now });
  if (!result.ok) return `The Flask project could not be made: ${result.message}`;
  const bytes = toFilesZip(result.files, ["migrations/versions"]);
  return { name: `${fileStem(workspace.title)}-flask.zip`, type: "application/zip", bytes };
}

/**
 * The revisions after `since` (a revision id, or base for all) as Alembic scripts, to drop into
 * an existing project's migrations/versions/: one .py file, or a zip of
 * migrations/versions/*.py when there are several.
 */
export async function newRevisionsDownload(workspace: WorkspaceData, since: string, now: Date): Promise<Download | string> {
  const { exportRevisionScripts, toFilesZip } = await facade();
  const result = exportRevisionScripts(workspace, since, { now });
  if (!result.ok) return `The new revisions could not be exported: ${result.message}`;
  const names = Object.keys(result.files);
  if (names.length === 1) return { name: names[0]!, type: "text/x-python", bytes: new TextEncoder().encode(result.files[names[0]!]) };
  const files = Object.fromEntries(names.map((n) => [`migrations/versions/${n}`, result.files[n]!]));
  return { name: `${fileStem(workspace.title)}-new-revisions.zip`, type: "application/zip", bytes: toFilesZip(files) };
}

/** Reads a zip made by Export (or by hand: the CLI's folder zipped) back into a workspace. */
export async function importZip(bytes: Uint8Array, fileName: string): Promise<ZipReadResult> {
  const { fromZip } = await facade();
  const fallback = fileName.replace(/\.zip$/i, "").trim() || "Imported playground";
  const result = fromZip(bytes, fallback);
  if (!result.ok) return { ok: false, message: `'${fileName}' was not imported: ${result.message}` };
  return result;
}
