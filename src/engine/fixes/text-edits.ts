// Fixes are text edits, as data: a range of the source and the text that replaces it. Lines and
// columns are 1-based with an exclusive end, as Diagnostic's and Monaco's ranges, so the editor
// applies them as they are (one undo step) and the tests apply them with applyTextEdits.

export interface TextEdit {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly text: string;
}

/** A fix's edits, or why the source does not allow it (said to the user as is). */
export type FixResult = { readonly ok: true; readonly edits: readonly TextEdit[] } | { readonly ok: false; readonly reason: string };

export const fixed = (edits: readonly TextEdit[]): FixResult => ({ ok: true, edits });
export const notFixed = (reason: string): FixResult => ({ ok: false, reason });

/** An edit from offsets into `source` to the line/column form. */
export function editAt(source: string, start: number, end: number, text: string): TextEdit {
  const from = positionOf(source, start);
  const to = positionOf(source, end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, text };
}

function positionOf(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf("\n"); i !== -1 && i < offset; i = source.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = source.indexOf("\n", offset);
    if (next === -1) return source.length;
    offset = next + 1;
  }
  return Math.min(source.length, offset + column - 1);
}

/** `source` with `edits` applied; the edits must not overlap (each is placed on the original text). */
export function applyTextEdits(source: string, edits: readonly TextEdit[]): string {
  const placed = edits
    .map((e) => ({ start: offsetOf(source, e.line, e.column), end: offsetOf(source, e.endLine, e.endColumn), text: e.text }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = source;
  for (const e of placed) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
