// What people write by hand reads as the same ops the factories make.
import { describe, expect, test } from "vitest";
import * as ops from "../../../src/engine/ops/ops";
import { column, emptyTable } from "../../../src/engine/schema/model";
import { parseMigrationScript, type ParsedScript } from "../../../src/engine/script";

function parse(source: string): ParsedScript {
  const result = parseMigrationScript(source);
  // the fast parser, where it reads the script, must give what Babel's AST gives
  expect(result).toStrictEqual(parseMigrationScript(source, "babel"));
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join("\n"));
  expect(result.diagnostics).toEqual([]);
  return result.script;
}

const upgradeOf = (body: string) =>
  parse(`import { op, sa } from "retort";
export const revision = "a1";
export const downRevision = "b2";
export function upgrade() {
${body}
}
export function downgrade() {}
`).upgradeOps;

describe("hand-written operations", () => {
  test.each<[string, ops.MigrateOp]>([
    [`op.execute("UPDATE users SET active = 1");`, ops.execute("UPDATE users SET active = 1")],
    ["op.execute(`UPDATE users\n  SET active = 1`);", ops.execute("UPDATE users\n  SET active = 1")],
    [`op.execute(sa.text("DELETE FROM t"));`, ops.execute("DELETE FROM t")],
    [`op.bulkInsert("roles", [{ id: 1, name: "admin", ok: true, note: null, "odd key": -2.5 }]);`, ops.bulkInsert("roles", [{ id: 1, name: "admin", ok: true, note: null, "odd key": -2.5 }])],
    [`op.alterColumn("t", "c", { nullable: false, existingType: sa.String(64), type: sa.Text });`, ops.alterColumn("t", "c", { nullable: false, existingType: { name: "String", length: 64 }, type: { name: "Text" } })],
    [`op.alterColumn("t", "c", { serverDefault: sa.text("CURRENT_TIMESTAMP"), existingServerDefault: "it's" });`, ops.alterColumn("t", "c", { serverDefault: "CURRENT_TIMESTAMP", serverDefaultIsSql: true, existingServerDefault: "'it''s'" })],
    [`op.dropTable("old");`, ops.dropTable("old")],
    [`op.renameTable("old", "new");`, ops.renameTable("old", "new")],
    [`op.createIndex("ix", "t", ["c"], { unique: true });`, ops.createIndex("t", { name: "ix", columns: ["c"], unique: true })],
    [`op.createIndex("ix", "t", ["c"]);`, ops.createIndex("t", { name: "ix", columns: ["c"], unique: false })],
    [`op.dropIndex("ix", { tableName: "t" });`, ops.dropIndex("t", "ix")],
    [`op.dropIndex("ix", "t");`, ops.dropIndex("t", "ix")],
    [`op.dropConstraint("name", "t", { type: "unique" });`, ops.dropConstraint("t", "name", "unique")],
    [`op.dropConstraint("name", "t");`, ops.dropConstraint("t", "name", null)],
    [
      `op.createForeignKey("fk", "src", "ref", ["a"], ["b"], { onDelete: "cascade" });`,
      ops.createForeignKey("src", { name: "fk", columns: ["a"], referredTable: "ref", referredColumns: ["b"], onDelete: "CASCADE", onUpdate: null }),
    ],
    [`op.createCheckConstraint("ck", "t", sa.text("x > 0"));`, ops.createCheckConstraint("t", { name: "ck", sqltext: "x > 0" })],
    [`op.addColumn("t", sa.Column("n", sa.Numeric(8, 2), { serverDefault: "0" }));`, ops.addColumn("t", column("n", { name: "Numeric", precision: 8, scale: 2 }, { serverDefault: "'0'" }))],
    // sa.text("'0'") is a TextClause (Alembic rebuilds to add it), "0" a plain string: the same SQL, told apart
    [`op.addColumn("t", sa.Column("n", sa.Integer(), { serverDefault: sa.text("'0'") }));`, ops.addColumn("t", column("n", { name: "Integer" }, { serverDefault: "'0'", serverDefaultIsSql: true }))],
    [
      `op.alterColumn("t", "c", { type: sa.Text(), existingServerDefault: sa.text("'0'") });`,
      ops.alterColumn("t", "c", { type: { name: "Text" }, existingServerDefault: "'0'", existingServerDefaultIsSql: true }),
    ],
    [`op.addColumn("t", sa.Column("s", sa.String({ length: 5 }), { autoincrement: "auto", comment: null }));`, ops.addColumn("t", column("s", { name: "String", length: 5 }))],
    [`op.addColumn("t", sa.Column("e", sa.Enum("a", "b", { name: "st" }) as const));`, ops.addColumn("t", column("e", { name: "Enum", values: ["a", "b"], enumName: "st" }))],
    [`op.batchAlterTable("t", (b) => b.dropColumn("c"));`, ops.modifyTable("t", [ops.dropColumn("t", "c")])],
    [`op.batchAlterTable("t", function (b) { b.dropColumn("c"); });`, ops.modifyTable("t", [ops.dropColumn("t", "c")])],
    [`op.batchAlterTable("t", (batchOp) => {});`, ops.modifyTable("t", [])],
    // names copied from Alembic scripts: op.f("…") / batchOp.f("…") is the name itself
    [`op.batchAlterTable("t", (batchOp) => { batchOp.createIndex(batchOp.f("ix_t_c"), ["c"], { unique: true }); });`, ops.modifyTable("t", [ops.createIndex("t", { name: "ix_t_c", columns: ["c"], unique: true })])],
    [`op.createTable("t", sa.Column("id", sa.Integer(), { nullable: false }), sa.PrimaryKeyConstraint("id", { name: op.f("pk_t") }));`, ops.createTable({ ...emptyTable("t"), columns: [column("id", { name: "Integer" }, { nullable: false })], primaryKey: { name: "pk_t", columns: ["id"] } })],
  ])("%s", (body, op) => {
    expect(upgradeOf(body)).toEqual([op]);
  });

  test("types with and without parentheses", () => {
    const types = ["Integer", "BigInteger", "SmallInteger", "String", "Unicode", "Text", "UnicodeText", "Boolean", "Float", "Numeric", "Date", "DateTime", "Time", "LargeBinary", "JSON", "Enum"];
    for (const name of types) {
      const expected = name === "Enum" ? { name, values: [] } : { name };
      expect(upgradeOf(`op.addColumn("t", sa.Column("c", sa.${name}));`)).toEqual([ops.addColumn("t", column("c", expected))]);
      expect(upgradeOf(`op.addColumn("t", sa.Column("c", sa.${name}()));`)).toEqual([ops.addColumn("t", column("c", expected))]);
    }
  });

  test("createTable with column flags, as SQLAlchemy reads them", () => {
    const table = upgradeOf(`op.createTable("roles",
  sa.Column("id", sa.Integer, { primaryKey: true }),
  sa.Column("name", sa.String(64), { unique: true, nullable: false }),
  sa.Column("role_id", sa.Integer, sa.ForeignKey("roles.id", { onDelete: "SET NULL" })),
);`)[0];
    expect(table).toEqual(
      ops.createTable({
        ...emptyTable("roles"),
        columns: [
          column("id", { name: "Integer" }, { nullable: false }),
          column("name", { name: "String", length: 64 }, { nullable: false }),
          column("role_id", { name: "Integer" }),
        ],
        primaryKey: { name: null, columns: ["id"] },
        uniqueConstraints: [{ name: null, columns: ["name"] }],
        foreignKeys: [{ name: null, columns: ["role_id"], referredTable: "roles", referredColumns: ["id"], onDelete: "SET NULL", onUpdate: null }],
      }),
    );
  });

  test("columns named by a PrimaryKeyConstraint are NOT NULL unless the script says otherwise (SQLAlchemy 1.4)", () => {
    const [op] = upgradeOf(`op.createTable("t", sa.Column("a", sa.Integer()), sa.Column("b", sa.Integer(), { nullable: true }), sa.PrimaryKeyConstraint("a", "b"));`);
    expect(op?.kind === "create_table" && op.table.columns.map((c) => c.nullable)).toEqual([false, true]);
  });
});

