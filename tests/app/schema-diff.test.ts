import { expect, test } from "vitest";
import type { ColumnView, TableView } from "../../src/app/protocol";
import { diffTables } from "../../src/app/schema-diff";

const col = (name: string, extra: Partial<ColumnView> = {}): ColumnView => ({
  name, type: "INTEGER", nullable: true, primaryKey: false, unique: false, indexed: false, references: null, serverDefault: null, ...extra,
});
const table = (name: string, columns: ColumnView[], indexes: TableView["indexes"] = []): TableView => ({ name, columns, indexes, rowCount: 0 });

test("a new column and a changed one are highlighted, with their table", () => {
  const before = [table("users", [col("id"), col("name", { type: "VARCHAR(64)" })]), table("roles", [col("id")])];
  const after = [table("users", [col("id"), col("name", { type: "VARCHAR(200)" }), col("email", { type: "VARCHAR(120)" })]), table("roles", [col("id")])];
  const h = diffTables(before, after);
  expect([...h.tables]).toEqual(["users"]);
  expect([...h.columns].sort()).toEqual(["users.email", "users.name"]);
  expect(h.removed).toEqual([]);
});

test("removed tables and columns are listed, and a new index marks its table", () => {
  const before = [table("users", [col("id"), col("email")]), table("old", [col("id")])];
  const after = [table("users", [col("id")], [{ name: "ix_users_id", columns: ["id"], unique: false }])];
  const h = diffTables(before, after);
  expect(h.removed).toEqual(["column users.email", "table old"]);
  expect([...h.tables]).toEqual(["users"]);
  expect([...h.columns]).toEqual([]);
});

test("a new table highlights all its columns; nothing changed highlights nothing", () => {
  const t = table("roles", [col("id"), col("name")]);
  expect([...diffTables([], [t]).columns]).toEqual(["roles.id", "roles.name"]);
  const same = diffTables([t], [t]);
  expect([same.tables.size, same.columns.size, same.removed.length]).toEqual([0, 0, 0]);
});
