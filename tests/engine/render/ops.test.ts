import { describe, expect, test } from "vitest";
import * as ops from "../../../src/engine/ops/ops";
import type { MigrateOp } from "../../../src/engine/ops/ops";
import { column, emptyTable } from "../../../src/engine/schema/model";
import { renderOps, renderOpText, renderServerDefault, renderType } from "../../../src/engine/render";

const fk = { name: "fk_a", columns: ["role_id"], referredTable: "roles", referredColumns: ["id"], onDelete: "CASCADE", onUpdate: "SET NULL" } as const;
const ix = { name: "ix_users_username", columns: ["username", "id"], unique: false };
const email = column("email", { name: "String", length: 120 });

/** [op, as `op.*` at the top level, as `batchOp.*` in a batch block (null: not a batch operation)] */
const CASES: [MigrateOp, string, string | null][] = [
  [ops.dropTable("users"), 'op.dropTable("users");', null],
  [ops.renameTable("a", "b"), 'op.renameTable("a", "b");', null],
  [ops.addColumn("users", email), 'op.addColumn("users", sa.Column("email", sa.String(120), { nullable: true }));', 'batchOp.addColumn(sa.Column("email", sa.String(120), { nullable: true }));'],
  [
    ops.addColumn("users", column("role_id", { name: "Integer" }), [fk]),
    'op.addColumn("users", sa.Column("role_id", sa.Integer(), sa.ForeignKey("roles.id", { name: "fk_a", onUpdate: "SET NULL", onDelete: "CASCADE" }), { nullable: true }));',
    'batchOp.addColumn(sa.Column("role_id", sa.Integer(), sa.ForeignKey("roles.id", { name: "fk_a", onUpdate: "SET NULL", onDelete: "CASCADE" }), { nullable: true }));',
  ],
  [ops.dropColumn("users", "email"), 'op.dropColumn("users", "email");', 'batchOp.dropColumn("email");'],
  [
    ops.alterColumn("item", "title", { existingType: { name: "VARCHAR", length: 64 }, type: { name: "String", length: 200 }, existingNullable: true }),
    'op.alterColumn("item", "title", { existingType: sa.VARCHAR(64), type: sa.String(200), existingNullable: true });',
    'batchOp.alterColumn("title", { existingType: sa.VARCHAR(64), type: sa.String(200), existingNullable: true });',
  ],
  [
    // render.py `_alter_column`: existing_nullable only without nullable; existing_server_default only without server_default
    ops.alterColumn("item", "qty", { nullable: false, existingNullable: true, serverDefault: "'0'", existingServerDefault: "'1'", existingType: { name: "INTEGER" } }),
    'op.alterColumn("item", "qty", { existingType: sa.INTEGER(), serverDefault: "0", nullable: false });',
    'batchOp.alterColumn("qty", { existingType: sa.INTEGER(), serverDefault: "0", nullable: false });',
  ],
  [
    ops.alterColumn("item", "qty", { newColumnName: "quantity", existingServerDefault: "CURRENT_TIMESTAMP", serverDefault: undefined }),
    'op.alterColumn("item", "qty", { newColumnName: "quantity", existingServerDefault: sa.text("CURRENT_TIMESTAMP") });',
    'batchOp.alterColumn("qty", { newColumnName: "quantity", existingServerDefault: sa.text("CURRENT_TIMESTAMP") });',
  ],
  [
    // a default written text() or reflected stays sa.text(…) even when it is a quoted literal (real Alembic's downgrade:
    // add_column(sa.Column('code', sa.VARCHAR(length=10), server_default=sa.text("'ab'"), …)); a plain one is the string
    ops.addColumn("item", column("code", { name: "VARCHAR", length: 10 }, { serverDefault: "'ab'", serverDefaultIsSql: true })),
    'op.addColumn("item", sa.Column("code", sa.VARCHAR(10), { serverDefault: sa.text("\'ab\'"), nullable: true }));',
    'batchOp.addColumn(sa.Column("code", sa.VARCHAR(10), { serverDefault: sa.text("\'ab\'"), nullable: true }));',
  ],
  [
    ops.addColumn("item", column("code", { name: "VARCHAR", length: 10 }, { serverDefault: "'ab'" })),
    'op.addColumn("item", sa.Column("code", sa.VARCHAR(10), { serverDefault: "ab", nullable: true }));',
    'batchOp.addColumn(sa.Column("code", sa.VARCHAR(10), { serverDefault: "ab", nullable: true }));',
  ],
  [
    // the real tool: alter_column('qty', existing_type=sa.INTEGER(), type_=sa.String(length=5), …, existing_server_default=sa.text("'0'"))
    ops.alterColumn("item", "qty", { existingType: { name: "INTEGER" }, type: { name: "String", length: 5 }, existingNullable: true, existingServerDefault: "'0'", existingServerDefaultIsSql: true }),
    'op.alterColumn("item", "qty", { existingType: sa.INTEGER(), type: sa.String(5), existingNullable: true, existingServerDefault: sa.text("\'0\'") });',
    'batchOp.alterColumn("qty", { existingType: sa.INTEGER(), type: sa.String(5), existingNullable: true, existingServerDefault: sa.text("\'0\'") });',
  ],
  [
    ops.alterColumn("item", "qty", { serverDefault: "'1'", serverDefaultIsSql: true }),
    'op.alterColumn("item", "qty", { serverDefault: sa.text("\'1\'") });',
    'batchOp.alterColumn("qty", { serverDefault: sa.text("\'1\'") });',
  ],
  [ops.alterColumn("item", "qty", { serverDefault: null }), 'op.alterColumn("item", "qty", { serverDefault: null });', 'batchOp.alterColumn("qty", { serverDefault: null });'],
  [ops.createIndex("users", ix), 'op.createIndex("ix_users_username", "users", ["username", "id"], { unique: false });', 'batchOp.createIndex("ix_users_username", ["username", "id"], { unique: false });'],
  [ops.dropIndex("users", "ix_a"), 'op.dropIndex("ix_a", { tableName: "users" });', 'batchOp.dropIndex("ix_a");'],
  [ops.createUniqueConstraint("users", { name: "uq_e", columns: ["email"] }), 'op.createUniqueConstraint("uq_e", "users", ["email"]);', 'batchOp.createUniqueConstraint("uq_e", ["email"]);'],
  // an unnamed constraint renders null, as Alembic renders None
  [ops.createUniqueConstraint("users", { name: null, columns: ["a", "b"] }), 'op.createUniqueConstraint(null, "users", ["a", "b"]);', 'batchOp.createUniqueConstraint(null, ["a", "b"]);'],
  [
    ops.createForeignKey("users", fk),
    'op.createForeignKey("fk_a", "users", "roles", ["role_id"], ["id"], { onUpdate: "SET NULL", onDelete: "CASCADE" });',
    'batchOp.createForeignKey("fk_a", "roles", ["role_id"], ["id"], { onUpdate: "SET NULL", onDelete: "CASCADE" });',
  ],
  [
    ops.createForeignKey("users", { ...fk, name: null, onDelete: null, onUpdate: null }),
    'op.createForeignKey(null, "users", "roles", ["role_id"], ["id"]);',
    'batchOp.createForeignKey(null, "roles", ["role_id"], ["id"]);',
  ],
  [ops.createCheckConstraint("users", { name: "ck_len", sqltext: "length(name) > 1" }), 'op.createCheckConstraint("ck_len", "users", "length(name) > 1");', 'batchOp.createCheckConstraint("ck_len", "length(name) > 1");'],
  [ops.dropConstraint("users", "uq_e", "unique"), 'op.dropConstraint("uq_e", "users", { type: "unique" });', 'batchOp.dropConstraint("uq_e", { type: "unique" });'],
  [ops.dropConstraint("users", null, null), 'op.dropConstraint(null, "users", { type: null });', "batchOp.dropConstraint(null, { type: null });"],
  [ops.execute("UPDATE users SET n = 'x'"), "op.execute(\"UPDATE users SET n = 'x'\");", null],
  [ops.bulkInsert("roles", [{ id: 1, name: "admin", "odd key": null, on: true }]), 'op.bulkInsert("roles", [{ id: 1, name: "admin", "odd key": null, on: true }]);', null],
];

