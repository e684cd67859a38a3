// The worker's side of the protocol: holds the playground (a workspace: files and database
// bytes) and answers each request with the engine. Plain TypeScript, so it is tested in Node
// against the real engine and sql.js, exactly as it runs in the Worker.

import { splitStatements, withoutLeadingComments, type WarningFix } from "../engine/index";
import type { EngineDatabase, EngineEvent, EngineFacade, EngineOutputLine, EngineWorkspace, SqlValue } from "./engine-facade";
import { buildHistory, parseScripts, toDiagnosticView, toTableView } from "./engine-views";
import { playgroundNotes } from "./playground-notes";
import { StepSession } from "./step-session";
import type {
  CheckpointView, CommandView, DatabaseFileView, EngineRequest, FixPreviewView, OutputLineView, PendingView, ProgressView, QueryView, RequestOf,
  AdoptView, OpenSharedView, RequestKind, ResponseOf, RowEdit, RowsView, ScriptView, ShareView, SnapshotView, SqlEventView, StepStartView, StepView,
  StartView, StepWarningView, TableSampleView, TeammateView, WorkspaceData, WorkspaceView,
} from "./protocol";
import { teammateNote } from "./teammate";
import type { SavedPlayground } from "./persist/saved-format";

/** The SQL console shows this many rows of a result; the rest are counted. */
export const QUERY_ROW_LIMIT = 1000;
/** A step-through shows this many rows of a table before and after a step (issue 10). */
export const STEP_ROWS_SHOWN = 50;

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;
const VERSION_TABLE = "alembic_version";

/** Said whenever something would change the database while a step-through holds it. */
export const FINISH_STEPPING_FIRST = "Finish or cancel the step-through first: Run to end commits it, Cancel puts the database back as it was.";
/** Statements that would end or split the step-through's transaction (or cannot run inside one). */
/** Statements that would end the step-through's transaction, or cannot run inside one: tested on each statement, its leading comments left out. */
const TRANSACTION_CONTROL = /^(BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ATTACH|DETACH)\b/i;

export class EngineHost {
  #engine: EngineFacade;
  #workspace: EngineWorkspace | null = null;
  #db: EngineDatabase | null = null;
  #dbBytes: Uint8Array | null | undefined = undefined;
  /** The database bytes of the last checkpoint (undefined: none was given yet). */
  #checkpointed: Uint8Array | null | undefined = undefined;
  /** Names this worker's database versions apart from another worker's (a restarted one's). */
  readonly #instance = globalThis.crypto.randomUUID();
  #versions = 0;
  /** The bytes that the version `#version.name` names: the workspace's database is replaced, never changed in place. */
  #version: { readonly bytes: Uint8Array | null | undefined; readonly name: string } = { bytes: undefined, name: "" };
  /**
   * A step-through in progress. Its run mutates the live database inside an open transaction,
   * while the workspace keeps the bytes from before the run: storage, checkpoints and downloads
   * therefore never see a half-migrated database, and a reload shows the playground as it was.
   */
  #stepping: StepSession | null = null;

  /**
   * `latest` reads the saved playground to start with (in the worker: from IndexedDB, begun when
   * the worker loads, so the read runs beside sql.js's start-up and needs nothing of the page).
   */
  constructor(engine: EngineFacade, latest: () => Promise<SavedPlayground | null> = async () => null) {
    this.#engine = engine;
    this.#latest = latest;
  }

  #latest: () => Promise<SavedPlayground | null>;

