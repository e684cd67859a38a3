// A problem found in user text (models.ts or a migration script), placed where the user typed it.
// Lines and columns are 1-based, as editors show them; the end is exclusive.

import type { Node } from "@babel/types";

export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /**
   * The text that most likely belongs in the range instead (`primaryKey` for `primary_key`,
   * `db.String` for `db.Strin`): what the editor's quick fix puts there.
   */
  readonly replacement?: string;
}

/** "models.ts:12:5: Unknown option 'primary_key'. Did you mean 'primaryKey'?" */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.line}:${d.column}: ${d.message}`;
}

/** A diagnostic spanning `node`: Babel's lines are 1-based and its columns 0-based. */
export function diagnosticAt(node: Node | null | undefined, message: string, severity: Diagnostic["severity"] = "error", replacement?: string): Diagnostic {
  const loc = node?.loc;
  if (!loc) return { severity, message, line: 1, column: 1, endLine: 1, endColumn: 1 };
  return {
    severity,
    message,
    line: loc.start.line,
    column: loc.start.column + 1,
    endLine: loc.end.line,
    endColumn: loc.end.column + 1,
    ...(replacement === undefined ? {} : { replacement }),
  };
}