describe("one renderer per op kind", () => {
  test.each(CASES)("%o", (op, topLevel, inBatch) => {
    expect(renderOpText(op)).toBe(topLevel);
    if (inBatch === null) {
      expect(() => renderOps([ops.modifyTable("users", [op])], "")).toThrow(/batch mode does not offer/);
    } else {
      expect(renderOps([ops.modifyTable("users", [op])], "")).toEqual(['op.batchAlterTable("users", (batchOp) => {', `  ${inBatch}`, "});", ""]);
    }
  });

  test("create_table: columns, then constraints sorted as Alembic sorts their Python text", () => {
    const table = {
      ...emptyTable("t"),
      columns: [column("id", { name: "Integer" }, { nullable: false, autoincrement: true }), column("s", { name: "Enum", values: ["a", "b"], enumName: "st" }, { serverDefault: "'a'", comment: "state" })],
      primaryKey: { name: null, columns: ["id"] },
      uniqueConstraints: [{ name: "b_uq", columns: ["s"] }, { name: null, columns: ["id", "s"] }],
      foreignKeys: [{ ...fk, columns: ["s"], name: null, onUpdate: null }],
      checkConstraints: [{ name: "ck", sqltext: "s != ''" }],
      indexes: [{ name: "ix_t_s", columns: ["s"], unique: false }],
    };
    expect(renderOpText(ops.createTable(table))).toBe(
      [
        'op.createTable("t",',
        '  sa.Column("id", sa.Integer(), { autoincrement: true, nullable: false }),',
        '  sa.Column("s", sa.Enum("a", "b", { name: "st" }), { serverDefault: "a", nullable: true, comment: "state" }),',
        '  sa.CheckConstraint("s != \'\'", { name: "ck" }),',
        '  sa.ForeignKeyConstraint(["s"], ["roles.id"], { onDelete: "CASCADE" }),',
        '  sa.PrimaryKeyConstraint("id"),',
        '  sa.UniqueConstraint("id", "s"),',
        '  sa.UniqueConstraint("s", { name: "b_uq" })',
        ");",
      ].join("\n"),
    );
  });

  test("a batch block with no ops renders nothing, as render.py `_render_modify_table`", () => {
    expect(renderOps([ops.modifyTable("users", [])], "  ")).toEqual([]);
  });

  test("bulk_insert with several rows puts one row on each line", () => {
    expect(renderOpText(ops.bulkInsert("roles", [{ id: 1 }, { id: -0, x: 1.5e300 }]))).toBe('op.bulkInsert("roles", [\n  { id: 1 },\n  { id: -0, x: 1.5e+300 },\n]);');
  });

  test("multi-line SQL is a template literal that keeps backticks, ${ and \\r", () => {
    expect(renderOpText(ops.execute("UPDATE t\nSET a = `b` || '${c}'\r\n"))).toBe("op.execute(`UPDATE t\nSET a = \\`b\\` || '\\${c}'\\u000d\n`);");
  });

  test("identifiers with quotes, backslashes, newlines and </script> are escaped", () => {
    expect(renderOpText(ops.dropTable('a"b\\c\nd</script>\u2028'))).toBe('op.dropTable("a\\"b\\\\c\\nd</script>\\u2028");');
  });
});

