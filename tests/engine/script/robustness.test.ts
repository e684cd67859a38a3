// A script being typed is broken most of the time: the parser must never throw, and every
// diagnostic must point inside the text.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { renderMigrationScript } from "../../../src/engine/render";
import { parseMigrationScript } from "../../../src/engine/script";
import { anyOp } from "../ops/arbitraries";

const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 8 }), insert: fc.string({ maxLength: 6 }) });

function applyEdits(text: string, edits: readonly { at: number; remove: number; insert: string }[]): string {
  return edits.reduce((t, e) => {
    const at = e.at % (t.length + 1);
    return t.slice(0, at) + e.insert + t.slice(at + e.remove);
  }, text);
}

describe("parseMigrationScript on broken text", () => {
  test("never throws; every diagnostic lies within the text, start before end", () => {
    fc.assert(
      fc.property(fc.array(anyOp, { maxLength: 3 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (ops, edits) => {
        const source = applyEdits(
          renderMigrationScript({
            message: "m",
            revision: "0123456789ab",
            downRevision: null,
            branchLabels: null,
            dependsOn: null,
            createDate: new Date(2026, 0, 1),
            upgradeOps: ops,
            downgradeOps: [],
          }),
          edits,
        );
        const result = parseMigrationScript(source);
        const lines = source.split(/\r\n|\r|\n|\u2028|\u2029/).length;
        for (const d of result.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.endLine).toBeLessThanOrEqual(lines);
          expect(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column)).toBe(true);
          expect(d.message).toMatch(/[.?)]$/);
        }
        if (!result.ok) expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
