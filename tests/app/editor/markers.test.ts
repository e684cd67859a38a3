import { expect, test } from "vitest";
import { MARKER_SEVERITY, toMarkers } from "../../../src/app/editor/markers";

test("diagnostics become markers at the same 1-based positions, with Monaco's severities", () => {
  const markers = toMarkers([
    { severity: "error", message: "Unknown option 'primary_key'. Did you mean 'primaryKey'?", line: 3, column: 30, endLine: 3, endColumn: 41 },
    { severity: "warning", message: "w", line: 5, column: 1, endLine: 6, endColumn: 2 },
  ]);
  expect(markers).toEqual([
    { severity: 8, message: "Unknown option 'primary_key'. Did you mean 'primaryKey'?", startLineNumber: 3, startColumn: 30, endLineNumber: 3, endColumn: 41, source: "retort" },
    { severity: 4, message: "w", startLineNumber: 5, startColumn: 1, endLineNumber: 6, endColumn: 2, source: "retort" },
  ]);
  expect(MARKER_SEVERITY).toEqual({ error: 8, warning: 4 });
});

test("an empty range still underlines one character", () => {
  const [m] = toMarkers([{ severity: "error", message: "x", line: 2, column: 7, endLine: 2, endColumn: 7 }]);
  expect([m!.startColumn, m!.endColumn]).toEqual([7, 8]);
});
