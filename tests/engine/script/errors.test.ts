// Every diagnostic of the script parser, with its line and column (1-based, end exclusive).
import { describe, expect, test } from "vitest";
import { parseMigrationScript } from "../../../src/engine/script";

/** A valid script whose upgrade() body is `body`, on line 5 from column 3. */
const inUpgrade = (body: string) =>
  `import { op, sa } from "retort";\nexport const revision = "abc";\nexport const downRevision = null;\nexport function upgrade() {\n  ${body}\n}\nexport function downgrade() {}\n`;

function diagnostics(source: string): string[] {
  const result = parseMigrationScript(source);
  // the fast parser, where it reads the script, must place every diagnostic where Babel's AST does
  expect(result).toStrictEqual(parseMigrationScript(source, "babel"));
  if (result.diagnostics.some((d) => d.severity === "error")) expect(result.ok).toBe(false);
  return result.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`);
}

const E = (pos: string, message: string) => `error 5:${pos} ${message}`;

describe("errors in upgrade() and downgrade()", () => {
  test.each([
    // operations
    [`op.add_column("t", sa.Column("a", sa.Integer()));`, E("6-5:16", "Unknown operation 'op.add_column'. Did you mean 'addColumn'?")],
    [`op.batchAlterTable("t", (batchOp) => { batchOp.add_column(sa.Column("a", sa.Integer())); });`, E("50-5:60", "Unknown operation 'batchOp.add_column'. Did you mean 'addColumn'?")],
    [`op.frobnicate("t");`, E("6-5:16", "Unknown operation 'op.frobnicate'. The operations are createTable, dropTable, renameTable, addColumn, dropColumn, alterColumn, createIndex, dropIndex, createUniqueConstraint, createForeignKey, createCheckConstraint, dropConstraint, execute, bulkInsert, batchAlterTable.")],
    [`op.batchAlterTable("t", (batchOp) => { batchOp.execute("x"); });`, E("50-5:57", "'batchOp.execute' is not available in a batchAlterTable block. Call op.execute(…) before or after the block.")],
    [`op.batchAlterTable("t", (batchOp) => { op.addColumn("t", sa.Column("a", sa.Integer())); });`, E("42-5:44", "Inside a batchAlterTable block, call batchOp.addColumn(…) (without the table name) rather than op.addColumn(…).")],
    [`op.batchAlterTable("t", (batchOp) => { op.execute("x"); });`, E("42-5:57", "op.execute(…) cannot run inside a batchAlterTable block. Move it before or after the block.")],
    [`op.batchAlterTable("t", (b) => { batchOp.dropColumn("x"); });`, E("36-5:43", "Unknown object 'batchOp' in 'batchOp.dropColumn'. Inside this block, operations are called on b.")],
    [`op.batchAlterTable("t", (b) => { b.batchAlterTable("x", (c) => {}); });`, E("36-5:69", "batchAlterTable blocks cannot be nested. Close this block before opening the next one.")],
    [`op.batchAlterTable("t", "x");`, E("27-5:30", 'The second argument of op.batchAlterTable is a callback: op.batchAlterTable("table", (batchOp) => { … }); found the string "x".')],
    [`op.batchAlterTable("t", async (b) => {});`, E("27-5:42", 'The callback of op.batchAlterTable takes one parameter, batchOp: op.batchAlterTable("table", (batchOp) => { … }).')],
    [`op.batchAlterTable("t");`, E("3-5:26", 'op.batchAlterTable takes the table name and a callback: op.batchAlterTable("table", (batchOp) => { … }).')],
    [`foo.dropTable("t");`, E("3-5:6", "Unknown object 'foo' in 'foo.dropTable'. Operations are called on op, as op.dropTable(…).")],
    [`op.dropTable("a", "b");`, E("3-5:25", 'op.dropTable takes 1 argument; found 2. Write it as op.dropTable("table").')],
    [`op.batchAlterTable("t", (batchOp) => { batchOp.dropColumn(); });`, E("42-5:62", 'batchOp.dropColumn takes 1 argument (inside a batchAlterTable block, without the table name); found 0. Write it as op.dropColumn("table", "column").')],
    [`op.dropTable(...names);`, E("16-5:24", "The arguments of dropTable are written out, not spread (...).")],
    // statements that are not operations
    [`const x = 1;`, E("3-5:15", "Only op.*(…) calls can appear in upgrade(); found a variable declaration. Migration scripts are read without running them: write each operation out.")],
    [`for (const t of ["a"]) op.dropTable(t);`, E("3-5:42", "Only op.*(…) calls can appear in upgrade(); found a loop. Migration scripts are read without running them: write each operation out.")],
    [`if (true) {}`, E("3-5:15", "Only op.*(…) calls can appear in upgrade(); found an if statement. Migration scripts are read without running them: write each operation out.")],
    [`op.dropTable;`, E("3-5:15", "Only op.*(…) calls can appear in upgrade(); found 'op.dropTable'. Call it: op.dropTable(…).")],
    [`dropTable("t");`, E("3-5:17", "Only op.*(…) calls can appear in upgrade(); found a call of 'dropTable'.")],
    // values
    [`op.dropTable(name);`, E("16-5:20", "Expected the table name as a string; found a variable 'name'. Migration scripts are read without running them, so write the value itself.")],
    ["op.execute(`x ${y}`);", E("14-5:22", "op.execute takes the SQL as a string or a template literal without ${…}; found a template literal with ${…} substitutions.")],
    [`op.execute(sql());`, E("14-5:19", "op.execute takes the SQL as a string or a template literal without ${…}; found a call of 'sql'.")],
    [`op.createIndex("ix", "t", "a");`, E("29-5:32", 'Expected the indexed columns as an array; found the string "a".')],
    [`op.createIndex("ix", "t", ["a", ...b]);`, E("35-5:39", "Expected one of the indexed columns; found a spread (...).")],
    [`op.createIndex("ix", "t", ["a",, "b"]);`, E("29-5:40", "The array of the indexed columns has an empty slot; remove the extra comma.")],
    [`op.alterColumn("t", "c", { type_: sa.Integer() });`, E("30-5:35", "Unknown option 'type_' for alterColumn. Did you mean 'type'?")],
    [`op.alterColumn("t", "c", { ...o });`, E("30-5:34", "The options of alterColumn must be written as plain 'key: value' pairs. Migration scripts are read without running them, so write the value itself.")],
    [`op.alterColumn("t", "c", { existingServerDefault: sa.text(x) });`, E("53-5:63", `Expected the 'existingServerDefault' option as a string, sa.text("…") or null; found a call of 'sa.text'.`)],
    // types
    [`op.addColumn("t", sa.Column("a", sa.Strin(3)));`, E("36-5:47", "Unknown type 'sa.Strin'. Did you mean 'String'?")],
    [`op.addColumn("t", sa.Column("a", sa.String(length=3)));`, E("46-5:54", "Expected the length of sa.String as a whole number; found a Python keyword argument 'length=…' (write { length: … } instead).")],
    [`op.addColumn("t", sa.Column("a", sa.Integer(5)));`, E("36-5:49", "sa.Integer() takes no arguments.")],
    [`op.addColumn("t", sa.Column("a", db.Integer));`, E("36-5:46", "Column types are written sa.Integer(…); found 'db.Integer'.")],
    [`op.addColumn("t", sa.Column("a", "INT"));`, E("36-5:41", 'Expected a column type such as sa.Integer() or sa.String(64); found the string "INT".')],
    [`op.addColumn("t", sa.Column("a", sa.NullType(1)));`, E("36-5:50", "sa.NullType() takes no arguments.")],
    [`op.addColumn("t", sa.Column("a", sa.String(1, 2)));`, E("36-5:51", "sa.String takes one argument, the length: sa.String(64).")],
    [`op.addColumn("t", sa.Column("a", sa.Numeric(1, 2, 3)));`, E("36-5:55", "sa.Numeric takes at most two arguments, the precision and the scale: sa.Numeric(8, 2).")],
    // columns
    [`op.addColumn("t", sa.Column("a", sa.Integer(), { primary_key: true }));`, E("52-5:63", "Unknown option 'primary_key' for sa.Column. Did you mean 'primaryKey'?")],
    [`op.addColumn("t", sa.Column("a", sa.Integer(), { unique: true }));`, E("60-5:64", "addColumn cannot add a column with 'unique'. Add the column, then a constraint (createUniqueConstraint), in a batchAlterTable block.")],
    [`op.addColumn("t", sa.Column("a", sa.Integer(), { index: true }));`, E("59-5:63", "The option 'index' is not read in migration scripts. Create the index with op.createIndex(…) after the table.")],
    [`op.addColumn("t", sa.Column("a", sa.Integer(), { serverDefault: 5 }));`, E("67-5:68", `Expected the server default as a string or sa.text("…"); found the number 5. Write it as a string: "5".`)],
    [`op.addColumn("t", sa.Column("a", sa.Integer(), { serverDefault: true }));`, E("67-5:71", `Expected the server default as a string, sa.text("…") or null; found true.`)],
    [`op.addColumn("t", sa.Column("a", sa.Integer(), { nullable: "no" }));`, E("62-5:66", `Expected the 'nullable' option as true or false; found the string "no".`)],
    [`op.addColumn("t", sa.Column("a", sa.Integer(), { autoincrement: "yes" }));`, E("67-5:72", `Expected autoincrement as true, false or "auto"; found the string "yes".`)],
    [`op.addColumn("t", sa.Column("a", sa.Integer(), { nullable: true, nullable: false }));`, E("68-5:76", "The option 'nullable' is given twice for sa.Column; keep one.")],
    [`op.addColumn("t", sa.Column("a"));`, E("21-5:35", 'sa.Column needs a name and a type: sa.Column("email", sa.String(120)).')],
    [`op.addColumn("t", "a");`, E("21-5:24", 'Expected sa.Column("name", sa.Type(), { … }); found the string "a".')],
    [`op.addColumn("t", sa.Column("a", sa.Integer(), 5));`, E("50-5:51", "After the type, sa.Column takes sa.ForeignKey(…) and then { options }; found the number 5.")],
    [`op.addColumn("t", sa.Column("a", sa.Integer(), sa.ForeignKey("roles")));`, E("64-5:71", 'A foreign key refers to "table.column"; found "roles". Write it as "roles.id".')],
    [`op.addColumn("t", sa.Column("a", sa.Integer(), sa.ForeignKey()));`, E("50-5:65", 'sa.ForeignKey takes the referred "table.column" and optional { name, onDelete, onUpdate }.')],
    // tables and constraints
    [`op.createTable("t", sa.Column("a", sa.Integer()), sa.Column("a", sa.Integer()));`, E("53-5:81", "The column 'a' appears twice in table 't'.")],
    [`op.createTable("t", sa.Index("ix", "a"));`, E("23-5:42", "createTable takes sa.Column(…) and sa.*Constraint(…) items; found a call of 'sa.Index'.")],
    [`op.createTable("t", sa.ForeignKeyConstraint(["a"], ["x.id", "y.id"]));`, E("23-5:71", "A sa.ForeignKeyConstraint refers to one table, with as many referred columns as local columns.")],
    [`op.createTable("t", sa.ForeignKeyConstraint(["a"]));`, E("23-5:53", 'sa.ForeignKeyConstraint takes the local columns and the referred "table.column"s: sa.ForeignKeyConstraint(["role_id"], ["roles.id"]).')],
    [`op.createTable("t", sa.PrimaryKeyConstraint("a"), sa.PrimaryKeyConstraint("b"));`, E("53-5:81", "Table 't' has two sa.PrimaryKeyConstraint items; keep one.")],
    [`op.createTable("t", sa.CheckConstraint(x));`, E("23-5:44", 'sa.CheckConstraint takes the condition as a string: sa.CheckConstraint("length(name) > 1", { name: "ck_name" }).')],
    [`op.createCheckConstraint("ck", "t", 5);`, E("39-5:40", 'The condition of createCheckConstraint is a string: "length(name) > 1".')],
    [`op.dropConstraint("c", "t", { type: "uniq" });`, E("39-5:45", "Unknown constraint type 'uniq'. Did you mean 'unique'?")],
    [`op.createForeignKey("fk", "a", "b", ["x"], ["y"], { ondelete: "CASCADE" });`, E("55-5:63", "Unknown option 'ondelete' for createForeignKey. Did you mean 'onDelete'?")],
    [`op.createForeignKey("fk", "a", "b", ["x"], ["y"], { onDelete: "EXPLODE" });`, E("65-5:74", 'Unknown onDelete action \'EXPLODE\'. Use one of "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION".')],
    // indexes
    [`op.dropIndex("ix");`, E("3-5:21", 'op.dropIndex needs the table: op.dropIndex("ix_name", { tableName: "table" }).')],
    [`op.dropIndex("ix", {});`, E("22-5:24", 'op.dropIndex needs the table: op.dropIndex("ix_name", { tableName: "table" }).')],
    [`op.batchAlterTable("t", (batchOp) => { batchOp.dropIndex("ix", "t"); });`, E("66-5:69", "Inside a batchAlterTable block, dropIndex takes only the index name.")],
    // rows
    [`op.bulkInsert("t", [{ a: x }]);`, E("28-5:29", "Expected a row value (a string, a number, true, false or null); found a variable 'x'.")],
    [`op.bulkInsert("t", [1]);`, E("23-5:24", "Each row of bulkInsert is an object { column: value }; found the number 1.")],
    [`op.bulkInsert("t", [{ a: 1, a: 2 }]);`, E("31-5:35", "The column 'a' is given twice in one row; keep one.")],
    [`op.bulkInsert("t", [{ ...r }]);`, E("25-5:29", "Each row of bulkInsert is written as plain 'column: value' pairs.")],
    // syntax
    [`op.alterColumn("t", "c", { nullable: false }`, "error 6:1-6:2 Syntax error: Unexpected token, expected \",\"."],
  ])("%s", (body, expected) => {
    expect(diagnostics(inUpgrade(body))).toEqual([expected]);
  });

  test("a client-side default is a warning: the script still reads", () => {
    const result = parseMigrationScript(inUpgrade(`op.addColumn("t", sa.Column("a", sa.Integer(), { default: 1 }));`));
    expect(result.ok).toBe(true);
    expect(diagnostics(inUpgrade(`op.addColumn("t", sa.Column("a", sa.Integer(), { default: 1 }));`))).toEqual([
      "warning 5:61-5:62 'default' is a client-side default: it has no effect on the schema and is ignored here.",
    ]);
  });

  test("all errors are reported, in source order", () => {
    const body = `op.dropTable(x);\n  op.add_column("t");\n  op.execute(1);`;
    expect(diagnostics(inUpgrade(body)).map((d) => d.split(" ").slice(0, 2).join(" "))).toEqual(["error 5:16-5:17", "error 6:6-6:16", "error 7:14-7:15"]);
  });
});

describe("errors at the top level", () => {
  test("Python names, let, wrong values, parameters, duplicates", () => {
    const source = [
      'export let revision = "a";',
      "export const down_revision = null;",
      "export const downRevision = 5;",
      "export function upgrade(x) {}",
      "export function downgrade() {}",
      'export const revision = "b";',
    ].join("\n");
    expect(diagnostics(source)).toEqual([
      "error 1:8-1:27 Write the revision identifiers with const, not let.",
      "error 2:14-2:27 Unknown export 'down_revision'. Did you mean 'downRevision'?",
      "error 3:29-3:30 Expected downRevision (null for a first revision) as null, a string literal or an array of string literals; found the number 5.",
      "error 4:8-4:30 Write upgrade as a plain function without parameters: `export function upgrade() { … }`.",
      "error 6:14-6:15 Syntax error: Identifier 'revision' has already been declared.",
      "error 6:14-6:22 'revision' is exported twice; keep one.",
    ]);
  });

  test("imports other than retort's, code outside the functions, missing exports", () => {
    const source = ['import { op as o, sa } from "retort";', 'import * as fs from "fs";', "console.log(1);", "export default 1;", "function helper() {}", "export { helper };"].join("\n");
    const top =
      'At the top level, a migration script holds only `import { op, sa } from "retort"`, the exports revision, downRevision, branchLabels and dependsOn, and the functions upgrade() and downgrade()';
    expect(diagnostics(source)).toEqual([
      'error 1:1-1:38 The script has no revision. Add `export const revision = "<12 hex digits>";`.',
      "error 1:1-1:38 The script has no downRevision. Add `export const downRevision = null;` for a first revision, or the id of the revision it follows.",
      "error 1:1-1:38 The script has no upgrade(). Add `export function upgrade() { … }`.",
      "error 1:1-1:38 The script has no downgrade(). Add `export function downgrade() { … }`.",
      'error 1:10-1:17 "retort" gives migration scripts op and sa, imported under those names: `import { op, sa } from "retort"`.',
      'error 2:1-2:26 Only `import { op, sa } from "retort"` is allowed in a migration script; found an import from "fs".',
      `error 3:1-3:16 ${top}; found a call of 'console.log'.`,
      `error 4:1-4:18 ${top}; found a default export.`,
      `error 5:1-5:21 ${top}; found a declaration that is not exported.`,
      `error 6:1-6:19 ${top}; found an export list.`,
    ]);
  });

  test("revision must be a string literal; labels are strings; functions and values in their place", () => {
    const source = [
      "export const revision = makeId();",
      "export const downRevision = null;",
      "export const branchLabels = [x];",
      "export const dependsOn = 5;",
      "export const upgrade = 1;",
      "export function branchLabels2() {}",
      "export function downgrade() {}",
      "export const { y } = z;",
    ].join("\n");
    expect(diagnostics(source)).toEqual([
      "error 1:25-1:33 The revision must be a string literal such as \"9f3a45b61f3d\"; found a call of 'makeId'. Scripts are read without running them.",
      "error 3:30-3:31 Expected each of branchLabels as a string; found a variable 'x'. Migration scripts are read without running them, so write the value itself.",
      "error 4:26-4:27 Expected dependsOn as null, a string literal or an array of string literals; found the number 5.",
      "error 5:14-5:25 upgrade is a function: `export function upgrade() { … }`.",
      "error 6:17-6:30 Unknown export 'branchLabels2'. Did you mean 'branchLabels'?",
      'error 8:14-8:19 Export each revision identifier by name: `export const revision = "…";`.',
    ]);
  });

  test("a value exported as a function", () => {
    const source = 'export const revision = "a";\nexport const downRevision = null;\nexport function branchLabels() {}\nexport function upgrade() {}\nexport function downgrade() {}\n';
    expect(diagnostics(source)).toEqual(["error 3:8-3:34 branchLabels is a value: `export const branchLabels = …;`."]);
  });

  test("an empty file misses everything, at 1:1", () => {
    expect(diagnostics("")).toHaveLength(4);
    expect(diagnostics("")[0]).toBe('error 1:1-1:1 The script has no revision. Add `export const revision = "<12 hex digits>";`.');
  });

  test("a syntax error Babel cannot recover from is one diagnostic", () => {
    expect(diagnostics('export const revision = "a";;;; ))) \n')).toEqual(["error 1:33-1:34 Syntax error: Unexpected token."]);
  });
});
