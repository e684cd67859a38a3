// "Open your own SQLite database" (SPEC §6): a user's file becomes a new playground. models.ts is
// generated from the file's schema, a baseline revision with empty upgrade/downgrade is written (as
// when a project adopts Alembic on an existing database: the tables exist already), and the file is
// stamped at it. A file already under Alembic keeps its alembic_version ids, so that new revisions
// chain onto the real project's head. Bad input is refused with a reason and produces nothing.

import { compareSchemas } from "../autogenerate/compare";
import type { Database, OpenDatabase } from "../db/database";
import { parseModels } from "../models";
import { reflectSchema } from "../reflect/reflect";
import { newRevisionId, renderMigrationScript, scriptFileName } from "../render";
import { VERSION_TABLE, VERSION_TABLE_DDL, currentHeads, hasVersionTable, versionChangeSql } from "../runtime/version-table";
import { DEFAULT_MIGRATIONS_DIR, MODELS_FILE, README_TEXT, joinPath, versionsDir, type Workspace } from "../workspace/workspace";
import { checkSqliteHeader, withoutWalFlag } from "./check-file";
import { findQuirks } from "./quirks";
import { renderModels } from "./render-models";

export interface AdoptInput {
  readonly bytes: Uint8Array;
  /** The file's name as the user chose it: the playground's title and the messages use it. */
  readonly fileName: string;
  /** The -wal file, when the user gave one next to the database. */
  readonly wal?: Uint8Array;
  /**
   * Hand the open, stamped database to the caller (result.open), who then closes it: the site
   * keeps it as the playground's live database instead of opening a 100 MB file a second time.
   */
  readonly keepOpen?: boolean;
}

export interface AdoptDeps {
  readonly openDatabase: OpenDatabase;
  readonly random: () => number;
  readonly clock: () => Date;
}

export type AdoptResult =
  | {
      readonly ok: true;
      readonly workspace: Workspace;
      /** The baseline revision ids (one per row of the file's alembic_version, or one new id). */
      readonly baseline: readonly string[];
      /** What the model language could not express, one self-contained line each. */
      readonly warnings: readonly string[];
      readonly tableCount: number;
      /** With keepOpen: the database the workspace's bytes were exported from, still open. */
      readonly open?: Database;
    }
  | { readonly ok: false; readonly reason: string };

const BASELINE_MESSAGE = "baseline";

const BASELINE_NOTE = [
  "// Baseline: the database already has this schema (it was adopted by Retort), so upgrade and",
  "// downgrade do nothing; the database is stamped at this revision. New revisions chain onto it.",
];

function baselineScript(revision: string, date: Date): string {
  const text = renderMigrationScript({ message: BASELINE_MESSAGE, revision, downRevision: null, branchLabels: null, dependsOn: null, createDate: date, upgradeOps: null, downgradeOps: null });
  return text.replace("export function upgrade()", `${BASELINE_NOTE.join("\n")}\nexport function upgrade()`);
}

function openFailure(fileName: string, e: unknown): string {
  const detail = e instanceof Error ? e.message : String(e);
  return `${fileName} is damaged: SQLite cannot read it (${detail}). Copy the file again from its source, or repair it with the sqlite3 shell's .recover command.`;
}

/** quick_check reads every page: a damaged file is refused before anything is made from it. */
function damage(db: Database, fileName: string): string | null {
  const rows = db.query("PRAGMA quick_check").rows.map((r) => String(r[0]));
  if (rows.length === 1 && rows[0] === "ok") return null;
  return `${fileName} is damaged: SQLite's quick_check reports ${rows.slice(0, 3).join("; ")}${rows.length > 3 ? ` (and ${rows.length - 3} more)` : ""}. Copy the file again from its source, or repair it with the sqlite3 shell's .recover command.`;
}

function stamp(db: Database, revisions: readonly string[]): void {
  db.exec("BEGIN");
  try {
    if (!hasVersionTable(db)) db.exec(VERSION_TABLE_DDL);
    for (const revision of revisions) db.exec(versionChangeSql({ kind: "insert", revision }));
    db.exec("COMMIT");
  } catch (e) {
    db.exec("ROLLBACK");
    throw e;
  }
}

/** Differences between the generated models and the file: none, or Retort has a bug to report. */
function roundTripWarnings(db: Database, models: string): string[] {
  const parsed = parseModels(models);
  const errors = parsed.diagnostics.filter((d) => d.severity === "error").map((d) => `models.ts ${d.line}:${d.column}: ${d.message}`);
  const compared = compareSchemas(reflectSchema(db), parsed.schema);
  const detected = compared.ops.length === 0 ? [] : compared.messages.map((m) => `models.ts differs from the file: ${m}`);
  return [...errors, ...detected];
}

const titleOf = (fileName: string) => fileName.replace(/^.*[\\/]/, "") || "database";

export async function adoptDatabase(input: AdoptInput, deps: AdoptDeps): Promise<AdoptResult> {
  const name = titleOf(input.fileName);
  const header = checkSqliteHeader(input.bytes, name, input.wal);
  if (!header.ok) return header;
  let db: Database;
  try {
    db = await deps.openDatabase(withoutWalFlag(input.bytes));
  } catch (e) {
    return { ok: false, reason: openFailure(name, e) };
  }
  let kept = false;
  try {
    const damaged = (() => {
      try {
        return damage(db, name);
      } catch (e) {
        return openFailure(name, e);
      }
    })();
    if (damaged !== null) return { ok: false, reason: damaged };
    const schema = reflectSchema(db);
    const quirks = findQuirks(db, schema, new Set([VERSION_TABLE]));
    const models = renderModels(schema, quirks, name);
    const existing = currentHeads(db);
    const baseline = existing.length > 0 ? existing : [newRevisionId(deps.random)];
    if (existing.length === 0) stamp(db, baseline);
    const date = deps.clock();
    const files: Record<string, string> = { [MODELS_FILE]: models, [joinPath(DEFAULT_MIGRATIONS_DIR, "README")]: README_TEXT };
    for (const revision of baseline) files[joinPath(versionsDir(DEFAULT_MIGRATIONS_DIR), scriptFileName(revision, BASELINE_MESSAGE))] = baselineScript(revision, date);
    const warnings = [...quirks.map((q) => q.warning), ...roundTripWarnings(db, models)];
    if (existing.length > 1) warnings.unshift(`The file's alembic_version holds ${existing.length} revisions (${existing.join(", ")}): one baseline was made for each, so the playground has ${existing.length} heads, like the project.`);
    const workspace = { title: name, files, database: db.export() };
    kept = input.keepOpen === true;
    return { ok: true, workspace, baseline, warnings, tableCount: schema.tables.length, ...(kept && { open: db }) };
  } finally {
    if (!kept) db.close();
  }
}
