// The typed message union between the page and the engine worker. Everything here is plain,
// structured-clone-safe data: the UI renders these views and never sees engine values, so the
// engine can change inside the worker without touching a component.

import type { CheckResult, LastCommand, LessonCheck, WarningFix } from "../engine/index";
import type { SavedPlayground } from "./persist/saved-format";

export type SqlCell = number | string | Uint8Array | null;

/** A lesson check's outcome: its words, and what is still missing (null when met). */
export type CheckResultView = CheckResult;

export interface DiagnosticView {
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** What the quick fix puts in the range instead (`primaryKey` for `primary_key`). */
  readonly replacement?: string;
}

export interface WarningView {
  readonly kind: string;
  readonly table: string;
  readonly column?: string;
  readonly message: string;
  /** The one-click fixes it offers (the pending panel's buttons). */
  readonly fixes?: readonly FixView[];
}

/** The SQL `upgrade --sql` renders for the migration as generated (`before`) and as fixed (`after`). */
export type FixPreviewView = { readonly ok: true; readonly before: string; readonly after: string } | { readonly ok: false; readonly reason: string };

/** A one-click fix with the words of its button and what it edits (engine FIX_TITLES, FIX_TARGET). */
export type FixView = WarningFix & { readonly title: string; readonly target: "script" | "models" | "query" };

/** What a planned upgrade or downgrade would do to the rows, said before it runs (one revision's warning). */
export interface StepWarningView extends WarningView {
  readonly revision: string;
  readonly direction: "upgrade" | "downgrade";
  /** The revision's message, as "Running upgrade …, <message>" names it. */
  readonly revisionMessage: string;
  /** The rows (or values) the warning counts, when it counts any. */
  readonly rows?: number;
  /** Which revision, which way, then migrate's words: the line the terminal prints for it. */
  readonly line: string;
}

/** What `flask db migrate` would do now: the live autogenerate against the current database. */
export interface PendingView {
  readonly messages: readonly string[];
  readonly warnings: readonly WarningView[];
  readonly diagnostics: readonly DiagnosticView[];
  /** Set when autogenerate could not run at all (e.g. a broken migration script). */
  readonly error: string | null;
}

export interface RevisionView {
  readonly id: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly file: string;
  readonly branchLabels: readonly string[];
  readonly isHead: boolean;
  readonly isCurrent: boolean;
}

export interface HistoryView {
  /** Newest first, as `flask db history` prints. */
  readonly revisions: readonly RevisionView[];
  readonly current: readonly string[];
  readonly error: string | null;
}

export interface ColumnView {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly indexed: boolean;
  /** "roles.id" when the column refers to another table. */
  readonly references: string | null;
  readonly serverDefault: string | null;
}

export interface TableView {
  readonly name: string;
  readonly columns: readonly ColumnView[];
  readonly indexes: readonly { readonly name: string; readonly columns: readonly string[]; readonly unique: boolean }[];
  readonly rowCount: number;
}

export interface OutputLineView {
  readonly level: "info" | "warning" | "error" | "command";
  readonly text: string;
  /** An Alembic log line (the CLI's stderr) rather than printed output such as offline SQL. */
  readonly log?: boolean;
  /** What the CLI prints before the text ("INFO  [alembic.runtime.migration] "): shown dimmed. */
  readonly prefix?: string;
  /** A script `db edit` asked for: the page opens it in a tab. */
  readonly opens?: string;
}

export interface SqlEventView {
  readonly sql: string;
  readonly rowsChanged: number;
  readonly durationMs: number;
}

/** The whole playground as the UI shows it. */
export interface SnapshotView {
  readonly title: string;
  readonly files: Readonly<Record<string, string>>;
  readonly initialized: boolean;
  readonly tables: readonly TableView[];
  readonly history: HistoryView;
}

export interface CommandView {
  readonly exitCode: number;
  readonly lines: readonly OutputLineView[];
  readonly sql: readonly SqlEventView[];
  readonly snapshot: SnapshotView;
}

/** An edited migration script: its own diagnostics, and the history as the scripts now read. */
export interface ScriptView {
  readonly diagnostics: readonly DiagnosticView[];
  readonly history: HistoryView;
}

export interface RowsView {
  readonly table: string;
  readonly columns: readonly string[];
  /** rowid of each row, or null for a WITHOUT ROWID table (read-only in the grid). */
  readonly rowids: readonly (number | null)[];
  readonly rows: readonly (readonly SqlCell[])[];
  readonly total: number;
  /** How many rows come before the first one of `rows` (the page's start). */
  readonly offset: number;
}

export interface QueryView {
  readonly ok: boolean;
  readonly columns: readonly string[];
  /** At most QUERY_ROW_LIMIT rows: a page cannot show a million rows as a table. */
  readonly rows: readonly (readonly SqlCell[])[];
  /** How many rows the query returned beyond those in `rows`. */
  readonly rowsNotShown: number;
  readonly rowsChanged: number;
  readonly error: string | null;
  readonly snapshot: SnapshotView | null;
}

