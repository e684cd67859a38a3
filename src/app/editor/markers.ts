// The engine's diagnostics as Monaco markers. Pure data, so it is tested in Node without Monaco.
// Both use 1-based lines and columns with an exclusive end, so positions map one to one.

import type { DiagnosticView } from "../protocol";

/** monaco.MarkerSeverity values (monaco-editor/esm/vs/platform/markers/common/markers.js). */
export const MARKER_SEVERITY = { error: 8, warning: 4 } as const;

/** The owner of Retort's markers, apart from the TypeScript worker's own. */
export const MARKER_OWNER = "retort";

export interface MarkerData {
  severity: number;
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  source: string;
}

export function toMarkers(diagnostics: readonly DiagnosticView[]): MarkerData[] {
  return diagnostics.map((d) => {
    const endLine = Math.max(d.endLine, d.line);
    // A zero-width range would be invisible: underline at least one character.
    const endColumn = endLine === d.line && d.endColumn <= d.column ? d.column + 1 : d.endColumn;
    return {
      severity: MARKER_SEVERITY[d.severity],
      message: d.message,
      startLineNumber: d.line,
      startColumn: d.column,
      endLineNumber: endLine,
      endColumn,
      source: "retort",
    };
  });
}
