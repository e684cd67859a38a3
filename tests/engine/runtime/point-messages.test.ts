// The words of each pause, from the statements the executor really emits for an op.
import { describe, expect, test } from "vitest";
import { addColumn, alterColumn, createCheckConstraint, createIndex, execute, modifyTable, renameTable } from "../../../src/engine/ops/ops";
import { toSqlStatements, type TableSource } from "../../../src/engine/execute";
import { describeStatement, rebuildReason } from "../../../src/engine/runtime";
import { column, emptyTable, type Table } from "../../../src/engine/schema/model";

const USERS: Table = {
  ...emptyTable("users"),
  columns: [column("id", { name: "Integer" }, { nullable: false }), column("n", { name: "Integer" })],
  primaryKey: { name: null, columns: ["id"] },
  indexes: [{ name: "ix_users_n", columns: ["n"], unique: false }],
};
const source: TableSource = { table: (name) => (name === "users" ? USERS : undefined), createSql: () => null };

const described = (op: Parameters<typeof toSqlStatements>[0]) => {
  const statements = toSqlStatements(op, source);
  return statements.map((_, i) => describeStatement(op, statements, i));
};

describe("statement descriptions", () => {
  test("a batch rebuild names each of its statements, its place, and the op that forces it", () => {
    const op = modifyTable("users", [alterColumn("users", "n", { type: { name: "String", length: 10 } }), renameTable("users", "people")]);
    const words = described(op);
    expect(words.map((w) => `${w.index + 1} of ${w.count}: ${w.purpose}`)).toEqual([
      "1 of 6: create the new table under a temporary name",
      "2 of 6: copy the rows",
      "3 of 6: drop the old table",
      "4 of 6: give the new table the old name",
      "5 of 6: re-create the index",
      "6 of 6: rename the table",
    ]);
    expect(words.every((w) => w.group === "batch move and copy")).toBe(true);
    expect(words[0]!.why).toBe("SQLite has no ALTER COLUMN, so Alembic rebuilds 'users' to change 'n': the new shape is made beside the old table, as _alembic_tmp_users.");
    expect(words.map((w) => w.touches)).toEqual([["_alembic_tmp_users"], ["users", "_alembic_tmp_users"], ["users"], ["_alembic_tmp_users", "users"], ["users"], ["users", "people"]]);
  });

  test("the reason names the constraint change or the column an ADD COLUMN cannot add", () => {
    expect(rebuildReason(modifyTable("users", [createCheckConstraint("users", { name: "ck_n", sqltext: "n > 0" })]))).toBe(
      "SQLite cannot add or drop a constraint of an existing table, so Alembic rebuilds 'users' (create check constraint)",
    );
    const computed = column("twice", { name: "Integer" }, { serverDefault: "(n * 2)", serverDefaultIsSql: true });
    expect(rebuildReason(modifyTable("users", [createIndex("users", { name: "ix", columns: ["id"], unique: false }), addColumn("users", computed)]))).toBe(
      "SQLite's ADD COLUMN cannot add a foreign key or an expression default, so Alembic rebuilds 'users' to add 'twice'",
    );
  });

  test("plain ops say SQLite does them in place", () => {
    expect(described(addColumn("users", column("note", { name: "Text" })))).toEqual([
      { group: "add column", index: 0, count: 1, purpose: "add the column", why: "SQLite's ALTER TABLE ADD COLUMN appends the column in place: no copy is needed.", touches: ["users"] },
    ]);
    expect(described(execute("DELETE FROM users WHERE n IS NULL"))[0]).toMatchObject({ group: "execute", purpose: "delete rows", touches: [] });
  });
});
