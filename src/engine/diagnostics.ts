// A problem found in user text (models.ts or a migration script), placed where the user typed it.
// Lines and columns are 1-based, as editors show them; the end is exclusive.

export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** "models.ts:12:5: Unknown option 'primary_key'. Did you mean 'primaryKey'?" */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.line}:${d.column}: ${d.message}`;
}
