// The fast script parser (src/engine/script/fast-parse.ts) against Babel: the same File (nodes,
// fields, positions, comments) and the same parseMigrationScript result; and on anything outside
// the rendered format, or not valid, it gives up and Babel's result and diagnostics stay.
import { parse } from "@babel/parser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withLoc } from "../fast-ast";
import type { MigrateOp } from "../../../src/engine/ops/ops";
import { modifyTable, addColumn, dropColumn } from "../../../src/engine/ops/ops";
import { reverseOps } from "../../../src/engine/ops/reverse";
import { renderMigrationScript } from "../../../src/engine/render";
import { column } from "../../../src/engine/schema/model";
import { parseMigrationScript } from "../../../src/engine/script";
import { fastParseScript } from "../../../src/engine/script/fast-parse";
import { anyOp, reversibleOp } from "../ops/arbitraries";

const babelFile = (source: string) => parse(source, { sourceType: "module", plugins: ["typescript"], errorRecovery: true, attachComment: false });

/** The fast path's File is Babel's (its locs read out): same keys in the same order, same values (JSON), same shape. */
function expectSameAst(source: string): void {
  const fast = fastParseScript(source);
  expect(fast, "the fast path gave up").not.toBeNull();
  const babel = babelFile(source);
  expect(JSON.stringify(withLoc(fast))).toBe(JSON.stringify(babel));
  expect(withLoc(fast)).toEqual(babel);
}

const expectSameResult = (source: string) => expect(parseMigrationScript(source)).toStrictEqual(parseMigrationScript(source, "babel"));

function script(upgradeOps: readonly MigrateOp[] | null, downgradeOps: readonly MigrateOp[] | null = upgradeOps && reverseOpsOrEmpty(upgradeOps)): string {
  return renderMigrationScript({
    message: "extra columns\n\nand a longer text, with */ in it",
    revision: "abcdef012345",
    downRevision: ["0123456789ab", "ba9876543210"],
    branchLabels: ["feature"],
    dependsOn: null,
    createDate: new Date(2026, 11, 6, 21, 36, 8),
    upgradeOps,
    downgradeOps,
  });
}

function reverseOpsOrEmpty(ops: readonly MigrateOp[]): MigrateOp[] {
  try {
    return reverseOps(ops);
  } catch {
    return [];
  }
}

// as the benchmark's migration: one batch block per table, 200 of them
const BENCH_OPS = Array.from({ length: 200 }, (_, i) => {
  const table = `t${String(i).padStart(3, "0")}`;
  return modifyTable(table, [addColumn(table, column("extra", { name: "String", length: 50 }))]);
});

