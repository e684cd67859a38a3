// upgrade/downgrade: the entry points other modules use.
export { runSteps, type RunError, type RunOptions, type RunResult, type RuntimeEvent } from "./run";
export { MigrationRun, RUN_CAPABILITIES, startRun, type RunState, type StepUnit } from "./migration-run";
export type { RunPosition } from "./progress";
export type { RunPoint } from "./points";
export { describeStatement, rebuildReason, type StatementDescription } from "./point-messages";
export { renderOfflineParts, renderOfflineSql, type OfflineOptions, type OfflinePart } from "./offline";
export { formatShortLog, formatStepLine } from "./format";
export { DROP_VERSION_TABLE, VERSION_TABLE, VERSION_TABLE_DDL, applyVersionChange, currentHeads, hasVersionTable, versionChangeSql } from "./version-table";
export type { Direction, MigrationStep, PlannedStep, VersionChange } from "./step";
export { checkPlan, stepWarningText, type StepWarning } from "./check-plan";