export type RowEdit =
  | { readonly kind: "insert"; readonly table: string; readonly values: Readonly<Record<string, SqlCell>> }
  | { readonly kind: "update"; readonly table: string; readonly rowid: number; readonly values: Readonly<Record<string, SqlCell>> }
  | { readonly kind: "delete"; readonly table: string; readonly rowid: number };

/** A whole playground as plain data: what storage and share links keep (SPEC §4). */
export interface WorkspaceData {
  readonly title: string;
  readonly files: Readonly<Record<string, string>>;
  readonly database: Uint8Array | null;
}

/**
 * The playground as storage keeps it. `databaseVersion` names the database's bytes (a new one
 * whenever they change, in this worker or a fresh one); the bytes are left out when the request
 * said it has that version already, so a save after typing does not copy the database again.
 */
export interface WorkspaceView {
  readonly title: string;
  readonly files: Readonly<Record<string, string>>;
  readonly database?: Uint8Array | null;
  readonly databaseVersion: string;
}

/** The playground's SQLite file, compacted, as the .sqlite download gives it (null: no database yet). */
export interface DatabaseFileView {
  readonly title: string;
  readonly database: Uint8Array | null;
}

export interface CheckpointView {
  readonly title: string;
  readonly files: Readonly<Record<string, string>>;
  /** Absent when unchanged since the last checkpoint this worker gave. */
  readonly database?: Uint8Array | null;
}

export interface ShareView {
  /** "#r1.…": goes after the page's address. */
  readonly fragment: string;
  /** False when the rows did not fit the link: the schema and history travel, the rows stay. */
  readonly rowsIncluded: boolean;
  /** True when even without rows the link is too long to paste: offer the zip download instead. */
  readonly tooLarge: boolean;
}

export type OpenSharedView =
  | { readonly ok: true; readonly snapshot: SnapshotView; readonly notes: readonly string[] }
  | { readonly ok: false; readonly message: string };

export type StepUnitView = "statement" | "op" | "revision";
export type StepDirection = "upgrade" | "downgrade";

/** One point of a step-through, in words: the op, the statement and where it sits, and why. */
export interface StepPointView {
  readonly kind: "revision-start" | "op" | "statement" | "version" | "revision-end";
  readonly revision: string;
  readonly direction: string;
  readonly message: string;
  /** "add_column users"; null at a revision's start, its end, and an alembic_version change. */
  readonly op: string | null;
  readonly opIndex: number | null;
  readonly sql: string | null;
  /** "batch move and copy, 2 of 6: copy the rows". */
  readonly where: string | null;
  /** One line on why SQLite needs this statement. */
  readonly why: string | null;
  readonly touches: readonly string[];
}

/** The first rows of a table (STEP_ROWS_SHOWN of them) and how many it holds. */
export interface TableSampleView {
  readonly columns: readonly string[];
  /** rowid of each row (null for a WITHOUT ROWID table): what before and after are matched by. */
  readonly rowids: readonly (number | null)[];
  readonly rows: readonly (readonly SqlCell[])[];
  readonly total: number;
}

/** A table the last step touched: its rows just before the step and now (null: it did not exist, or was not read). */
export interface StepRowsView {
  readonly table: string;
  /**
   * False when the step began an operation: its statements (and the tables they touch) are only
   * planned then, from the live tables, so there was nothing to read ahead.
   */
  readonly readBefore: boolean;
  readonly before: TableSampleView | null;
  readonly after: TableSampleView | null;
}

export interface StepView {
  readonly direction: StepDirection;
  readonly target: string;
  readonly state: "ready" | "paused" | "failed" | "at-end" | "ended" | "cancelled";
  /** Revision, op and statement are 1-based and 0 before the first point of their kind. */
  readonly position: {
    readonly revision: number;
    readonly revisionCount: number;
    readonly op: number;
    readonly opCount: number;
    readonly statement: number;
    readonly statementTotal: number | null;
  };
  /** The point that ran last (the failing one when failed); null before the first step. */
  readonly point: StepPointView | null;
  /** The point the next Step forward starts with. */
  readonly next: StepPointView | null;
  /** The SQL the last step ran, in order (empty before the first step). */
  readonly sql: readonly string[];
  /** The tables the last Step forward's last point touched, before and after it; empty after other moves. */
  readonly rows: readonly StepRowsView[];
  /** A failing statement's story (state failed), or why the run ended badly. */
  readonly error: string | null;
  readonly canStepBack: boolean;
  readonly canStepForward: boolean;
  /** The database as everything in the site now sees it: half-migrated while paused. */
  readonly snapshot: SnapshotView;
}

export type StepStartView = { readonly ok: true; readonly step: StepView } | { readonly ok: false; readonly message: string };

export type StepAction = "forward" | "back" | "to-end" | "cancel";

/** "Simulate a teammate": their revision and model change pulled in, with the terminal's words; or why not. */
export type TeammateView =
  | { readonly ok: true; readonly revision: string; readonly message: string; readonly path: string; readonly note: string; readonly snapshot: SnapshotView }
  | { readonly ok: false; readonly message: string };

/**
 * What the start opened: the saved playground's record (its database left out: it is in the
 * worker, and the page's first save asks for it), or null for a new playground.
 */
