// The engine facade: the only engine path that the site (src/app), the UI (types only) and the
// CLI import. Everything here is pure TypeScript that runs in Node and in the browser.

// the plain-data schema, types and ops
export type { Schema, Table, Column, Index, ForeignKey, UniqueConstraint, CheckConstraint, PrimaryKey, ReferentialAction } from "./schema/model";
export { findTable, findColumn } from "./schema/model";
export type { SqlType } from "./schema/types";
export { toDdl, toRepr, fromDdl } from "./schema/types";
export { diffSchemaTables, hasSchemaChanges, columnAspectsChanged } from "./schema/diff";
export type { SchemaDiff, TableChange, ColumnChange, ColumnAspect, ChangeKind, ForeignKeyEdge, DiffTable, DiffColumn } from "./schema/diff";
export type { NamingConvention } from "./schema/naming";
export type { MigrateOp, OpKind } from "./ops/ops";
export { reverseOps } from "./ops/reverse";
export type { Diagnostic } from "./diagnostics";
export { formatDiagnostic } from "./diagnostics";

// one-click fixes: warnings' and diagnostics' remedies as text edits
export {
  computeFix,
  applyTextEdits,
  duplicatesQuery,
  scriptFixOffers,
  FIX_TARGET,
  FIX_TITLES,
  RECOMMENDED_CONVENTION,
  type TextEdit,
  type FixResult,
  type FixOffer,
  type WarningFix,
  type WarningFixKind,
} from "./fixes";

// the database port
export type { Database, OpenDatabase, QueryResult, SqlValue } from "./db/database";
export { quoteId, quoteString, queryObjects } from "./db/database";
export { splitStatements, withoutLeadingComments } from "./db/split-statements";
export { openSqlJs, configureSqlJs } from "./db/sqljs";

// models.ts, reflection, autogenerate
export { parseModels, EXAMPLE_MODELS, type ModelsResult } from "./models";
export { reflectSchema, VERSION_TABLE } from "./reflect";
export { compareSchemas, analyzeChanges, messages, NO_CHANGES_DETECTED, type CompareResult, type ChangeWarning, type ChangeWarningKind } from "./autogenerate";

// migration scripts: render and read back
export { renderMigrationScript, scriptFileName, newRevisionId, slugOf, type ScriptInput } from "./render";
export { parseMigrationScript, type ParsedScript, type ParsedScriptResult } from "./script";

// the revision graph
export {
  buildRevisionMap,
  planUpgrade,
  planDowngrade,
  planStamp,
  iterateHistory,
  listHeads,
  listBranchPoints,
  currentRevisions,
  topologicalOrder,
  formatHistoryEntry,
  formatHeadEntry,
  formatCurrentEntry,
  formatLogEntry,
  isHead,
  isBase,
  isBranchPoint,
  isMergePoint,
  type Revision,
  type RevisionHeader,
  type RevisionMap,
} from "./revisions";

// executing migrations
export { runSteps, renderOfflineSql, formatStepLine, currentHeads, type RuntimeEvent, type RunResult, type RunError, type MigrationStep, type PlannedStep, type Direction } from "./runtime";
export { startRun, MigrationRun, RUN_CAPABILITIES, type RunPoint, type RunPosition, type RunState, type StepUnit, type StatementDescription } from "./runtime";
export { checkPlan, stepWarningText, type StepWarning } from "./runtime";
export { applyOpsToSchema } from "./execute";

// the workspace and the `db` commands
export {
  newWorkspace,
  isInitialised,
  listScripts,
  withFile,
  withoutFile,
  withDatabase,
  modelsSource,
  MODELS_FILE,
  DEFAULT_MIGRATIONS_DIR,
  type Workspace,
} from "./workspace/workspace";
export { checkStep } from "./commands";
export { runCommand, COMMANDS, formatOutputLine, logPrefix, LOGGERS, type CommandDeps, type CommandResult, type Logger, type OutputLevel, type OutputLine } from "./commands";
export { planRun, type PlanRunResult } from "./commands/plan-run";

// export to a real Flask-Migrate project (SPEC §6)
export { exportFlaskProject, exportRevisionScripts, toFilesZip, type FlaskExportOptions, type FlaskExportResult } from "./export";

// share links and zip archives
export { encodeShareFragment, decodeShareFragment, LINK_VERSION, type SharedPlayground, type DecodeResult, type LinkRefusal } from "./share/link";
export { toZip, fromZip, type ArchivedPlayground, type ZipReadResult } from "./share/archive";
export {
  shareWorkspace,
  openSharedPlayground,
  sharedPlayground,
  ROWS_BUDGET_CHARS,
  TOO_LARGE_CHARS,
  type ShareResult,
  type ShareOptions,
  type OpenResult,
  type OpenRefusal,
  type OpenDeps,
} from "./share/playground";

// "Paste your models.py": Flask-SQLAlchemy models -> models.ts, with what could not be converted
export { convertModelsPy, type ConvertedModels, type Problem as ModelsPyProblem } from "./python-models";

// "Simulate a teammate": a sibling revision and its model change, as another developer's pull
export { simulateTeammate, type TeammateChange, type TeammateOptions, type TeammateResult } from "./teammate";

// "Open your own SQLite database": a user's file as a new playground (SPEC §6)
export { adoptDatabase, checkSqliteHeader, type AdoptDeps, type AdoptInput, type AdoptResult } from "./adopt";
// lessons: a step's checks read against the playground's real state
export { evaluateChecks, type LessonCheck, type LessonStateInput, type LastCommand, type CheckResult } from "./lessons/checks";
