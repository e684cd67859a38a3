// The two fixes of a NOT NULL that fails on existing rows (analyze-messages.ts notNullAdded,
// notNullViolated), as edits of the generated script:
// - "Add a server default": the added column gets { serverDefault }, which SQLite puts in every row.
// - "Fill it in a data step": the column is added nullable, an op.execute("UPDATE …") fills it,
//   and a second batch block makes it NOT NULL; for an alterColumn(nullable: false) over NULLs, the
//   UPDATE goes before the block that alters it. Both run in the revision's one transaction.

import { fillValueFor } from "./column-values";
import { batchBlocks, findCall, functionBody, quotedName, sqlName, type BatchBlock, type FoundCall } from "./scan";
import { editAt, fixed, notFixed, type FixResult } from "./text-edits";

interface Found {
  readonly block: BatchBlock;
  readonly call: FoundCall;
}

function findInUpgrade(script: string, table: string, head: (param: string) => string): Found | string {
  const body = functionBody(script, "upgrade");
  if (!body) return "The script has no upgrade() function to change.";
  for (const block of batchBlocks(script, body, table)) {
    const call = findCall(script, block.body, head(block.param));
    if (call) return { block, call };
  }
  return `No batchAlterTable("${table}") block in upgrade()`;
}

const addHead = (column: string) => (p: string) => `${p}\\.addColumn\\(\\s*sa\\.Column\\(\\s*${quotedName(column)}`;
const TYPE_ARG = /sa\.Column\(\s*(["'])(?:(?!\1).)*\1\s*,\s*(sa\.\w+(?:\([^)]*\))?)/;
const OPTIONS_AT_END = /,\s*\{([^{}]*)\}\s*\)\s*\)$/;

export function serverDefaultFix(script: string, table: string, column: string): FixResult {
  const found = findInUpgrade(script, table, addHead(column));
  if (typeof found === "string") return notFixed(`${found} adds column '${column}': add { serverDefault } to it by hand.`);
  const { call } = found.call;
  const text = found.call.text;
  const value = fillValueFor(TYPE_ARG.exec(text)?.[2] ?? "").serverDefault;
  const options = OPTIONS_AT_END.exec(text);
  if (!options) {
    // no options object: one is added before sa.Column's closing parenthesis
    const at = call.start + text.lastIndexOf(")", text.length - 2);
    return fixed([editAt(script, at, at, `, { serverDefault: ${value} }`)]);
  }
  const inside = options[1]!;
  const closeBrace = call.start + options.index + options[0].lastIndexOf("}");
  const at = closeBrace - (inside.length - inside.trimEnd().length);
  const separator = inside.trim() === "" ? " " : ", ";
  return fixed([editAt(script, at, at, `${separator}serverDefault: ${value}`)]);
}

function fillStatement(table: string, column: string, typeText: string, indent: string): string {
  const value = fillValueFor(typeText).sql;
  const sql = `UPDATE ${sqlName(table)} SET ${sqlName(column)} = ${value} WHERE ${sqlName(column)} IS NULL`;
  return `${indent}op.execute(${JSON.stringify(sql)});\n`;
}

export function fillInDataStepFix(script: string, table: string, column: string, adding: boolean): FixResult {
  return adding ? fillAddedColumn(script, table, column) : fillBeforeAlter(script, table, column);
}

function fillAddedColumn(script: string, table: string, column: string): FixResult {
  const found = findInUpgrade(script, table, addHead(column));
  if (typeof found === "string") return notFixed(`${found} adds column '${column}': add it nullable and fill it by hand.`);
  const { block, call } = found;
  const notNull = /nullable:\s*false/.exec(call.text);
  if (!notNull) return notFixed(`Column '${column}' is not added as NOT NULL in upgrade(): there is nothing to fill first.`);
  const typeText = TYPE_ARG.exec(call.text)?.[2] ?? "";
  const nullableAt = call.call.start + notNull.index;
  const { indent, param } = block;
  const inner = `${indent}  `;
  const after =
    fillStatement(table, column, typeText, indent) +
    `${indent}op.batchAlterTable(${JSON.stringify(table)}, (${param}) => {\n` +
    `${inner}${param}.alterColumn(${JSON.stringify(column)}, { ${typeText ? `existingType: ${typeText}, ` : ""}nullable: false });\n` +
    `${indent}});\n`;
  return fixed([
    editAt(script, nullableAt, nullableAt + notNull[0].length, "nullable: true"),
    editAt(script, block.statement.end, block.statement.end, after),
  ]);
}

function fillBeforeAlter(script: string, table: string, column: string): FixResult {
  const head = (p: string) => `${p}\\.alterColumn\\(\\s*${quotedName(column)}\\s*,`;
  const found = findInUpgrade(script, table, head);
  if (typeof found === "string") return notFixed(`${found} alters column '${column}': add op.execute("UPDATE …") before it by hand.`);
  const typeText = /existingType:\s*(sa\.\w+(?:\([^)]*\))?)/.exec(found.call.text)?.[1] ?? "";
  const at = found.block.statement.start;
  return fixed([editAt(script, at, at, fillStatement(table, column, typeText, found.block.indent))]);
}
