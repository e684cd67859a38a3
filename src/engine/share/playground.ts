// A workspace <-> a share link (SPEC §4), one implementation for the site and the Node CLI.
// Sharing: models.ts, the migration scripts by file name, the database's current revision(s)
// (alembic_version) and the rows while the link stays within a budget.
// Opening: the link is checked before anything runs (the scripts and models parse, the revision
// graph builds, the heads are in it), then the database is rebuilt as a user would rebuild it:
// `db init`, the shared scripts, `db upgrade <head>` for each shared head with the real runtime,
// then the rows are put back and compared with the link. Nothing in a link is executed as code:
// scripts and models are read by the parsers, rows are bound parameters.

import { runCommand, type CommandDeps } from "../commands";
import type { OpenDatabase } from "../db/database";
import { formatDiagnostic } from "../diagnostics";
import { parseModels } from "../models";
import { reflectSchema } from "../reflect";
import { buildRevisionMap } from "../revisions";
import { currentHeads } from "../runtime";
import { parseMigrationScript, type ParsedScript } from "../script";
import { MODELS_FILE, listScripts, newWorkspace, withDatabase, type Workspace } from "../workspace/workspace";
import { decodeShareFragment, encodeShareFragment, type LinkRefusal, type SharedPlayground } from "./link";
import { differingTables, readRows, restoreRows } from "./rows";

/**
 * Rows travel while the whole link stays within this many characters. The fragment never reaches
 * a server, and browsers take links of megabytes, but a link is pasted into chats, mails and
 * issues: 32,000 characters still pastes everywhere we tried (Slack, GitHub, Gmail), and holds a
 * few hundred typical rows. Above it the link carries the schema and history without rows.
 */
export const ROWS_BUDGET_CHARS = 32_000;
/** Even without rows a link longer than this is impractical: offer the zip download instead. */
export const TOO_LARGE_CHARS = 100_000;
const VERSIONS_PREFIX = "migrations/versions/";

export interface ShareResult {
  /** "#r1.…", to put after the site's address. */
  readonly fragment: string;
  /** True when the rows made the link longer than ROWS_BUDGET_CHARS and were left out. */
  readonly rowsLeftOut: boolean;
  /** True when the link, even without rows, is longer than TOO_LARGE_CHARS: offer a file instead. */
  readonly tooLarge: boolean;
  readonly heads: readonly string[];
}

export interface ShareOptions {
  readonly rowsBudgetChars?: number;
  readonly tooLargeChars?: number;
}

/** The playground of a workspace as plain link data, rows included. */
export async function sharedPlayground(workspace: Workspace, openDatabase: OpenDatabase): Promise<SharedPlayground> {
  const scripts = Object.fromEntries(listScripts(workspace).map(({ path, source }) => [path.slice(VERSIONS_PREFIX.length), source]));
  const db = await openDatabase(workspace.database ?? undefined);
  try {
    return { title: workspace.title, models: workspace.files[MODELS_FILE] ?? "", scripts, heads: currentHeads(db), rows: readRows(db, reflectSchema(db)) };
  } finally {
    db.close();
  }
}

export async function shareWorkspace(workspace: Workspace, deps: { readonly openDatabase: OpenDatabase }, options: ShareOptions = {}): Promise<ShareResult> {
  const budget = options.rowsBudgetChars ?? ROWS_BUDGET_CHARS;
  const tooLarge = options.tooLargeChars ?? TOO_LARGE_CHARS;
  const playground = await sharedPlayground(workspace, deps.openDatabase);
  let fragment = await encodeShareFragment(playground);
  let rowsLeftOut = false;
  if (fragment.length > budget) {
    fragment = await encodeShareFragment({ ...playground, rows: null });
    rowsLeftOut = true;
  }
  return { fragment, rowsLeftOut, tooLarge: fragment.length > tooLarge, heads: playground.heads };
}

/** Why a link was refused: the format's reasons, then the content checks made before and after running it. */
export type OpenRefusal = LinkRefusal | "script" | "models" | "revisions" | "upgrade" | "rows";

export type OpenResult =
  | { readonly ok: true; readonly workspace: Workspace; readonly notes: readonly string[]; readonly playground: SharedPlayground }
  | { readonly ok: false; readonly reason: OpenRefusal; readonly message: string };

export interface OpenDeps {
  readonly openDatabase: OpenDatabase;
  readonly listener?: CommandDeps["listener"];
}

const refuse = (reason: OpenRefusal, message: string): OpenResult => ({ ok: false, reason, message });