  /** One handler per request kind, checked by the compiler: a new kind without one does not build. */
  #handlers = {
    open: (r) => this.open(r),
    start: (r) => this.start(r.title),
    workspace: async (r) => this.workspaceView(r.have),
    "replace-database": (r) => this.replaceDatabase(r.database),
    "database-file": () => this.databaseFile(),
    checkpoint: async () => this.checkpoint(),
    share: () => this.share(),
    "open-shared": (r) => this.openShared(r.fragment),
    snapshot: () => this.snapshot(),
    "set-models": (r) => this.setModels(r.source),
    "set-script": (r) => this.setScript(r),
    command: (r, progress) => this.command(r.argv, progress),
    "step-warnings": (r) => this.stepWarnings(r.argv),
    "fix-preview": (r) => this.fixPreview(r.fix),
    rows: (r) => this.rows(r),
    "edit-row": (r) => this.editRow(r.edit),
    query: (r) => this.query(r.sql),
    "step-start": (r) => this.stepStart(r),
    step: (r) => this.step(r),
    teammate: () => this.teammate(),
    adopt: (r) => this.adopt(r),
    "lesson-check": (r) => this.lessonCheck(r),
  } satisfies { [K in RequestKind]: (request: RequestOf<K>, progress: (p: ProgressView) => void) => Promise<ResponseOf[K]> };

  handle = (request: EngineRequest, progress: (p: ProgressView) => void): Promise<unknown> => {
    const handler = this.#handlers[request.kind] as (r: EngineRequest, p: (p: ProgressView) => void) => Promise<unknown>;
    return handler(request, progress);
  };

  get workspace(): EngineWorkspace {
    if (!this.#workspace) throw new Error("No playground is open yet: send an 'open' request first.");
    return this.#workspace;
  }

  /** A saved playground as it was, or a new one: the tutorial's models, `flask db init` done, an empty database. */
  async open(request: RequestOf<"open">): Promise<SnapshotView> {
    this.#dropStepping();
    if (request.workspace) {
      const { title, files, database } = request.workspace;
      this.#workspace = { title, files: { ...files }, database };
      return this.snapshot();
    }
    this.#workspace = this.#engine.newWorkspace(request.title, this.#engine.exampleModels);
    const init = await this.#engine.runCommand(["init"], this.#workspace, () => {});
    if (init.exitCode === 0) this.#workspace = init.workspace;
    return this.snapshot();
  }

  /** The saved playground to start with, opened; or a new one when storage has none that loads. */
  async start(title: string): Promise<StartView> {
    const record = await this.#latest().catch(() => null);
    if (!record) return { snapshot: await this.open({ kind: "open", title }), record: null };
    const { files, database } = record;
    const snapshot = await this.open({ kind: "open", title: record.title, workspace: { title: record.title, files, database } });
    return { snapshot, record: { ...record, database: null } };
  }

  /** The whole playground, database bytes included, for storage and share links. */
  exportWorkspace(): WorkspaceData {
    const { title, files, database } = this.workspace;
    return { title, files: { ...files }, database };
  }

  /** Another database in the same playground: the files are not touched, so edits typed meanwhile stay. */
  replaceDatabase(database: Uint8Array | null): Promise<SnapshotView> {
    this.#workspace = { ...this.workspace, database };
    return this.snapshot();
  }

  /** The playground for storage; the database only when the page does not hold this version already. */
  workspaceView(have?: string): WorkspaceView {
    const { title, files, database } = this.exportWorkspace();
    if (this.#version.bytes !== database) this.#version = { bytes: database, name: `${this.#instance}:${++this.#versions}` };
    const databaseVersion = this.#version.name;
    return have === databaseVersion ? { title, files, databaseVersion } : { title, files, database, databaseVersion };
  }

  /**
   * The database file for a download, VACUUMed on a copy: the playground's own file keeps the
   * pages that deletes and table rebuilds freed (a 2-row database was 21 MB), and a download
   * needs none of them. The playground's bytes stay as they are.
   */
  async databaseFile(): Promise<DatabaseFileView> {
    const { title, database } = this.workspace;
    if (!database || database.length === 0) return { title, database };
    const copy = await this.#engine.openDatabase(database);
    try {
      copy.exec("VACUUM");
      return { title, database: copy.export() };
    } finally {
      copy.close();
    }
  }

  /** The playground without its database when the last checkpoint already carried these bytes. */
  checkpoint(): CheckpointView {
    const { title, files, database } = this.workspace;
    if (this.#checkpointed === database) return { title, files: { ...files } };
    this.#checkpointed = database;
    return { title, files: { ...files }, database };
  }

  /** The link is made by the engine (src/engine/share/playground.ts), as the CLI's `retort share`. */
  async share(): Promise<ShareView> {
    const { fragment, rowsLeftOut, tooLarge } = await this.#engine.shareWorkspace(this.workspace);
    return { fragment, rowsIncluded: !rowsLeftOut, tooLarge };
  }

  /** A link becomes a new playground: its scripts upgraded to its revisions, its rows put back and checked. */
  async openShared(fragment: string): Promise<OpenSharedView> {
    const opened = await this.#engine.openShared(fragment);
    if (!opened.ok) return { ok: false, message: opened.message };
    this.#dropStepping();
    this.#workspace = opened.workspace;
    return { ok: true, snapshot: await this.snapshot(), notes: opened.notes };
  }

  /** The user's own SQLite file becomes the playground; a refused file leaves the open one as it is. */
  async adopt(request: RequestOf<"adopt">): Promise<AdoptView> {
    const { bytes, fileName, wal } = request;
    const adopted = await this.#engine.adoptDatabase({ bytes, fileName, ...(wal && { wal }), keepOpen: true });
    if (!adopted.ok) return { ok: false, message: adopted.reason };
    this.#dropStepping();
    this.#workspace = { ...adopted.workspace, title: request.title };
    // the adopted file is already open and stamped: kept as the live database, not opened again
    if (adopted.open) {
      this.#db?.close();
      this.#db = adopted.open;
      this.#dbBytes = adopted.workspace.database;
    }
    return { ok: true, snapshot: await this.snapshot(), warnings: adopted.warnings, baseline: adopted.baseline };
  }

  async snapshot(): Promise<SnapshotView> {
    const ws = this.workspace;
    const db = await this.#database();
    const schema = this.#engine.reflectSchema(db);
    const tables = schema.tables.map((t) => {
      const count = db.query(`SELECT count(*) FROM ${quoteId(t.name)}`).rows[0]?.[0];
      return toTableView(t, typeof count === "number" ? count : 0, this.#engine.typeDdl);
    });
    const history = buildHistory(this.#engine, parseScripts(this.#engine, ws.files), currentRevisions(db));
    const initialized = Object.keys(ws.files).some((p) => p.startsWith("migrations/"));
    return { title: ws.title, files: { ...ws.files }, initialized, tables, history };
  }

  /** The live `flask db migrate` preview: models parsed, database reflected, compared. */
  async setModels(source: string): Promise<PendingView> {
    this.#workspace = { ...this.workspace, files: { ...this.workspace.files, "models.ts": source } };
    const parsed = this.#engine.parseModels(source);
    const diagnostics = parsed.diagnostics.map(toDiagnosticView);
    if (diagnostics.some((d) => d.severity === "error")) return { messages: [], warnings: [], diagnostics, error: null };
    try {
      const db = await this.#database();
      const dbSchema = this.#engine.reflectSchema(db);
      const { messages, warnings } = this.#engine.pendingChanges(db, dbSchema, parsed.schema);
      return { messages: [...messages], warnings: warnings.map((w) => ({ ...w })), diagnostics, error: null };
    } catch (error) {
      return { messages: [], warnings: [], diagnostics, error: `Autogenerate failed: ${errorText(error)}` };
    }
  }

  /** An edited migration script: stored as typed (the edited text is what runs), and parsed. */
  async setScript(request: RequestOf<"set-script">): Promise<ScriptView> {
    this.#workspace = { ...this.workspace, files: { ...this.workspace.files, [request.path]: request.source } };
    const diagnostics = this.#engine.parseMigrationScript(request.source).diagnostics.map(toDiagnosticView);
    const history = buildHistory(this.#engine, parseScripts(this.#engine, this.workspace.files), currentRevisions(await this.#database()));
    return { diagnostics, history };
  }

  async command(argv: readonly string[], progress: (p: ProgressView) => void): Promise<CommandView> {
    if (this.#isStepping) return { exitCode: 1, lines: [{ level: "error", text: `Error: ${FINISH_STEPPING_FIRST}` }], sql: [], snapshot: await this.snapshot() };
    const sql: SqlEventView[] = [];
    const listener = (event: EngineEvent) => {
      if (isSqlEvent(event)) sql.push({ sql: event.sql, rowsChanged: event.rowsChanged, durationMs: event.durationMs });
      else if (isStepStart(event)) progress({ text: `Running ${event.step.direction} ${event.step.revision}…` });
    };
    let exitCode: number;
    let lines: OutputLineView[];
    try {
      const result = await this.#engine.runCommand(argv, this.workspace, listener);
      this.#workspace = result.workspace;
      exitCode = result.exitCode;
      lines = result.lines.map(toLineView);
      lines.push(...playgroundNotes(argv, lines));
    } catch (error) {
      // The command layer never throws by contract; if it ever does, the page still gets words.
      exitCode = 1;
      lines = [{ level: "error", text: `The command failed unexpectedly: ${errorText(error)}` }];
    }
    return { exitCode, lines, sql, snapshot: await this.snapshot() };
  }

  /** A lesson step's checks: the same database, files and reflection the views read. */
  async lessonCheck(request: RequestOf<"lesson-check">): Promise<ResponseOf["lesson-check"]> {
    const db = await this.#database();
    return this.#engine.evaluateChecks(request.checks, { db, files: this.workspace.files, lastCommand: request.lastCommand });
  }

  /** What an upgrade or downgrade would do to the rows; the playground stays as it is. */
  async stepWarnings(argv: readonly string[]): Promise<readonly StepWarningView[]> {
    const warnings = await this.#engine.checkStep(argv, this.workspace);
    return warnings.map(({ kind, table, column, message, rows, revision, direction, revisionMessage, line }) => ({
      kind, table, message, revision, direction, revisionMessage, line, ...(column === undefined ? {} : { column }), ...(rows === undefined ? {} : { rows }),
    }));
  }

  /**
   * The SQL of the migration `migrate` would write now, as `upgrade --sql` renders it, before and
   * after `fix`: all on copies of the workspace (a workspace is a value), so nothing is written.
   */
  async fixPreview(fix: WarningFix): Promise<FixPreviewView> {
    const generated = await this.#engine.runCommand(["migrate", "-m", "preview"], this.workspace, () => {});
    const path = Object.keys(generated.workspace.files).find((p) => !(p in this.workspace.files));
    if (generated.exitCode !== 0 || !path) return { ok: false, reason: commandError(generated.lines, "The migration could not be generated.") };
    const script = generated.workspace.files[path]!;
    const fixed = this.#engine.applyFix(fix, script);
    if (!fixed.ok) return fixed;
    const parsed = this.#engine.parseMigrationScript(script);
    if (!parsed.ok) return { ok: false, reason: "The generated script does not parse." };
    const { revision, downRevision } = parsed.header;
    const range = typeof downRevision === "string" ? `${downRevision}:${revision}` : revision;
    const sqlOf = async (text: string) => {
      const ws = { ...generated.workspace, files: { ...generated.workspace.files, [path]: text } };
      const result = await this.#engine.runCommand(["upgrade", "--sql", range], ws, () => {});
      if (result.exitCode !== 0) return { ok: false as const, reason: commandError(result.lines, "upgrade --sql failed.") };
      return { ok: true as const, sql: result.lines.filter((l) => l.level === "info" && !l.log).map((l) => l.text).join("\n").trim() };
    };
    const before = await sqlOf(script);
    if (!before.ok) return before;
    const after = await sqlOf(fixed.text);
    if (!after.ok) return after;
    return { ok: true, before: before.sql, after: after.sql };
  }

  /** One page of rows, read from the database by LIMIT/OFFSET: a million-row table is never read whole. */
  async rows(request: RequestOf<"rows">): Promise<RowsView> {
    const db = await this.#database();
    const table = quoteId(request.table);
    const totalCell = db.query(`SELECT count(*) FROM ${table}`).rows[0]?.[0];
    const total = typeof totalCell === "number" ? totalCell : 0;
    // A page asked for past the end (rows deleted since) shows the last page that has rows.
    const lastPage = total === 0 ? 0 : Math.floor((total - 1) / request.limit) * request.limit;
    const offset = Math.max(0, Math.min(request.offset ?? 0, lastPage));
    return { table: request.table, total, offset, ...pageOf(db, table, request.limit, offset) };
  }

  async editRow(edit: RowEdit): Promise<QueryView> {
    if (this.#isStepping) return failedQuery(`The rows cannot be edited during a step-through. ${FINISH_STEPPING_FIRST}`);
    const [sql, params] = rowEditSql(edit);
    return this.#modify(sql, params);
  }

  /** The SQL console: one statement runs with its result; several run as a script. */
  /**
   * Runs what the SQL console was given, statement by statement as the sqlite3 shell does, and
   * shows the last statement's rows; rows changed are counted over all of them. A failing
   * statement stops the rest, and says which it was: those before it have run (each is its own
   * transaction, as in the shell), so the playground is saved with them.
   */
  async query(sql: string): Promise<QueryView> {
    const db = await this.#database();
    const statements = splitStatements(sql);
    if (statements.length === 0) return failedQuery("There is no SQL statement to run: the text is empty or only comments.");
    if (this.#isStepping) return readWhileStepping(db, statements);
    let changed = 0;
    let wrote = false;
    let last: { readonly columns: readonly string[]; readonly rows: readonly (readonly SqlValue[])[] } | null = null;
    for (const [i, statement] of statements.entries()) {
      try {
        const before = totalChanges(db);
        last = db.query(statement);
        // sqlite3_changes() keeps the last INSERT/UPDATE/DELETE's count through a VACUUM, DDL or
        // SELECT run after it, so it counts only when total_changes() says this statement changed
        // rows; the difference itself would count rows changed by triggers and FK cascades too,
        // which the sqlite3 shell does not (a DELETE cascading to 5 rows changed 1).
        const rowsChanged = totalChanges(db) > before ? db.changes() : 0;
        changed += rowsChanged;
        // a SELECT changes nothing; a statement with RETURNING does, and DDL always may
        wrote ||= last.columns.length === 0 || (rowsChanged > 0 && !/^\s*select\b/i.test(statement));
      } catch (error) {
        if (statements.length === 1) return failedQuery(error);
        const ran = i === 0 ? "Nothing ran." : i === 1 ? "The statement before it ran." : `The ${i} statements before it ran.`;
        const why = errorText(error);
        return { ...failedQuery(`Statement ${i + 1} of ${statements.length} failed: ${why}${/[.!?]$/.test(why) ? "" : "."} ${ran}`), snapshot: wrote ? await this.#saved() : null };
      }
    }
    const result = last!;
    const snapshot = wrote ? await this.#saved() : null;
    if (result.columns.length > 0) {
      const rows = result.rows.length > QUERY_ROW_LIMIT ? result.rows.slice(0, QUERY_ROW_LIMIT) : result.rows;
      return { ok: true, columns: result.columns, rows, rowsNotShown: result.rows.length - rows.length, rowsChanged: 0, error: null, snapshot };
    }
    return { ok: true, columns: [], rows: [], rowsNotShown: 0, rowsChanged: changed, error: null, snapshot };
  }

  /** Starts a step-through, paused before its first point; everything reads the live database from now on. */
  async stepStart(request: RequestOf<"step-start">): Promise<StepStartView> {
    if (this.#isStepping) return { ok: false, message: `A step-through is already open. ${FINISH_STEPPING_FIRST}` };
    const db = await this.#database();
    const session = new StepSession(request.direction, request.target);
    const started = this.#engine.startStepRun(this.workspace, db, request.direction, request.target, session.listener);
    if (!started.ok) return { ok: false, message: started.message };
    session.attach(started.run);
    this.#stepping = session;
    return { ok: true, step: session.view(await this.snapshot()) };
  }

  async step(request: RequestOf<"step">): Promise<StepView> {
    const session = this.#stepping;
    if (!session) throw new Error("There is no step-through to move: start one with Step through upgrade or Step through downgrade.");
    const db = await this.#database();
    session.apply(request.action, request.unit, (table) => sampleTable(db, table));
    if (!session.active) this.#stepping = null;
    // Run to end committed: the workspace takes the new bytes, as after a plain upgrade
    const snapshot = request.action === "to-end" ? await this.#saved() : await this.snapshot();
    return session.view(snapshot);
  }

  /** A teammate's revision and model change, pulled into the playground; the database is theirs to upgrade. */
  async teammate(): Promise<TeammateView> {
    if (this.#isStepping) return { ok: false, message: FINISH_STEPPING_FIRST };
    const result = this.#engine.simulateTeammate(this.workspace);
    if (!result.ok) return result;
    this.#workspace = result.workspace;
    return { ok: true, revision: result.revision, message: result.message, path: result.path, note: teammateNote(result), snapshot: await this.snapshot() };
  }

  get #isStepping(): boolean {
    return this.#stepping?.active === true;
  }

  /** A new playground replaces the database a run holds: its changes are rolled back, never kept. */
  #dropStepping(): void {
    if (this.#stepping?.active) this.#stepping.run.cancel();
    this.#stepping = null;
  }

  async #modify(sql: string, params: readonly SqlValue[]): Promise<QueryView> {
    const db = await this.#database();
    try {
      db.exec(sql, params);
      return { ok: true, columns: [], rows: [], rowsNotShown: 0, rowsChanged: db.changes(), error: null, snapshot: await this.#saved() };
    } catch (error) {
      return failedQuery(error);
    }
  }

  /** Writes the live database back into the workspace, as the command layer would. */
  async #saved(): Promise<SnapshotView> {
    const bytes = this.#db!.export();
    this.#workspace = { ...this.workspace, database: bytes };
    this.#dbBytes = bytes;
    return this.snapshot();
  }

  /** The workspace's database, opened once per version of its bytes. */
  async #database(): Promise<EngineDatabase> {
    const bytes = this.workspace.database;
    if (this.#db && this.#dbBytes === bytes) return this.#db;
    this.#db?.close();
    this.#db = await this.#engine.openDatabase(bytes ?? undefined);
    this.#dbBytes = bytes;
    return this.#db;
  }
}

export function rowEditSql(edit: RowEdit): [string, SqlValue[]] {
  const table = quoteId(edit.table);
  switch (edit.kind) {
    case "insert": {
      const cols = Object.keys(edit.values);
      if (cols.length === 0) return [`INSERT INTO ${table} DEFAULT VALUES`, []];
      return [`INSERT INTO ${table} (${cols.map(quoteId).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`, Object.values(edit.values)];
    }
    case "update": {
      const cols = Object.keys(edit.values);
      return [`UPDATE ${table} SET ${cols.map((c) => `${quoteId(c)} = ?`).join(", ")} WHERE rowid = ?`, [...Object.values(edit.values), edit.rowid]];
    }
    case "delete":
      return [`DELETE FROM ${table} WHERE rowid = ?`, [edit.rowid]];
  }
}

/** Rows `offset`… of a (quoted) table in rowid order, with their rowids where it has them. */
function pageOf(db: EngineDatabase, table: string, limit: number, offset: number): Pick<RowsView, "columns" | "rowids" | "rows"> {
  try {
    // rowid identifies a row for edits; a column of the user's called "rowid" would hide it.
    const result = db.query(`SELECT rowid AS "__retort_rowid__", * FROM ${table} ORDER BY rowid LIMIT ? OFFSET ?`, [limit, offset]);
    return { columns: result.columns.slice(1), rowids: result.rows.map((r) => (typeof r[0] === "number" ? r[0] : null)), rows: result.rows.map((r) => r.slice(1)) };
  } catch {
    const result = db.query(`SELECT * FROM ${table} LIMIT ? OFFSET ?`, [limit, offset]);
    return { columns: result.columns, rowids: result.rows.map(() => null), rows: result.rows };
  }
}

/** The first STEP_ROWS_SHOWN rows of a table and its count, or null when there is no such table. */
function sampleTable(db: EngineDatabase, name: string): TableSampleView | null {
  const exists = db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).rows.length > 0;
  if (!exists) return null;
  const table = quoteId(name);
  const total = db.query(`SELECT count(*) FROM ${table}`).rows[0]?.[0];
  return { total: typeof total === "number" ? total : 0, ...pageOf(db, table, STEP_ROWS_SHOWN, 0) };
}

/** https://www.sqlite.org/lang_corefunc.html#total_changes: rows changed since the connection opened. */
function totalChanges(db: EngineDatabase): number {
  const cell = db.query("SELECT total_changes()").rows[0]?.[0];
  return typeof cell === "number" ? cell : 0;
}

function currentRevisions(db: EngineDatabase): string[] {
  const exists = db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [VERSION_TABLE]).rows.length > 0;
  if (!exists) return [];
  return db.query(`SELECT version_num FROM ${VERSION_TABLE}`).rows.map((r) => String(r[0]));
}

const LEVELS = new Set(["info", "warning", "error"]);
function toLineView(line: EngineOutputLine): OutputLineView {
  const level = LEVELS.has(line.level) ? (line.level as OutputLineView["level"]) : "info";
  // Log lines are kept apart, as the CLI's stderr, so an offline --sql export holds only SQL.
  const view: OutputLineView = line.log ? { level, text: line.text, log: true } : { level, text: line.text };
  const prefixed = line.prefix !== undefined ? { ...view, prefix: line.prefix } : view;
  return line.opens !== undefined ? { ...prefixed, opens: line.opens } : prefixed;
}

function isSqlEvent(e: EngineEvent): e is Extract<EngineEvent, { type: "sql"; sql: string }> {
  return e.type === "sql" && "sql" in e;
}
function isStepStart(e: EngineEvent): e is Extract<EngineEvent, { type: "step-start"; step: unknown }> {
  return e.type === "step-start" && "step" in e;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The SQL console while a step-through is paused: reads see the half-migrated database; a
 * statement that changed anything is undone at once (in a savepoint of its own), since the run's
 * transaction would commit or discard it with the migration.
 */
function readWhileStepping(db: EngineDatabase, statements: readonly string[]): QueryView {
  if (statements.some((sql) => TRANSACTION_CONTROL.test(withoutLeadingComments(sql)))) {
    return failedQuery(`The step-through holds the database in an open transaction, which BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, VACUUM, ATTACH and DETACH would end or cannot run in. ${FINISH_STEPPING_FIRST}`);
  }
  db.exec("SAVEPOINT retort_console");
  try {
    let result: { readonly columns: readonly string[]; readonly rows: readonly (readonly SqlValue[])[] } = { columns: [], rows: [] };
    for (const sql of statements) {
      const changesBefore = totalChanges(db);
      const schemaBefore = schemaVersion(db);
      result = db.query(sql);
      if (totalChanges(db) !== changesBefore || schemaVersion(db) !== schemaBefore) {
        db.exec("ROLLBACK TO retort_console");
        const which = statements.length > 1 ? `statement ${statements.indexOf(sql) + 1} of ${statements.length}` : "this statement";
        return failedQuery(`Only reads run during a step-through; ${which} would have changed the database, so it was undone. ${FINISH_STEPPING_FIRST}`);
      }
    }
    const rows = result.rows.length > QUERY_ROW_LIMIT ? result.rows.slice(0, QUERY_ROW_LIMIT) : result.rows;
    return { ok: true, columns: result.columns, rows, rowsNotShown: result.rows.length - rows.length, rowsChanged: 0, error: null, snapshot: null };
  } catch (error) {
    db.exec("ROLLBACK TO retort_console");
    return failedQuery(error);
  } finally {
    db.exec("RELEASE retort_console");
  }
}

/** https://www.sqlite.org/pragma.html#pragma_schema_version: changes with every schema change. */
function schemaVersion(db: EngineDatabase): number {
  const cell = db.query("PRAGMA schema_version").rows[0]?.[0];
  return typeof cell === "number" ? cell : 0;
}

function failedQuery(error: unknown): QueryView {
  return { ok: false, columns: [], rows: [], rowsNotShown: 0, rowsChanged: 0, error: errorText(error), snapshot: null };
}

/** A failed command's error lines, as one sentence for the page. */
function commandError(lines: readonly EngineOutputLine[], fallback: string): string {
  const errors = lines.filter((l) => l.level === "error").map((l) => l.text);
  return errors.length > 0 ? errors.join(" ") : fallback;
}
