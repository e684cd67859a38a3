// What the site needs from the engine facade (src/engine/index.ts), as a structural interface:
// the worker passes the real facade in, and the compiler checks that it fits. Keeping the app's
// view of the engine this small lets the engine change inside without touching the UI.

// The database port and diagnostics are the engine's own types: one definition, not a restatement.
import type { CheckResult, Database as EngineDatabase, Diagnostic as EngineDiagnostic, LessonCheck, LessonStateInput, WarningFix } from "../engine/index";
import type { FixView } from "./protocol";
export type { EngineDatabase, EngineDiagnostic };
export type { SqlValue } from "../engine/index";

export interface EngineColumn {
  readonly name: string;
  readonly type: unknown;
  readonly nullable: boolean;
  readonly serverDefault: string | null;
}

export interface EngineTable {
  readonly name: string;
  readonly columns: readonly EngineColumn[];
  readonly primaryKey: { readonly columns: readonly string[] } | null;
  readonly uniqueConstraints: readonly { readonly columns: readonly string[] }[];
  readonly indexes: readonly { readonly name: string; readonly columns: readonly string[]; readonly unique: boolean }[];
  readonly foreignKeys: readonly { readonly columns: readonly string[]; readonly referredTable: string; readonly referredColumns: readonly string[] }[];
}

export interface EngineSchema {
  readonly tables: readonly EngineTable[];
}

export interface EngineWarning {
  readonly kind: string;
  readonly table: string;
  readonly column?: string;
  readonly message: string;
  readonly fixes?: readonly FixView[];
}

export interface EngineStepWarning extends EngineWarning {
  readonly revision: string;
  readonly direction: "upgrade" | "downgrade";
  readonly revisionMessage: string;
  readonly rows?: number;
  /** The line `db upgrade` prints for it (without "Warning: "). */
  readonly line: string;
}

export interface EngineWorkspace {
  readonly title: string;
  readonly files: Readonly<Record<string, string>>;
  readonly database: Uint8Array | null;
}

export interface EngineOutputLine {
  readonly level: string;
  readonly text: string;
  readonly log?: boolean;
  /** Python logging's "INFO  [alembic.runtime.migration] ", for a line that has a logger. */
  readonly prefix?: string;
  readonly opens?: string;
}

/** The runtime's events (see src/engine/runtime): the site shows SQL and progress from them. */
export type EngineEvent =
  | { readonly type: "sql"; readonly sql: string; readonly rowsChanged: number; readonly durationMs: number }
  | { readonly type: "step-start"; readonly step: { readonly revision: string; readonly direction: string } }
  | { readonly type: "op"; readonly index: number }
  | { readonly type: string };

/**
 * The engine as the host uses it. engine-binding.ts builds it from the real facade; any mismatch
 * between the two is fixed there, in one place.
 */
