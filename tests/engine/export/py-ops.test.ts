// The ops that autogenerate never writes, and the header of branches and merges, in Python.
import { describe, expect, test } from "vitest";
import { NameStyle, renderPythonScript } from "../../../src/engine/export";
import { renderPyOps, splitStatements } from "../../../src/engine/export/py-ops";
import { bulkInsert, createCheckConstraint, dropConstraint, execute, modifyTable, renameTable } from "../../../src/engine/ops/ops";
import type { ParsedScript } from "../../../src/engine/script";

const names = new NameStyle(null);

describe("op.execute", () => {
  test("one call per statement: Python's sqlite3 runs one at a time", () => {
    const sql = "UPDATE t SET a = 'x;y';\n-- done; really\nDELETE FROM \"a;b\"; ";
    expect(renderPyOps([execute(sql)], names)).toEqual([
      "op.execute(\"UPDATE t SET a = 'x;y'\")",
      "op.execute('-- done; really\\nDELETE FROM \"a;b\"')",
    ]);
  });

  test("a colon before a word is escaped, or SQLAlchemy's text() would take it for a bind parameter", () => {
    expect(renderPyOps([execute("UPDATE t SET a = 'at :desk', b = '12:30', c = x::text")], names)).toEqual([
      "op.execute(\"UPDATE t SET a = 'at \\\\:desk', b = '12:30', c = x::text\")",
    ]);
  });

  test("a text of comments alone runs nothing", () => {
    expect(splitStatements("-- nothing\n;  ;")).toEqual([]);
  });
});

describe("op.bulk_insert", () => {
  test("gives Alembic a table of the columns the rows name", () => {
    const op = bulkInsert("statuses", [{ id: 1, code: "new" }, { code: null, id: 2 }]);
    expect(renderPyOps([op], names)).toEqual([
      "op.bulk_insert(sa.table('statuses', sa.column('id'), sa.column('code')),\n[\n    {'id': 1, 'code': 'new'},\n    {'code': None, 'id': 2},\n])",
    ]);
  });

  test("rows that name different columns are inserted one by one: one executemany would take the first row's keys", () => {
    const op = bulkInsert("statuses", [{ id: 1, code: "new" }, { id: 2, flag: true }]);
    expect(renderPyOps([op], names)).toEqual([
      "op.bulk_insert(sa.table('statuses', sa.column('id'), sa.column('code'), sa.column('flag')),\n[\n    {'id': 1, 'code': 'new'},\n    {'id': 2, 'flag': True},\n], multiinsert=False)",
    ]);
  });
});

test("rename_table, and a check constraint added and dropped in a batch block", () => {
  const ops = [
    renameTable("old", "new"),
    modifyTable("new", [createCheckConstraint("new", { name: "ck_new_pos", sqltext: "qty > 0" }), dropConstraint("new", "ck_new_old", "check")]),
  ];
  expect(renderPyOps(ops, new NameStyle({ ck: "ck_%(table_name)s_%(constraint_name)s" }))).toEqual([
    "op.rename_table('old', 'new')",
    "with op.batch_alter_table('new', schema=None) as batch_op:",
    "    batch_op.create_check_constraint(batch_op.f('ck_new_pos'), 'qty > 0')",
    "    batch_op.drop_constraint(batch_op.f('ck_new_old'), type_='check')",
    "",
  ]);
});

const script = (over: Partial<ParsedScript>): ParsedScript => ({
  message: "m",
  revision: "cc0000000001",
  downRevision: null,
  branchLabels: null,
  dependsOn: null,
  createDate: "2026-12-07 00:00:00",
  upgradeOps: [],
  downgradeOps: [],
  ...over,
});

describe("the identifiers as Alembic's template writes them", () => {
  test("a merge: down_revision is a tuple, Revises lists both; empty functions are pass", () => {
    const py = renderPythonScript(script({ message: "merge notes", downRevision: ["aa0000000002", "bb0000000002"] }), names, "x");
    expect(py).toContain("Revises: aa0000000002, bb0000000002\n");
    expect(py).toContain("down_revision = ('aa0000000002', 'bb0000000002')\n");
    expect(py).toContain("def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n");
  });

  test("branch labels are a tuple; depends_on one id, or a list", () => {
    const labelled = renderPythonScript(script({ branchLabels: ["notes"], dependsOn: ["aa0000000002"] }), names, "x");
    expect(labelled).toContain("branch_labels = ('notes',)\ndepends_on = 'aa0000000002'\n");
    const two = renderPythonScript(script({ dependsOn: ["a1", "b2"] }), names, "x");
    expect(two).toContain("branch_labels = None\ndepends_on = ['a1', 'b2']\n");
  });

  test("a script without a Create Date gets the export's", () => {
    expect(renderPythonScript(script({ createDate: null }), names, "2026-12-07 01:02:03")).toContain("Create Date: 2026-12-07 01:02:03\n");
  });
});
