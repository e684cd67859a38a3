// What most commands share: the migrations folder, its scripts read statically, the revision
// map, and the database with its alembic_version rows. Failures stop the command as a
// CommandError, which run-command.ts turns into "Error: …" and exit code 1 (as Flask-Migrate's
// catch_errors does with Alembic's CommandError).

import type { Database } from "../db/database";
import { formatDiagnostic } from "../diagnostics";
import { buildRevisionMap, type RevisionHeader, type RevisionMap } from "../revisions";
import { currentHeads, hasVersionTable, VERSION_TABLE_DDL } from "../runtime";
import { parseMigrationScript, type ParsedScript } from "../script";
import { isInitialised, listScripts, normaliseDir, withDatabase, type Workspace } from "../workspace/workspace";
import { CommandError, error, log, LOGGERS, type CommandDeps, type OutputLine } from "./types";

export interface LoadedScript {
  readonly path: string;
  readonly script: ParsedScript;
}

export interface ScriptSet {
  readonly scripts: readonly LoadedScript[];
  readonly byRevision: ReadonlyMap<string, LoadedScript>;
  readonly map: RevisionMap;
}

/** The mutable state of one command run. */
export class CommandContext {
  readonly lines: OutputLine[] = [];
  workspace: Workspace;
  private db: Database | null = null;
  private dbChanged = false;
  /** The heads of the scripts this command read, for the hints that follow its error. */
  private heads: readonly string[] = [];

  constructor(
    workspace: Workspace,
    readonly deps: CommandDeps,
    readonly directory: string,
  ) {
    this.workspace = workspace;
  }

  push(...lines: OutputLine[]): void {
    this.lines.push(...lines);
  }

  /** As ScriptDirectory.__init__: every command but `init` needs the folder. */
  requireInitialised(): void {
    if (!isInitialised(this.workspace, this.directory)) {
      throw new CommandError(`Path doesn't exist: '${normaliseDir(this.directory)}'.  Please use the 'init' command to create a new scripts folder.`);
    }
  }

  /** Reads every script (a broken one stops the command, naming file, line and column) and builds the map. */
  loadScripts(): ScriptSet {
    this.requireInitialised();
    const scripts: LoadedScript[] = [];
    const problems: OutputLine[] = [];
    const parse = this.deps.parseScript ?? ((_path: string, source: string) => parseMigrationScript(source));
    for (const { path, source } of listScripts(this.workspace, this.directory)) {
      const parsed = parse(path, source);
      if (parsed.ok) scripts.push({ path, script: parsed.script });
      for (const d of parsed.diagnostics) if (d.severity === "error") problems.push(error(formatDiagnostic(path, d)));
    }
    if (problems.length > 0) {
      const files = new Set(problems.map((p) => p.text.split(":")[0]));
      throw new CommandError(`${[...files].join(", ")} cannot be read as a migration script. Fix the problems above and run the command again.`, problems);
    }
    const result = buildRevisionMap(scripts.map(toHeader));
    if (!result.ok) throw new CommandError(result.error);
    this.heads = result.map.heads;
    return { scripts, byRevision: new Map(scripts.map((s) => [s.script.revision, s])), map: result.map };
  }

  /** The database, opened once (and created empty on first use, as SQLite does). */
  async database(): Promise<Database> {
    this.db ??= await this.openReadable();
    return this.db;
  }

  /** SQLite opens any bytes and fails at the first query: that query runs here, with the fix. */
  private async openReadable(): Promise<Database> {
    let db: Database | undefined;
    try {
      db = await this.deps.openDatabase(this.workspace.database ?? undefined);
      db.query("SELECT count(*) FROM sqlite_master");
      return db;
    } catch (e) {
      db?.close();
      const cause = e instanceof Error ? e.message : String(e);
      // SQLITE_NOTADB and SQLITE_CORRUPT: the file's fault. Anything else (a binding that does not
      // load, a pragma the user set) is reported in its own words.
      if (!/file is not a database|database disk image is malformed/.test(cause)) throw e;
      throw new CommandError(`The database cannot be read (${cause}): it is not a SQLite file, or it is damaged. Restore it from a copy, or move it aside to start from an empty database.`);
    }
  }

  /** The heads of the history, once the command has read its scripts (empty before). */
  historyHeads(): readonly string[] {
    return this.heads;
  }

  async currentHeads(): Promise<string[]> {
    return currentHeads(await this.database());
  }

  /** The revisions alembic_version holds, if this command opened the database (none is opened here). */
  recordedHeads(): string[] {
    if (!this.db) return [];
    try {
      return currentHeads(this.db);
    } catch {
      return [];
    }
  }

  /**
   * As MigrationContext.run_migrations (alembic/runtime/migration.py): every command that runs
   * env.py online, except `current` (dont_mutate), creates alembic_version when it is missing,
   * so `migrate` on a new database leaves an empty version table behind, as Flask-Migrate does.
   */
  async ensureVersionTable(): Promise<void> {
    const db = await this.database();
    if (hasVersionTable(db)) return;
    db.exec(VERSION_TABLE_DDL);
    this.markDatabaseChanged();
  }

  /** The command wrote to the database: its bytes go back into the workspace at the end. */
  markDatabaseChanged(): void {
    this.dbChanged = true;
  }

  /** As env.py's MigrationContext.configure: the lines every online run logs first. */
  logEnvironment(offline = false): void {
    const migration = (text: string) => log(LOGGERS.migration, text);
    this.push(migration("Context impl SQLiteImpl."));
    if (offline) this.push(migration("Generating static SQL"), migration("Will assume non-transactional DDL."));
    // Retort runs each revision in its own transaction (SPEC §3), so it says so where Alembic
    // on SQLite says "Will assume non-transactional DDL."
    else this.push(migration("Will assume transactional DDL."));
  }

  /** Closes the database without writing anything back: for a command that only looked. */
  discard(): void {
    this.db?.close();
    this.db = null;
  }

  /** Puts the database bytes into the workspace (when written) and closes it. */
  finish(): Workspace {
    if (this.db) {
      // as SQLite, which creates the file on first connection (SPEC §3: "app.db is created on first use")
      if (this.dbChanged || this.workspace.database === null) this.workspace = withDatabase(this.workspace, this.db.export());
      this.db.close();
      this.db = null;
    }
    return this.workspace;
  }
}

export function toHeader(loaded: LoadedScript): RevisionHeader {
  const s = loaded.script;
  return {
    revision: s.revision,
    downRevision: s.downRevision,
    branchLabels: s.branchLabels,
    dependsOn: s.dependsOn,
    message: s.message,
    ...(s.longdoc !== undefined && { longDoc: s.longdoc }),
    path: loaded.path,
  };
}

/** A result-or-failure from the revisions module, or the command stops with its text. */
export function unwrap<R extends { readonly ok: true } | { readonly ok: false; readonly error: string }>(result: R): Extract<R, { readonly ok: true }> {
  if (!result.ok) throw new CommandError((result as { readonly error: string }).error);
  return result as Extract<R, { readonly ok: true }>;
}