export interface EngineFacade {
  runCommand(
    argv: readonly string[],
    workspace: EngineWorkspace,
    listener: (event: EngineEvent) => void,
  ): Promise<{ readonly exitCode: number; readonly lines: readonly EngineOutputLine[]; readonly workspace: EngineWorkspace }>;
  /** The counted warnings of an upgrade/downgrade command line, on a copy of the database (checkStep). */
  checkStep(argv: readonly string[], workspace: EngineWorkspace): Promise<readonly EngineStepWarning[]>;
  newWorkspace(title: string, models: string): EngineWorkspace;
  exampleModels: string;
  parseModels(source: string): { readonly schema: EngineSchema; readonly diagnostics: readonly EngineDiagnostic[] };
  parseMigrationScript(source: string):
    | { readonly ok: true; readonly header: ScriptHeader; readonly diagnostics: readonly EngineDiagnostic[] }
    | { readonly ok: false; readonly diagnostics: readonly EngineDiagnostic[] };
  reflectSchema(db: EngineDatabase): EngineSchema;
  /** A one-click fix applied to `source` (computeFix + applyTextEdits), or why it does not apply. */
  applyFix(fix: WarningFix, source: string): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };
  /** compareSchemas + analyzeChanges: the messages autogenerate prints and Retort's warnings. */
  pendingChanges(db: EngineDatabase, database: EngineSchema, models: EngineSchema): { readonly messages: readonly string[]; readonly warnings: readonly EngineWarning[] };
  openDatabase(bytes?: Uint8Array): Promise<EngineDatabase>;
  /** The column type as SQLite DDL ("VARCHAR(64)"). */
  typeDdl(type: unknown): string;
  /** The share link's fragment ("#r1.…") for a workspace (src/engine/share/playground.ts, shared with the CLI). */
  shareWorkspace(workspace: EngineWorkspace): Promise<{ readonly fragment: string; readonly rowsLeftOut: boolean; readonly tooLarge: boolean }>;
  /** A link as a new workspace, rebuilt by running its migrations, or the reason it is refused. */
  openShared(fragment: string): Promise<
    | { readonly ok: true; readonly workspace: EngineWorkspace; readonly notes: readonly string[] }
    | { readonly ok: false; readonly reason: string; readonly message: string }
  >;
  /**
   * A stepped run of the workspace's scripts on `db` (planned as `db upgrade`/`db downgrade`
   * plan `target`); nothing runs until the host calls forward() or toEnd().
   */
  startStepRun(workspace: EngineWorkspace, db: EngineDatabase, direction: "upgrade" | "downgrade", target: string, listener: (event: EngineEvent) => void): EngineStepRunStart;
  /** What a teammate would have committed meanwhile (engine/teammate), or why nothing sensible can be. */
  simulateTeammate(workspace: EngineWorkspace): EngineTeammate;
  /** The user's own SQLite file as a new workspace (engine/adopt), or the reason it is refused. */
  adoptDatabase(input: { readonly bytes: Uint8Array; readonly fileName: string; readonly wal?: Uint8Array; readonly keepOpen?: boolean }): Promise<
    | { readonly ok: true; readonly workspace: EngineWorkspace; readonly warnings: readonly string[]; readonly baseline: readonly string[]; readonly open?: EngineDatabase }
    | { readonly ok: false; readonly reason: string }
  >;
  /** A lesson step's checks against the playground's state (src/engine/lessons). */
  evaluateChecks(checks: readonly LessonCheck[], state: LessonStateInput): readonly CheckResult[];
  /** Newest first, as `flask db history` lists them; falls back to the host's own order when absent. */
  historyOrder?(headers: readonly ScriptHeader[]): readonly string[] | null;
}

/** The unit one forward() or back() of a stepped run goes by. */
export type EngineStepUnit = "statement" | "op" | "revision";

/** What a step-through shows of a point: the engine's RunPoint, as far as the site reads it. */
export interface EngineRunPoint {
  readonly kind: "revision-start" | "op" | "statement" | "version" | "revision-end";
  readonly step: { readonly revision: string; readonly direction: string; readonly message: string; readonly ops: readonly { readonly kind: string; readonly table?: unknown }[] };
  readonly stepIndex: number;
  readonly opIndex?: number;
  readonly sql?: string;
  readonly description?: { readonly group: string; readonly index: number; readonly count: number; readonly purpose: string; readonly why: string; readonly touches: readonly string[] };
}

/** The engine's pausable MigrationRun (src/engine/runtime/migration-run.ts) as the host drives it. */
export interface EngineStepRun {
  readonly state: "ready" | "paused" | "failed" | "at-end" | "ended" | "cancelled";
  readonly current: EngineRunPoint | null;
  readonly next: EngineRunPoint | null;
  readonly position: {
    readonly revisionIndex: number;
    readonly revisionCount: number;
    readonly opIndex: number | null;
    readonly opCount: number;
    readonly statementNumber: number;
    readonly statementTotal: number | null;
  };
  readonly error: { readonly message: string } | null;
  readonly canStepBack: boolean;
  readonly canStepForward: boolean;
  forward(unit: EngineStepUnit): unknown;
  back(unit: EngineStepUnit): unknown;
  toEnd(): { readonly ok: boolean; readonly completed: readonly unknown[]; readonly error: { readonly message: string } | null };
  cancel(): unknown;
}

export type EngineTeammate =
  | {
      readonly ok: true;
      readonly workspace: EngineWorkspace;
      readonly revision: string;
      readonly downRevision: string | readonly string[] | null;
      readonly sibling: string;
      readonly message: string;
      readonly path: string;
      readonly change: { readonly kind: "add_column"; readonly table: string; readonly column: string } | { readonly kind: "create_table"; readonly table: string; readonly references: string | null };
    }
  | { readonly ok: false; readonly message: string };

export type EngineStepRunStart = { readonly ok: true; readonly run: EngineStepRun } | { readonly ok: false; readonly message: string };

export interface ScriptHeader {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly message: string;
  readonly branchLabels: readonly string[] | null;
  readonly dependsOn?: readonly string[] | null;
}
