// The editor's quick fixes as data: what Ctrl+. offers on a line of models.ts or of a script.
import { expect, test } from "vitest";
import { diagnosticFixesAt, scriptFixesAt } from "../../../src/app/editor/quick-fixes";
import * as engine from "../../../src/engine/index";
import { applyTextEdits, parseModels } from "../../../src/engine/index";
import { toDiagnosticView } from "../../../src/app/engine-views";

const MODELS = `import { SQLAlchemy } from "retort";

const db = new SQLAlchemy();

export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primary_key: true });
  name = db.Column(db.Strin(64));
}
`;

test("a diagnostic with a replacement is a preferred quick fix on its line only", () => {
  const diagnostics = parseModels(MODELS).diagnostics.map(toDiagnosticView);
  const textIn = (d: { line: number; column: number; endColumn: number }) => MODELS.split("\n")[d.line - 1]!.slice(d.column - 1, d.endColumn - 1);
  const onLine = (line: number) => diagnosticFixesAt(diagnostics, { startLine: line, endLine: line }, textIn);
  expect(onLine(7).map((f) => [f.title, f.isPreferred, f.diagnostic?.message])).toEqual([
    ["Change to 'primaryKey'", true, "Unknown option 'primary_key'. Did you mean 'primaryKey'?"],
  ]);
  expect(onLine(8).map((f) => f.title)).toEqual(["Change to 'db.String'"]);
  expect(onLine(6)).toEqual([]);
  const fixed = [...onLine(7), ...onLine(8)].reduce((text, f) => applyTextEdits(text, f.edits), MODELS);
  expect(fixed).toContain("{ primaryKey: true }");
  expect(parseModels(fixed).diagnostics).toEqual([]);
  // a diagnostic from before the last keystrokes: its range no longer holds what it is about
  expect(diagnosticFixesAt(diagnostics, { startLine: 7, endLine: 7 }, () => "primaryK")).toEqual([]);
});

const SCRIPT = `export function upgrade() {
  op.batchAlterTable("users", (batchOp) => {
    batchOp.addColumn(sa.Column("full_name", sa.String(64), { nullable: true }));
    batchOp.addColumn(sa.Column("age", sa.Integer(), { nullable: false }));
    batchOp.dropColumn("name");
  });
}

export function downgrade() {
  op.batchAlterTable("users", (batchOp) => {
    batchOp.addColumn(sa.Column("name", sa.VARCHAR(64), { nullable: true }));
    batchOp.dropColumn("age");
    batchOp.dropColumn("full_name");
  });
}
`;

test("in a script, the fixes of the op under the cursor", () => {
  const on = (line: number) => scriptFixesAt(engine, SCRIPT, { startLine: line, endLine: line }).map((f) => f.title);
  expect(on(3)).toEqual([]);
  expect(on(4)).toEqual(["Add a server default ('users.age')", "Fill it in a data step ('users.age')"]);
  expect(on(5)).toEqual([`Rename instead: alterColumn("name", { newColumnName: "full_name" })`]);
  const [rename] = scriptFixesAt(engine, SCRIPT, { startLine: 5, endLine: 5 });
  expect(applyTextEdits(SCRIPT, rename!.edits)).toContain(`    batchOp.alterColumn("full_name", { newColumnName: "name" });\n    batchOp.dropColumn("age");\n  });`);
});