export interface StartView {
  readonly snapshot: SnapshotView;
  readonly record: SavedPlayground | null;
}

/** Page -> worker. Each request kind maps to one response type in ResponseOf. */
export type EngineRequest =
  /** A new playground (the tutorial's models, initialised), or a saved one when `workspace` is given. */
  | { readonly kind: "open"; readonly title: string; readonly workspace?: WorkspaceData }
  /**
   * The page's start without a link: the most recently changed saved playground that loads, read
   * from storage by the worker itself and opened there; or, when there is none, a new one titled
   * `title` (a first visit).
   */
  | { readonly kind: "start"; readonly title: string }
  /** `have`: the databaseVersion whose bytes the page holds already. */
  | { readonly kind: "workspace"; readonly have?: string }
  /** Puts `database` in place of the playground's (an undo step restored); the files stay as they are. */
  | { readonly kind: "replace-database"; readonly database: Uint8Array | null }
  /** The database as a download: a VACUUMed copy, without the free pages the playground's file keeps. */
  | { readonly kind: "database-file" }
  /**
   * The playground as it is, kept by the page before a request that runs the user's SQL: the
   * database is left out when it is the one the previous checkpoint already carried.
   */
  | { readonly kind: "checkpoint" }
  /** The share link's fragment for the playground as it is now. */
  | { readonly kind: "share" }
  /** A new playground from a share link's fragment. */
  | { readonly kind: "open-shared"; readonly fragment: string }
  | { readonly kind: "snapshot" }
  | { readonly kind: "set-models"; readonly source: string }
  | { readonly kind: "set-script"; readonly path: string; readonly source: string }
  | { readonly kind: "command"; readonly argv: readonly string[] }
  /** The warnings of an upgrade or downgrade command line, checked on a copy: nothing runs. */
  | { readonly kind: "step-warnings"; readonly argv: readonly string[] }
  /** What `upgrade --sql` gives for the migration generated now, without and with a fix; nothing is kept. */
  | { readonly kind: "fix-preview"; readonly fix: WarningFix }
  /** One page of a table's rows: `limit` of them from `offset` (0 when left out). */
  | { readonly kind: "rows"; readonly table: string; readonly limit: number; readonly offset?: number }
  | { readonly kind: "edit-row"; readonly edit: RowEdit }
  | { readonly kind: "query"; readonly sql: string }
  /** A step-through: planned as `db upgrade`/`db downgrade` plan `target`, paused before its first point. */
  | { readonly kind: "step-start"; readonly direction: StepDirection; readonly target: string }
  /** Moves the step-through: by `unit` forward or back, to the end (commits), or cancel (rolls back). */
  | { readonly kind: "step"; readonly action: StepAction; readonly unit: StepUnitView }
  /** A teammate's sibling revision and model change, as if pulled (engine/teammate). */
  | { readonly kind: "teammate" }
  /**
   * A new playground from the user's own SQLite file (SPEC §6), titled `title`. The page transfers
   * `bytes` (and `wal`), so a large file is not copied on the way.
   */
  | { readonly kind: "adopt"; readonly title: string; readonly fileName: string; readonly bytes: Uint8Array; readonly wal?: Uint8Array }
  /** A lesson step's checks, read against the playground as it is (the live database while stepping). */
  | { readonly kind: "lesson-check"; readonly checks: readonly LessonCheck[]; readonly lastCommand: LastCommand | null };

export interface ResponseOf {
  open: SnapshotView;
  start: StartView;
  workspace: WorkspaceView;
  "replace-database": SnapshotView;
  "database-file": DatabaseFileView;
  checkpoint: CheckpointView;
  share: ShareView;
  "open-shared": OpenSharedView;
  snapshot: SnapshotView;
  "set-models": PendingView;
  "set-script": ScriptView;
  command: CommandView;
  "step-warnings": readonly StepWarningView[];
  "fix-preview": FixPreviewView;
  rows: RowsView;
  "edit-row": QueryView;
  query: QueryView;
  "step-start": StepStartView;
  step: StepView;
  teammate: TeammateView;
  adopt: AdoptView;
  "lesson-check": readonly CheckResultView[];
}

/** The adopted playground and what its models.ts only approximates; or why the file was refused. */
export type AdoptView =
  | { readonly ok: true; readonly snapshot: SnapshotView; readonly warnings: readonly string[]; readonly baseline: readonly string[] }
  | { readonly ok: false; readonly message: string };

export type RequestKind = EngineRequest["kind"];
export type RequestOf<K extends RequestKind> = Extract<EngineRequest, { kind: K }>;

/** Progress of a long command, sent while it runs (e.g. a batch rebuild of 100k rows). */
export interface ProgressView {
  readonly text: string;
}

export type WorkerInbound = { readonly id: number; readonly request: EngineRequest };
export type WorkerOutbound =
  | { readonly id: number; readonly type: "result"; readonly value: unknown }
  | { readonly id: number; readonly type: "failure"; readonly message: string }
  | { readonly id: number; readonly type: "progress"; readonly progress: ProgressView };
