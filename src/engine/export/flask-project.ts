// A playground as a Flask-Migrate project (SPEC §6): app.py, models.py, migrations/ as
// `flask db init` makes it, and every revision as the Alembic script Alembic would write. Also
// the scripts of the revisions after a given one alone, to drop into an existing project's
// migrations/versions/. Returns the files as path -> text; the CLI writes them, the site zips them.

import { formatDiagnostic, type Diagnostic } from "../diagnostics";
import { parseModels } from "../models";
import type { NamingConvention } from "../schema/naming";
import { buildRevisionMap, lookupRevision, type RevisionMap } from "../revisions";
import { formatCreateDate } from "../render/file-name";
import { parseMigrationScript, type ParsedScript, type ParsedScriptResult } from "../script";
import { DEFAULT_MIGRATIONS_DIR, listScripts, MODELS_FILE, type Workspace } from "../workspace/workspace";
import { APP_PY, FLASK_MIGRATE_INIT_FILES } from "./flask-files";
import { renderModelsPy } from "./models-py";
import { NameStyle } from "./py-items";
import { renderPythonScript } from "./py-script";

export type FlaskExportResult =
  | { readonly ok: true; readonly files: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly message: string };

export interface FlaskExportOptions {
  /** The Create Date of a script whose header has none. */
  readonly now: Date;
  /** The CLI's cached parser; parseMigrationScript otherwise. */
  readonly parseScript?: (path: string, source: string) => ParsedScriptResult;
}

interface LoadedScript {
  readonly path: string;
  readonly script: ParsedScript;
}

type Loaded = { readonly ok: true; readonly convention: NamingConvention | null; readonly models: string | null; readonly scripts: LoadedScript[] } | { readonly ok: false; readonly message: string };

function firstErrors(file: string, diagnostics: readonly Diagnostic[]): string | null {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) return null;
  return errors.slice(0, 3).map((d) => formatDiagnostic(file, d)).join("\n");
}

/** models.ts and every script, read statically; the first file with errors stops the export. */
function load(ws: Workspace, options: FlaskExportOptions, needModels: boolean): Loaded {
  let convention: NamingConvention | null = null;
  let models: string | null = null;
  const source = ws.files[MODELS_FILE];
  if (needModels) {
    if (source === undefined) return { ok: false, message: `The playground has no ${MODELS_FILE}: write the models first, then export.` };
    const parsed = parseModels(source);
    const problems = firstErrors(MODELS_FILE, parsed.diagnostics);
    if (problems !== null) return { ok: false, message: `${problems}\n${MODELS_FILE} has errors, so models.py cannot be written. Fix them, then export again.` };
    convention = parsed.namingConvention as NamingConvention | null;
    models = renderModelsPy(parsed.schema.tables, convention, parsed.classes);
  } else if (source !== undefined) {
    const parsed = parseModels(source);
    if (!parsed.diagnostics.some((d) => d.severity === "error")) convention = parsed.namingConvention as NamingConvention | null;
  }
  const parse = options.parseScript ?? ((_path: string, text: string) => parseMigrationScript(text));
  const scripts: LoadedScript[] = [];
  for (const { path, source: text } of listScripts(ws)) {
    const parsed = parse(path, text);
    const problems = firstErrors(path, parsed.diagnostics);
    if (!parsed.ok || problems !== null) {
      return { ok: false, message: `${problems ?? path}\n${path} cannot be read as a migration script. Fix it, then export again.` };
    }
    scripts.push({ path, script: parsed.script });
  }
  return { ok: true, convention, models, scripts };
}

/** migrations/versions/<rev>_<slug>.ts -> <rev>_<slug>.py: Alembic's file name for the same revision. */
const pythonName = (path: string) => `${path.slice(path.lastIndexOf("/") + 1).replace(/\.ts$/, "")}.py`;

/** The scripts as Python by file name; a script that cannot be written in Python stops the export with its path. */
function renderScripts(scripts: readonly LoadedScript[], convention: NamingConvention | null, now: Date): FlaskExportResult {
  const names = new NameStyle(convention);
  const files: Record<string, string> = {};
  for (const { path, script } of scripts) {
    try {
      files[pythonName(path)] = renderPythonScript(script, names, formatCreateDate(now));
    } catch (e) {
      return { ok: false, message: `${path} cannot be written as an Alembic script: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  return { ok: true, files };
}

/** Every file of the project, by its path in the project folder. */
export function exportFlaskProject(ws: Workspace, options: FlaskExportOptions): FlaskExportResult {
  const loaded = load(ws, options, true);
  if (!loaded.ok) return loaded;
  const files: Record<string, string> = { "app.py": APP_PY, "models.py": loaded.models ?? "" };
  for (const [name, text] of Object.entries(FLASK_MIGRATE_INIT_FILES)) files[`${DEFAULT_MIGRATIONS_DIR}/${name}`] = text;
  const scripts = renderScripts(loaded.scripts, loaded.convention, options.now);
  if (!scripts.ok) return scripts;
  for (const [name, text] of Object.entries(scripts.files)) files[`${DEFAULT_MIGRATIONS_DIR}/versions/${name}`] = text;
  return { ok: true, files };
}

/** The revisions that need `ancestor` first: down revisions and depends_on, followed to the base. */
function descendantsOf(map: RevisionMap, ancestor: string): Set<string> {
  const after = new Set<string>();
  const isAfter = (rev: string, seen: Set<string>): boolean => {
    if (after.has(rev)) return true;
    if (seen.has(rev)) return false;
    seen.add(rev);
    const downs = map.revisions.get(rev)?.allDownRevisions ?? [];
    return downs.some((d) => d === ancestor || isAfter(d, seen));
  };
  for (const rev of map.revisions.keys()) if (isAfter(rev, new Set())) after.add(rev);
  return after;
}

/**
 * The scripts of the revisions after `since` (a full or partial id, a label, "base" for every
 * revision), as `<rev>_<slug>.py` files: the revisions made here on top of a real project's head.
 */
export function exportRevisionScripts(ws: Workspace, since: string, options: FlaskExportOptions): FlaskExportResult {
  const loaded = load(ws, options, false);
  if (!loaded.ok) return loaded;
  if (loaded.scripts.length === 0) return { ok: false, message: "The playground has no revisions yet: make one with `flask db migrate`, then export." };
  const built = buildRevisionMap(
    loaded.scripts.map(({ script: s }) => ({ revision: s.revision, downRevision: s.downRevision, branchLabels: s.branchLabels, dependsOn: s.dependsOn, message: s.message })),
  );
  if (!built.ok) return { ok: false, message: built.error };
  const found = lookupRevision(built.map, since.trim() || "base");
  if (!found.ok) return { ok: false, message: `${found.error} Give a revision of this playground, or base for all of them.` };
  const after = found.revision === null ? null : descendantsOf(built.map, found.revision.revision);
  const chosen = loaded.scripts.filter(({ script }) => after === null || after.has(script.revision));
  if (chosen.length === 0) return { ok: false, message: `No revision comes after ${found.revision?.revision ?? "base"}: it is a head. Make a new revision first.` };
  return renderScripts(chosen, loaded.convention, options.now);
}
