// The fixes a generated script offers where its ops are, read from its text alone: the editor's
// quick fixes (Ctrl+.) on the op. A NOT NULL column added without a server default, a column made
// NOT NULL, and a drop + add in one table that the rename fix can rewrite.

import { fillValueFor } from "./column-values";
import { renameColumnFix } from "./rename-column";
import { batchBlocks, findCall, functionBody, quotedName, type FoundCall } from "./scan";
import { editAt } from "./text-edits";
import type { WarningFix } from "./warning-fix";

export interface FixOffer {
  readonly fix: WarningFix;
  /** The op the fix is about (1-based, end exclusive): where the quick fix is offered. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

const TABLES = /op\.batchAlterTable\(\s*(["'])((?:(?!\1).)+)\1/g;
const ADD = /\.addColumn\(\s*sa\.Column\(\s*(["'])((?:(?!\1).)+)\1/;
const DROP = /\.dropColumn\(\s*(["'])((?:(?!\1).)+)\1/;
const ALTER = /\.alterColumn\(\s*(["'])((?:(?!\1).)+)\1/;

export function scriptFixOffers(script: string): FixOffer[] {
  const body = functionBody(script, "upgrade");
  if (!body) return [];
  const tables = new Set([...script.slice(body.start, body.end).matchAll(TABLES)].map((m) => m[2]!));
  const out: FixOffer[] = [];
  const offer = (fix: WarningFix, call: FoundCall) => {
    const { line, column, endLine, endColumn } = editAt(script, call.call.start, call.call.end, "");
    out.push({ fix, line, column, endLine, endColumn });
  };
  for (const table of tables) {
    for (const block of batchBlocks(script, body, table)) {
      const calls = (verb: string) => allCalls(script, block.body, `${block.param}\\.${verb}\\(`);
      const adds = calls("addColumn");
      for (const add of adds) {
        const column = ADD.exec(add.text)?.[2];
        if (!column || !/nullable:\s*false/.test(add.text) || /serverDefault/.test(add.text)) continue;
        offer({ kind: "server-default", table, column }, add);
        offer({ kind: "fill-in-data-step", table, column, adding: true }, add);
      }
      for (const alter of calls("alterColumn")) {
        const column = ALTER.exec(alter.text)?.[2];
        if (column && /nullable:\s*false/.test(alter.text)) offer({ kind: "fill-in-data-step", table, column, adding: false }, alter);
      }
      for (const drop of calls("dropColumn")) {
        const from = DROP.exec(drop.text)?.[2];
        const was = from && downgradeType(script, from);
        for (const add of adds) {
          const to = ADD.exec(add.text)?.[2];
          // as analyze-schema.ts likely renames: a column of the same kind of type
          const sameKind = was !== undefined && was !== "" && fillValueFor(was).sql === fillValueFor(TYPE_ARG.exec(add.text)?.[1] ?? "").sql;
          if (from && to && sameKind && renameColumnFix(script, table, from, to).ok) offer({ kind: "rename-column", table, from, to }, drop);
        }
      }
    }
  }
  return out;
}

const TYPE_ARG = /sa\.Column\(\s*["'][^"']*["']\s*,\s*(sa\.\w+(?:\([^)]*\))?)/;

/** The type a dropped column had, as downgrade() adds it back. */
function downgradeType(script: string, column: string): string | undefined {
  const body = functionBody(script, "downgrade");
  if (!body) return undefined;
  const pattern = new RegExp(`\\.addColumn\\(\\s*sa\\.Column\\(\\s*${quotedName(column)}\\s*,\\s*(sa\\.\\w+(?:\\([^)]*\\))?)`);
  return pattern.exec(script.slice(body.start, body.end))?.[1];
}

function allCalls(script: string, within: { start: number; end: number }, head: string): FoundCall[] {
  const out: FoundCall[] = [];
  for (let from = within.start; ; ) {
    const call = findCall(script, { start: from, end: within.end }, head);
    if (!call) return out;
    out.push(call);
    from = call.call.end;
  }
}
