// Just enough of a scanner to find calls in a generated migration script or in models.ts: where a
// bracket closes (skipping strings and comments), a function's body, a batch block's body, and a
// call statement with the whole of its lines. The script reader keeps no source positions on its
// ops, and a fix must edit the text the user sees, so the calls are found in the text.

import { escapeRegExp } from "../schema/sql-text";

const CLOSERS: Readonly<Record<string, string>> = { "(": ")", "{": "}", "[": "]" };

/** The offset just past the bracket that closes the one at `open`, or -1 when it never closes. */
export function closingBracket(source: string, open: number): number {
  const stack: string[] = [];
  for (let i = open; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '"' || ch === "'" || ch === "`") {
      i = stringEnd(source, i);
      continue;
    }
    if (ch === "/" && source[i + 1] === "/") {
      const eol = source.indexOf("\n", i);
      i = eol === -1 ? source.length : eol;
      continue;
    }
    if (ch === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end === -1 ? source.length : end + 1;
      continue;
    }
    const closer = CLOSERS[ch];
    if (closer) stack.push(closer);
    else if (ch === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

function stringEnd(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === quote) return i;
  }
  return source.length;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The inside of `export function <name>() { … }` (between its braces). */
export function functionBody(source: string, name: string): Span | null {
  const match = new RegExp(`export\\s+function\\s+${name}\\s*\\(\\s*\\)\\s*(?::\\s*\\w+\\s*)?\\{`).exec(source);
  if (!match) return null;
  const open = match.index + match[0].length - 1;
  const end = closingBracket(source, open);
  return end === -1 ? null : { start: open + 1, end: end - 1 };
}

export { escapeRegExp };

/** A name as SQL in a script writes it: bare when it can be, double-quoted otherwise. */
export const sqlName = (name: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

/** A name as the script writes it in a string literal, either quote. */
export const quotedName = (name: string) => `["']${escapeRegExp(name)}["']`;

export interface BatchBlock {
  /** The whole `op.batchAlterTable(…);` statement, its lines included. */
  readonly statement: Span;
  readonly body: Span;
  /** The block's parameter: `batchOp` in generated scripts. */
  readonly param: string;
  /** The indentation of the `op.batchAlterTable` line. */
  readonly indent: string;
}

/** The `op.batchAlterTable("<table>", (batchOp) => { … })` blocks inside `within`. */
export function batchBlocks(source: string, within: Span, table: string): BatchBlock[] {
  const pattern = new RegExp(`op\\.batchAlterTable\\(\\s*${quotedName(table)}\\s*,\\s*(?:async\\s*)?\\(?\\s*(\\w+)\\s*\\)?\\s*=>\\s*\\{`, "g");
  pattern.lastIndex = within.start;
  const out: BatchBlock[] = [];
  for (let m = pattern.exec(source); m && m.index < within.end; m = pattern.exec(source)) {
    const callOpen = source.indexOf("(", m.index);
    const callEnd = closingBracket(source, callOpen);
    const braceOpen = m.index + m[0].length - 1;
    const braceEnd = closingBracket(source, braceOpen);
    if (callEnd === -1 || braceEnd === -1) continue;
    const statement = wholeLines(source, m.index, withSemicolon(source, callEnd));
    const lineStart = source.lastIndexOf("\n", m.index) + 1;
    out.push({ statement, body: { start: braceOpen + 1, end: braceEnd - 1 }, param: m[1]!, indent: source.slice(lineStart, m.index) });
  }
  return out;
}

export interface FoundCall {
  /** From the receiver to the closing parenthesis. */
  readonly call: Span;
  /** The call's statement with its whole lines, when nothing else shares them (for deleting it). */
  readonly lines: Span;
  readonly text: string;
}

/** The first call in `within` whose text starts as `head` (a regular expression from the receiver to at least its `(`). */
export function findCall(source: string, within: Span, head: string): FoundCall | null {
  const pattern = new RegExp(head, "g");
  pattern.lastIndex = within.start;
  const m = pattern.exec(source);
  if (!m || m.index >= within.end) return null;
  const end = closingBracket(source, source.indexOf("(", m.index));
  if (end === -1 || end > within.end) return null;
  return { call: { start: m.index, end }, lines: wholeLines(source, m.index, withSemicolon(source, end)), text: source.slice(m.index, end) };
}

const withSemicolon = (source: string, end: number) => (source[end] === ";" ? end + 1 : end);

/** [start, end) widened to whole lines (with the newline) when only blanks lie around it on them. */
function wholeLines(source: string, start: number, end: number): Span {
  const lineStart = source.lastIndexOf("\n", start - 1) + 1;
  const newline = source.indexOf("\n", end);
  const lineEnd = newline === -1 ? source.length : newline + 1;
  const blankBefore = source.slice(lineStart, start).trim() === "";
  const blankAfter = source.slice(end, lineEnd).trim() === "";
  return blankBefore && blankAfter ? { start: lineStart, end: lineEnd } : { start, end };
}
