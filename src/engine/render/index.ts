// ops -> migration script text (SPEC §2), and the names of script files.

export { renderMigrationScript, BEGIN_MARKER, END_MARKER, type ScriptInput } from "./script";
export { scriptFileName, newRevisionId, formatCreateDate, slugOf } from "./file-name";
export { renderOps, renderOpText } from "./ops";
export { renderType, renderColumn, renderServerDefault } from "./schema-items";