describe("types and server defaults", () => {
  test.each([
    [{ name: "String", length: 64 }, "sa.String(64)"],
    [{ name: "String" }, "sa.String()"],
    [{ name: "Numeric", precision: 8, scale: 2 }, "sa.Numeric(8, 2)"],
    [{ name: "Numeric", precision: 8 }, "sa.Numeric(8)"],
    [{ name: "Numeric", scale: 2 }, "sa.Numeric(null, 2)"],
    [{ name: "Enum", values: ["a", "b"], enumName: "status" }, 'sa.Enum("a", "b", { name: "status" })'],
    [{ name: "Enum", values: ["new"] }, 'sa.Enum("new")'],
    [{ name: "VARCHAR", length: 64 }, "sa.VARCHAR(64)"],
    [{ name: "INTEGER" }, "sa.INTEGER()"],
    [{ name: "NULL" }, "sa.NullType()"],
    [{ name: "LargeBinary" }, "sa.LargeBinary()"],
  ])("%o -> %s", (type, text) => {
    expect(renderType(type)).toBe(text);
  });

  test.each([
    ["'0'", '"0"'],
    ["'it''s'", '"it\'s"'],
    ["''", '""'],
    ["CURRENT_TIMESTAMP", 'sa.text("CURRENT_TIMESTAMP")'],
    ["'a' || 'b'", "sa.text(\"'a' || 'b'\")"],
    ["(1 + 1)", 'sa.text("(1 + 1)")'],
  ])("server default %s -> %s", (sql, text) => {
    expect(renderServerDefault(sql)).toBe(text);
  });

  test.each([
    ["'0'", "sa.text(\"'0'\")"],
    ["'it''s'", "sa.text(\"'it''s'\")"],
    ["CURRENT_TIMESTAMP", 'sa.text("CURRENT_TIMESTAMP")'],
  ])("server default %s written text() or reflected -> %s, as _render_potential_expr", (sql, text) => {
    expect(renderServerDefault(sql, true)).toBe(text);
  });
});
