// ops -> SQLite. The entry points other modules use.
export { applyOps, liveSource, opStatements, runOpStatement, runStatement, validateOps, StatementError, type OpHooks } from "./live";
export { applyOpsToSchema, applyOpToSchema, storedDefault, type TransformOptions } from "./schema-transform";
export { toSqlStatements, needsRecreate, tempTableName, literal, type TableSource } from "./statements";
export { planRebuild, reflectedDefault, type RebuildPlan } from "./batch-plan";
export { existingConstraintOrder } from "./constraints";
export { createTableSql, createIndexSql, columnSpec } from "./ddl";
export { ident, requiresQuotes } from "./quote";
export { ExecuteError } from "./errors";
