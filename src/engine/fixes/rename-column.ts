// "Rename instead": a generated drop + add of one table's columns become one
// batchOp.alterColumn(<from>, { newColumnName: <to> }) in upgrade(), and the reverse rename in
// downgrade(), so the column keeps its values (Alembic's batch copy carries them to the new name).

import { batchBlocks, findCall, functionBody, quotedName, type Span } from "./scan";
import { editAt, fixed, notFixed, type FixResult, type TextEdit } from "./text-edits";

export function renameColumnFix(script: string, table: string, from: string, to: string): FixResult {
  const edits: TextEdit[] = [];
  for (const [fn, dropped, added] of [["upgrade", from, to], ["downgrade", to, from]] as const) {
    const body = functionBody(script, fn);
    if (!body) return notFixed(`The script has no ${fn}() function to change.`);
    const found = renameIn(script, body, table, dropped, added);
    if (typeof found === "string") return notFixed(`${found} in ${fn}(): the fix only rewrites the drop and add that autogenerate wrote.`);
    edits.push(...found);
  }
  return fixed(edits);
}

/** The edits in one function: the add becomes the rename (where the new column first appears), the drop goes. */
function renameIn(script: string, body: Span, table: string, dropped: string, added: string): TextEdit[] | string {
  for (const block of batchBlocks(script, body, table)) {
    const p = block.param;
    const add = findCall(script, block.body, `${p}\\.addColumn\\(\\s*sa\\.Column\\(\\s*${quotedName(added)}`);
    const drop = findCall(script, block.body, `${p}\\.dropColumn\\(\\s*${quotedName(dropped)}\\s*[,)]`);
    if (!add || !drop) continue;
    // a NOT NULL the new column asks for stays asked for
    const notNull = /nullable:\s*false/.test(add.text) ? ", nullable: false" : "";
    const rename = `${p}.alterColumn(${JSON.stringify(dropped)}, { newColumnName: ${JSON.stringify(added)}${notNull} })`;
    return [editAt(script, add.call.start, add.call.end, rename), editAt(script, drop.lines.start, drop.lines.end, "")];
  }
  return `No batchAlterTable("${table}") block drops '${dropped}' and adds '${added}'`;
}
