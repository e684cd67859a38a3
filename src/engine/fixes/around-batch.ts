// The fix of what a batch rebuild ("move and copy") does to the schema objects autogenerate
// cannot see (analyze-messages.ts viewBlocksRebuild, droppedTrigger), as an edit of the script,
// in upgrade() and in downgrade(): the views that read the table are dropped before its first
// batch block (SQLite refuses the rebuild's RENAME while one does), and after its last block the
// table's triggers (dropped with it) and those views are created again, each from its own CREATE
// statement. Between two blocks of one table a trigger would only be dropped again. All of it
// runs in the revision's one transaction: a failure leaves them as they were.

import type { SchemaObjectSql } from "./warning-fix";
import { batchBlocks, functionBody, sqlName, type BatchBlock } from "./scan";
import { editAt, fixed, notFixed, type FixResult, type TextEdit } from "./text-edits";

const executeLine = (indent: string, sql: string) => `${indent}op.execute(${JSON.stringify(sql)});\n`;

/** Each function's batch blocks on `table`, for those that have any (upgrade first). */
function blocksByFunction(script: string, table: string): BatchBlock[][] {
  return ["upgrade", "downgrade"].flatMap((name) => {
    const body = functionBody(script, name);
    const blocks = body ? batchBlocks(script, body, table) : [];
    return blocks.length > 0 ? [blocks] : [];
  });
}

export function keepViewsAndTriggersFix(script: string, table: string, views: readonly SchemaObjectSql[], triggers: readonly SchemaObjectSql[]): FixResult {
  const functions = blocksByFunction(script, table);
  if (functions.length === 0) {
    return notFixed(`No batchAlterTable("${table}") block in upgrade() or downgrade(): drop its views before the rebuild and create them and its triggers again after it, by hand.`);
  }
  const edits: TextEdit[] = functions.flatMap((blocks) => {
    const first = blocks[0]!;
    const last = blocks[blocks.length - 1]!;
    const before = views.map((v) => executeLine(first.indent, `DROP VIEW IF EXISTS ${sqlName(v.name)}`)).join("");
    const after = [...triggers, ...views].map((o) => executeLine(last.indent, o.sql)).join("");
    return [
      ...(before ? [editAt(script, first.statement.start, first.statement.start, before)] : []),
      editAt(script, last.statement.end, last.statement.end, after),
    ];
  });
  return fixed(edits);
}