describe("the module around the operations", () => {
  test("comments anywhere, a merge, labels as a string, the header's message and date", () => {
    const script = parse(`/**
 * Merge the two branches
 * of the tutorial
 *
 * Revision ID: c3
 * Revises: a1, b2
 * Create Date: 2026-11-22 03:58:08.639305
 */
// leading comment
import { op, sa } from "retort"; // trailing comment

/* block */ export const revision: string = "c3";
export const downRevision = ["a1", "b2"] as const;
export const branchLabels = "feature";
export const dependsOn = null;

export function upgrade(): void {
  // nothing to do
  op.execute("SELECT 1"); /* inline */
  ;
}

export function downgrade() {
  /* nothing */
}
`);
    expect(script).toEqual({
      message: "Merge the two branches\nof the tutorial",
      longdoc: "Merge the two branches\nof the tutorial\n\nRevision ID: c3\nRevises: a1, b2\nCreate Date: 2026-11-22 03:58:08.639305",
      revision: "c3",
      downRevision: ["a1", "b2"],
      branchLabels: ["feature"],
      dependsOn: null,
      createDate: "2026-11-22 03:58:08.639305",
      upgradeOps: [ops.execute("SELECT 1")],
      downgradeOps: [],
    });
  });

  test("a base revision; a script without a header comment has an empty message", () => {
    const script = parse(`export const revision = "a1";\nexport const downRevision = null;\nexport function upgrade() {}\nexport function downgrade() {}\n`);
    expect([script.message, script.downRevision, script.createDate, script.branchLabels]).toEqual(["", null, null, null]);
  });

  test("a script saved with CRLF line ends reads the same", () => {
    const lf = `/**\n * Added email field\n *\n * Revision ID: a1\n */\nimport { op, sa } from "retort";\nexport const revision = "a1";\nexport const downRevision = null;\nexport function upgrade() {\n  op.execute(\`A\nB\`);\n}\nexport function downgrade() {}\n`;
    const crlf = parse(lf.replace(/\n/g, "\r\n"));
    // template literals read CRLF as LF (ECMA-262 §12.9.6), as the renderer relies on
    expect(crlf).toEqual(parse(lf));
    expect(crlf.message).toBe("Added email field");
  });

  test("never executes the script", () => {
    const g = globalThis as { __retortRan?: boolean };
    const result = parseMigrationScript(`globalThis.__retortRan = true;\nexport const revision = "a";\nexport const downRevision = null;\nexport function upgrade() { op.execute((globalThis.__retortRan = true, "x")); }\nexport function downgrade() {}\n`);
    expect(result.ok).toBe(false);
    expect(g.__retortRan).toBeUndefined();
  });
});
