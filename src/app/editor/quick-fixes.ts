// The editor's quick fixes (the lightbulb, Ctrl+.) as plain data, so that they are tested in Node:
// a diagnostic that carries a replacement (`primary_key` -> `primaryKey`, `db.Strin` ->
// `db.String`), and in a migration script the fixes its ops offer (rename instead, server default,
// data step). code-actions.ts turns them into Monaco code actions. The engine's functions come in
// as a parameter: the page loads them lazily, on the first quick fix a script asks for.

import type * as Engine from "../../engine/index";
import type { FixOffer, TextEdit } from "../../engine/index";
import type { DiagnosticView } from "../protocol";

/** What the script fixes need from the engine facade. */
export type FixEngine = Pick<typeof Engine, "computeFix" | "scriptFixOffers" | "FIX_TITLES">;

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly isPreferred: boolean;
  /** The diagnostic it fixes, when it fixes one. */
  readonly diagnostic?: DiagnosticView;
}

export interface LineSpan {
  readonly startLine: number;
  readonly endLine: number;
}

const overlaps = (a: LineSpan, line: number, endLine: number) => line <= a.endLine && endLine >= a.startLine;

/**
 * The quick fixes of a diagnostic's replacement on the lines `at`. `textIn` reads the text now in
 * a diagnostic's range: a diagnostic from before the last keystrokes is offered only while its
 * range still holds the name its message quotes (else the fix would land on other text).
 */
export function diagnosticFixesAt(diagnostics: readonly DiagnosticView[], at: LineSpan, textIn: (d: DiagnosticView) => string): QuickFix[] {
  const out: QuickFix[] = [];
  for (const d of diagnostics) {
    if (d.replacement === undefined || !overlaps(at, d.line, d.endLine)) continue;
    const now = textIn(d);
    if (now === d.replacement || !d.message.includes(`'${now}'`)) continue;
    const edit = { line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, text: d.replacement };
    out.push({ title: `Change to '${d.replacement}'`, edits: [edit], isPreferred: true, diagnostic: d });
  }
  return out;
}

/** The fixes a migration script's ops on the lines `at` offer. */
export function scriptFixesAt(engine: FixEngine, text: string, at: LineSpan): QuickFix[] {
  const out: QuickFix[] = [];
  for (const offer of engine.scriptFixOffers(text)) {
    if (!overlaps(at, offer.line, offer.endLine)) continue;
    const result = engine.computeFix(offer.fix, text);
    if (result.ok) out.push({ title: offerTitle(engine, offer), edits: result.edits, isPreferred: false });
  }
  return out;
}

function offerTitle(engine: FixEngine, { fix }: FixOffer): string {
  const title = engine.FIX_TITLES[fix.kind];
  if (fix.kind === "rename-column") return `${title}: alterColumn("${fix.from}", { newColumnName: "${fix.to}" })`;
  if (fix.kind === "server-default" || fix.kind === "fill-in-data-step") return `${title} ('${fix.table}.${fix.column}')`;
  return title;
}