describe("the fast script parser", () => {
  it("takes the benchmark's 200-table script and gives Babel's File and result", () => {
    const source = script(BENCH_OPS, BENCH_OPS.map((o) => modifyTable(o.table, [dropColumn(o.table, "extra")])));
    expectSameAst(source);
    expectSameResult(source);
    expect(parseMigrationScript(source, "fast")).toStrictEqual(parseMigrationScript(source, "babel"));
  });

  it("takes empty functions, merges, labels and the header comment", () => {
    const source = script(null);
    expectSameAst(source);
    expectSameResult(source);
  });

  it("keeps Babel's comments, trailing commas, optional semicolons, templates and line breaks", () => {
    const source = [
      "/* not a doc comment */ import { op, sa } from 'retort' // the import",
      "export const revision = `a1`",
      'export const downRevision = [ "b2", /* two */ "c3", ];',
      "export const branchLabels = null",
      "export function upgrade() { // start",
      '  op.addColumn("t", sa.Column("c", sa.Numeric(10, 2), { nullable: false, serverDefault: sa.text("-1.5e3"), }),)',
      '  op.batchAlterTable("t", (batchOp) => { batchOp.dropColumn("x") })',
      '  op',
      '    .execute("UPDATE t SET a = \\"b\\"\\n")',
      '  op.bulkInsert("t", [{ id: 1, "odd key": -2, ok: true, no: null }, ])',
      "  /* end */ }",
      "export function downgrade() { op.dropColumn('t', 'c'); }",
      "// the end",
    ].join("\n");
    expectSameAst(source);
    expectSameResult(source);
  });

  const outside: [string, string][] = [
    ["a syntax error", script([]).replace("op, sa }", "op, sa")],
    ["an unclosed function", script([]).replace(/}\n$/, "")],
    ["a duplicate export", script([]).replace("export const dependsOn = null;", 'export const revision = "x";')],
    ["CRLF line ends", script([]).replace(/\n/g, "\r\n")],
    ["a type annotation", script(BENCH_OPS.slice(0, 1)).replace("(batchOp)", "(batchOp: any)")],
    ["a line break before =>", script(BENCH_OPS.slice(0, 1)).replace("(batchOp) =>", "(batchOp)\n=>")],
    ["a concise arrow body", script([]).replace("export function upgrade() {", 'export function upgrade() {\n  op.batchAlterTable("t", (b) => b.dropColumn("x"));')],
    ["a duplicate parameter", script(BENCH_OPS.slice(0, 1)).replace("(batchOp)", "(batchOp, batchOp)")],
    ["a directive", script([]).replace("export function upgrade() {", 'export function upgrade() {\n  "use strict";')],
    ["a parenthesised statement", script([]).replace("export function upgrade() {", 'export function upgrade() {\n  (op.execute("x"));')],
    ["a let declaration", script([]).replace("export const revision", "export let revision")],
    ["a statement at the top level", script([]).replace("// revision identifiers", 'op.execute("x");\n//')],
    ["a return", script([]).replace("export function upgrade() {", "export function upgrade() {\n  return;")],
    ["a unicode escape", script([]).replace('"abcdef012345";', '"\\u0061bcdef012345";')],
    ["an async function", script([]).replace("export function upgrade", "export async function upgrade")],
    ["an unclosed comment", `${script([])}/* open`],
  ];
  it.each(outside)("gives up on %s, and parseMigrationScript gives Babel's result", (_what, source) => {
    expect(fastParseScript(source)).toBeNull();
    expect(() => parseMigrationScript(source, "fast")).toThrow(/gave up/);
    expectSameResult(source);
  });

  it("still reports a syntax error in a script with its line and column", () => {
    const source = script(BENCH_OPS.slice(0, 2)).replace('batchOp.addColumn(sa.Column("extra"', 'batchOp.addColumn(sa.Column("extra" "');
    const result = parseMigrationScript(source);
    expect(result.ok).toBe(false);
    const lines = source.split("\n");
    const line = lines.findIndex((l) => l.includes('"extra" "')) + 1;
    const column = lines[line - 1]!.indexOf('"extra" "') + '"extra" '.length + 1;
    expect(result.diagnostics[0]).toMatchObject({ severity: "error", line, column, message: "Syntax error: Unterminated string constant." });
    expectSameResult(source);
  });
});

// ---- generated scripts and edits ----

describe("the fast script parser on generated scripts", () => {
  it("gives Babel's File and result for rendered scripts of random ops, and reads most of them", () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(anyOp, { maxLength: 5 }), fc.array(reversibleOp, { maxLength: 4 }), (up, reversible) => {
        const source = script(up, reverseOps(reversible));
        runs++;
        if (fastParseScript(source) !== null) {
          fast++;
          expectSameAst(source);
        }
        expectSameResult(source);
      }),
      { numRuns: 300 },
    );
    // identifiers with control characters are written with \u escapes, which go to Babel
    expect(fast / runs).toBeGreaterThan(0.3);
  });

  // small edits a person makes by hand, anywhere in a script: the fast path must read them as
  // Babel does, or give up
  const snippet = fc.constantFrom(" ", "\n", ";", ",", "(", ")", "{", "}", "[", "]", '"', "'", "`", "-", "=>", "=", ".", "x", "op", "/*", "*/", "//", "\\", "\n(", "\n[", "\n-x", "new ", "return ", "1", "null");
  const edits = fc.array(fc.tuple(fc.nat(), snippet, fc.nat(3)), { minLength: 1, maxLength: 3 });

  it("reads an edited script as Babel does, or leaves it to Babel", () => {
    const base = script(BENCH_OPS.slice(0, 3), [BENCH_OPS[0]!]);
    fc.assert(
      fc.property(edits, (changes) => {
        let source = base;
        for (const [at, text, removed] of changes) {
          const i = at % (source.length + 1);
          source = source.slice(0, i) + text + source.slice(i + removed);
        }
        if (fastParseScript(source) !== null) expectSameAst(source);
        expectSameResult(source);
      }),
      { numRuns: 400 },
    );
  });
});
