// A script being typed is broken most of the time: the parser must never throw, and every
// diagnostic must point inside the text.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { renderMigrationScript } from "../../../src/engine/render";
import { parseMigrationScript } from "../../../src/engine/script";
import { callParens } from "../call-parens";
import { anyOp } from "../ops/arbitraries";

const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 8 }), insert: fc.string({ maxLength: 6 }) });

function applyEdits(text: string, edits: readonly { at: number; remove: number; insert: string }[]): string {
  return edits.reduce((t, e) => {
    const at = e.at % (t.length + 1);
    return t.slice(0, at) + e.insert + t.slice(at + e.remove);
  }, text);
}

/** A rendered script whose upgrade() holds `ops`. */
function scriptOf(ops: Parameters<typeof renderMigrationScript>[0]["upgradeOps"]): string {
  return renderMigrationScript({
    message: "m",
    revision: "0123456789ab",
    downRevision: null,
    branchLabels: null,
    dependsOn: null,
    createDate: new Date(2026, 0, 1),
    upgradeOps: ops,
    downgradeOps: [],
  });
}

describe("parseMigrationScript on broken text", () => {
  test("never throws; every diagnostic lies within the text, start before end", () => {
    fc.assert(
      fc.property(fc.array(anyOp, { maxLength: 3 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (ops, edits) => {
        const source = applyEdits(scriptOf(ops), edits);
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

  // Babel recovers from `f(, x)` with a hole where its types promise a node; a CI run found it
  test("an empty first argument in any call of a script is a syntax error, not a crash", () => {
    fc.assert(
      fc.property(fc.array(anyOp, { minLength: 1, maxLength: 3 }), (ops) => {
        const source = scriptOf(ops);
        for (const i of callParens(source)) {
          const result = parseMigrationScript(`${source.slice(0, i + 1)}, ${source.slice(i + 1)}`);
          expect(result.ok).toBe(false);
          expect(result.diagnostics.some((d) => d.message.startsWith("Syntax error"))).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});