export async function openSharedPlayground(fragment: string, deps: OpenDeps): Promise<OpenResult> {
  const decoded = await decodeShareFragment(fragment);
  if (!decoded.ok) return decoded;
  const shared = decoded.playground;
  const checked = checkSources(shared);
  if (checked) return checked;
  const built = await rebuild(shared, deps);
  if (!built.ok) return built;
  if (!shared.rows) {
    return { ok: true, workspace: built.workspace, playground: shared, notes: ["The rows did not fit in the link: the schema and the history are here, the tables are empty."] };
  }
  return withRows(built.workspace, shared, deps.openDatabase);
}

/** Refuses a link whose scripts or models do not parse, or whose revisions do not form a graph. */
function checkSources(shared: SharedPlayground): OpenResult | null {
  const syntax = parseModels(shared.models).diagnostics.find((d) => d.severity === "error" && d.message.startsWith("Syntax error"));
  if (syntax) return refuse("models", `This link's models do not parse, so Retort refuses it: ${formatDiagnostic(MODELS_FILE, syntax)}`);
  const headers: ParsedScript[] = [];
  for (const [name, source] of Object.entries(shared.scripts)) {
    const parsed = parseMigrationScript(source);
    const error = parsed.diagnostics.find((d) => d.severity === "error");
    if (!parsed.ok || error) {
      const where = error ? formatDiagnostic(`${VERSIONS_PREFIX}${name}`, error) : `${VERSIONS_PREFIX}${name}`;
      return refuse("script", `This link's migration script does not parse, so Retort refuses it: ${where}`);
    }
    headers.push(parsed.script);
  }
  const map = buildRevisionMap(headers);
  if (!map.ok) return refuse("revisions", `This link's revisions do not form a history, so Retort refuses it: ${map.error}`);
  const missing = shared.heads.find((head) => !map.map.revisions.has(head));
  if (missing !== undefined) {
    return refuse("revisions", `This link's current revision ${JSON.stringify(missing.slice(0, 80))} is not one of its migration scripts, so Retort refuses it.`);
  }
  return null;
}

type Built = { readonly ok: true; readonly workspace: Workspace } | { readonly ok: false; readonly reason: OpenRefusal; readonly message: string };

/** `db init`, the shared scripts, then `db upgrade <head>` for each shared head: the real runtime. */
async function rebuild(shared: SharedPlayground, deps: OpenDeps): Promise<Built> {
  // init and upgrade draw no revision ids and write no dates: these are never used
  const commandDeps: CommandDeps = { openDatabase: deps.openDatabase, random: () => 0, clock: () => new Date(0), listener: deps.listener };
  const init = await runCommand(["init"], newWorkspace(shared.title, shared.models), commandDeps);
  if (init.exitCode !== 0) return { ok: false, reason: "upgrade", message: `Retort could not set up the playground: ${init.lines.map((l) => l.text).join(" ")}` };
  const files = { ...init.workspace.files };
  for (const [name, source] of Object.entries(shared.scripts)) files[`${VERSIONS_PREFIX}${name}`] = source;
  let workspace: Workspace = { ...init.workspace, files };
  for (const head of shared.heads) {
    const up = await runCommand(["upgrade", head], workspace, commandDeps);
    if (up.exitCode !== 0) {
      return { ok: false, reason: "upgrade", message: `This link's migrations do not upgrade to ${head}: ${up.lines.filter((l) => l.level === "error").map((l) => l.text).join(" ")}` };
    }
    workspace = up.workspace;
  }
  return { ok: true, workspace };
}

/** Puts the rows back and checks that the database now holds exactly the shared rows and heads. */
async function withRows(workspace: Workspace, shared: SharedPlayground, openDatabase: OpenDatabase): Promise<OpenResult> {
  const db = await openDatabase(workspace.database ?? undefined);
  try {
    const schema = reflectSchema(db);
    const restored = restoreRows(db, schema, shared.rows ?? {});
    if (!restored.ok) return refuse("rows", restored.message);
    const differing = differingTables(db, schema, shared.rows ?? {});
    if (differing.length > 0) {
      return refuse("rows", `This link's rows did not come back as shared in ${differing.map((t) => JSON.stringify(t.slice(0, 80))).join(", ")}: the link does not match its own migrations.`);
    }
    const heads = currentHeads(db);
    if ([...heads].sort().join(" ") !== [...shared.heads].sort().join(" ")) {
      return refuse("upgrade", `This link's database ended at ${heads.join(", ") || "no revision"} instead of ${shared.heads.join(", ")}.`);
    }
    return { ok: true, workspace: withDatabase(workspace, db.export()), playground: shared, notes: [] };
  } finally {
    db.close();
  }
}
