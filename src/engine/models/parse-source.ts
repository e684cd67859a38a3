// models.ts text -> Babel statements + syntax diagnostics. Babel's errorRecovery keeps going past
// some errors, but most syntax errors still throw; then each top-level statement is parsed on its
// own, so that every class the user is not typing in still yields its table.

import { parse, type ParserOptions } from "@babel/parser";
import type { Statement } from "@babel/types";
import type { Diagnostic } from "../diagnostics";
import { dropRecoveryHoles } from "../recovered-ast";
import { fastParseStatements } from "./fast-parse";

export interface ParsedSource {
  readonly statements: readonly Statement[];
  readonly diagnostics: readonly Diagnostic[];
  /** True when some text could not be parsed at all (its statements are missing). */
  readonly lostText: boolean;
}

const OPTIONS: ParserOptions = {
  sourceType: "module",
  plugins: ["typescript"],
  errorRecovery: true,
  attachComment: false,
};

interface BabelError {
  readonly message: string;
  readonly loc?: { readonly line: number; readonly column: number };
}

function isBabelError(e: unknown): e is BabelError {
  return e instanceof Error && typeof (e as { loc?: unknown }).loc === "object";
}

/** Babel's message without its " (line:column)" suffix, as a sentence. */
function toDiagnostic(e: BabelError): Diagnostic {
  const text = e.message.replace(/\s*\(\d+:\d+\)$/, "");
  const line = e.loc?.line ?? 1;
  const column = (e.loc?.column ?? 0) + 1;
  const message = `Syntax error: ${text}${/[.?!]$/.test(text) ? "" : "."}`;
  return { severity: "error", message, line, column, endLine: line, endColumn: column + 1 };
}

interface Chunk {
  readonly text: string;
  readonly index: number;
  readonly line: number;
}

const STATEMENT_START = /^(?:export\s|import\s|class\s|abstract\s|const\s|let\s|var\s|function\s|@)/;

/** Splits the source where a top-level statement starts (a keyword at column 0). */
function chunksOf(source: string): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let startLine = 1;
  let offset = 0;
  const lines = source.split("\n");
  for (const [i, text] of lines.entries()) {
    if (i > 0 && STATEMENT_START.test(text)) {
      chunks.push({ text: source.slice(start, offset), index: start, line: startLine });
      start = offset;
      startLine = i + 1;
    }
    offset += text.length + 1;
  }
  chunks.push({ text: source.slice(start), index: start, line: startLine });
  return chunks;
}

function parseOne(text: string, index: number, line: number): { statements: Statement[]; diagnostics: Diagnostic[] } {
  const file = parse(text, { ...OPTIONS, startIndex: index, startLine: line, startColumn: 0 });
  const diagnostics = (file.errors ?? []).map((e) => toDiagnostic(e as BabelError));
  if (diagnostics.length > 0) dropRecoveryHoles(file.program);
  return { statements: file.program.body, diagnostics };
}

/**
 * Which parser reads models.ts: "auto" tries the fast path (fast-parse.ts) and falls back to
 * Babel; "babel" and "fast" force one, for the tests that hold the two to the same result.
 */
export type ParserChoice = "auto" | "babel" | "fast";

/**
 * Never throws (except with "fast", when the fast path gives up): a parse failure becomes a
 * diagnostic, and the statements that parse are kept.
 */
export function parseSource(source: string, parser: ParserChoice = "auto"): ParsedSource {
  if (parser !== "babel") {
    // the fast path reads only valid files of the model language, which Babel parses without errors
    const statements = fastParseStatements(source);
    if (statements) return { statements, diagnostics: [], lostText: false };
    if (parser === "fast") throw new Error("The fast models parser gave up on this source; parse it with \"auto\" or \"babel\".");
  }
  return babelParseSource(source);
}

function babelParseSource(source: string): ParsedSource {
  let first: BabelError;
  try {
    return { ...parseOne(source, 0, 1), lostText: false };
  } catch (e) {
    if (!isBabelError(e)) return { statements: [], diagnostics: [toDiagnostic({ message: String(e) })], lostText: true };
    first = e;
  }
  const statements: Statement[] = [];
  const diagnostics: Diagnostic[] = [];
  let thrown = false;
  for (const chunk of chunksOf(source)) {
    try {
      const one = parseOne(chunk.text, chunk.index, chunk.line);
      statements.push(...one.statements);
      diagnostics.push(...one.diagnostics);
    } catch (e) {
      thrown = true;
      diagnostics.push(toDiagnostic(isBabelError(e) ? e : { message: String(e), loc: { line: chunk.line, column: 0 } }));
    }
  }
  // the split can hide an error that spans statements (an unclosed string or comment): keep Babel's
  if (!thrown) diagnostics.push(toDiagnostic(first));
  return { statements, diagnostics, lostText: true };
}
