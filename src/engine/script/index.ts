// migration script text -> header + ops (SPEC §2). The script is parsed (by fast-parse.ts when it
// is of the rendered kind, else by @babel/parser) and read statically: never executed. Every
// problem is a diagnostic with its line and column.

import { parse } from "@babel/parser";
import type { File } from "@babel/types";
import type { Diagnostic } from "../diagnostics";
import type { MigrateOp } from "../ops/ops";
import { dropRecoveryHoles } from "../recovered-ast";
import { fastParseScript } from "./fast-parse";
import { readHeader } from "./header";
import { readModule } from "./module";
import { ScriptReader } from "./reader";

export interface ParsedScript {
  /** The first paragraph of the header comment, as Alembic's Script.doc. */
  readonly message: string;
  readonly revision: string;
  readonly downRevision: string | string[] | null;
  readonly branchLabels: string[] | null;
  readonly dependsOn: string[] | null;
  readonly createDate: string | null;
  readonly upgradeOps: MigrateOp[];
  readonly downgradeOps: MigrateOp[];
  /** The whole header comment, as Alembic's Script.longdoc (`history -v` prints it). */
  readonly longdoc?: string;
}

export type ParsedScriptResult =
  | { readonly ok: true; readonly script: ParsedScript; readonly diagnostics: Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

interface BabelSyntaxError {
  readonly message: string;
  readonly loc?: { readonly line: number; readonly column: number };
}

/** Babel's "Unexpected token (3:5)" as a diagnostic at 3:6 (diagnostics count columns from 1). */
function syntaxDiagnostic(e: BabelSyntaxError): Diagnostic {
  const line = e.loc?.line ?? 1;
  const column = (e.loc?.column ?? 0) + 1;
  const message = `Syntax error: ${e.message.replace(/\s*\(\d+:\d+\)$/, "")}.`.replace(/\.\.$/, ".");
  return { severity: "error", message, line, column, endLine: line, endColumn: column + 1 };
}

/**
 * Which parser reads the script: "auto" tries the fast path (fast-parse.ts) and falls back to
 * Babel; "babel" and "fast" force one, for the tests that hold the two to the same result.
 */
export type ScriptParserChoice = "auto" | "babel" | "fast";

function parseSource(source: string, parser: ScriptParserChoice): { ast?: File; diagnostics: Diagnostic[] } {
  if (parser !== "babel") {
    // the fast path reads only valid scripts of the rendered kind, which Babel parses without errors
    const ast = fastParseScript(source);
    if (ast) return { ast, diagnostics: [] };
    if (parser === "fast") throw new Error("The fast script parser gave up on this source; parse it with \"auto\" or \"babel\".");
  }
  try {
    // comments are read from File.comments only (the header): attaching them to nodes is wasted work
    const ast = parse(source, { sourceType: "module", plugins: ["typescript"], errorRecovery: true, attachComment: false });
    const diagnostics = (ast.errors ?? []).map((e) => syntaxDiagnostic(e as BabelSyntaxError));
    if (diagnostics.length > 0) dropRecoveryHoles(ast.program);
    return { ast, diagnostics };
  } catch (e) {
    return { diagnostics: [syntaxDiagnostic(e as BabelSyntaxError)] };
  }
}

/** Never throws (except with "fast", when the fast path gives up): problems are diagnostics. */
export function parseMigrationScript(source: string, parser: ScriptParserChoice = "auto"): ParsedScriptResult {
  const { ast, diagnostics: syntax } = parseSource(source, parser);
  if (!ast) return { ok: false, diagnostics: syntax };
  const r = new ScriptReader();
  r.diagnostics.push(...syntax);
  const header = readHeader(ast);
  const m = readModule(r, ast.program);
  const diagnostics = [...r.diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
  const { revision, downRevision, upgradeOps, downgradeOps } = m;
  if (r.hasErrors || revision === undefined || downRevision === undefined || !upgradeOps || !downgradeOps) return { ok: false, diagnostics };
  const script: ParsedScript = {
    message: header.message,
    revision,
    downRevision,
    branchLabels: m.branchLabels,
    dependsOn: m.dependsOn,
    createDate: header.createDate,
    upgradeOps,
    downgradeOps,
    longdoc: header.longdoc,
  };
  return { ok: true, script, diagnostics };
}
