// Autogenerate: the comparison of a reflected database with the models, Alembic's messages, and
// Retort's warnings about what a migration would do to the rows. The only entry points.
export { compareSchemas, type CompareResult } from "./compare";
export { messages, NO_CHANGES_DETECTED } from "./messages";
export { analyzeChanges, analyzeOps, type ChangeWarning, type ChangeWarningKind } from "./analyze";
