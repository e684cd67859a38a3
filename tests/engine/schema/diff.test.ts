import { describe, expect, test } from "vitest";
import { diffSchemaTables, hasSchemaChanges, type DiffColumn, type DiffTable } from "../../../src/engine/index";

const col = (name: string, extra: Partial<DiffColumn> = {}): DiffColumn => ({
  name, type: "INTEGER", nullable: true, primaryKey: false, unique: false, indexed: false, references: null, serverDefault: null, ...extra,
});
const table = (name: string, columns: readonly DiffColumn[], indexes: DiffTable["indexes"] = []): DiffTable => ({ name, columns, indexes });

const users = table("users", [col("id", { primaryKey: true, nullable: false }), col("name", { type: "VARCHAR(64)" }), col("role_id", { references: "roles.id" })]);
const roles = table("roles", [col("id", { primaryKey: true, nullable: false })]);

const changes = (tables: ReturnType<typeof diffSchemaTables>["tables"]) => tables.map((t) => [t.name, t.change]);

describe("tables", () => {
  test("the same schema on both sides is unchanged everywhere", () => {
    const diff = diffSchemaTables([users, roles], [users, roles]);
    expect(changes(diff.tables)).toEqual([["users", "unchanged"], ["roles", "unchanged"]]);
    expect(diff.tables.flatMap((t) => t.columns.map((c) => c.change)).every((c) => c === "unchanged")).toBe(true);
    expect(hasSchemaChanges(diff)).toBe(false);
  });

  test("a new table is added with every column added, a gone one is kept as removed, after the current ones", () => {
    const tmp = table("_alembic_tmp_users", [col("id")]);
    const diff = diffSchemaTables([users, roles], [tmp, users]);
    expect(changes(diff.tables)).toEqual([["_alembic_tmp_users", "added"], ["users", "unchanged"], ["roles", "removed"]]);
    expect(diff.tables[0]!.columns.map((c) => c.change)).toEqual(["added"]);
    expect(diff.tables[2]!.columns.map((c) => [c.name, c.change])).toEqual([["id", "removed"]]);
    expect(hasSchemaChanges(diff)).toBe(true);
  });

  test("an index alone alters its table, with no column changed", () => {
    const indexed = table("roles", roles.columns, [{ name: "ix_roles_id", columns: ["id"], unique: false }]);
    const diff = diffSchemaTables([roles], [indexed]);
    expect(changes(diff.tables)).toEqual([["roles", "altered"]]);
    expect(diff.tables[0]!.columns.map((c) => c.change)).toEqual(["unchanged"]);
  });
});

describe("columns", () => {
  test("an added column, a removed one and an altered type, with the old type kept", () => {
    const after = table("users", [users.columns[0]!, col("name", { type: "VARCHAR(200)" }), col("email", { type: "VARCHAR(120)" })]);
    const diff = diffSchemaTables([users], [after]);
    const t = diff.tables[0]!;
    expect(t.change).toBe("altered");
    expect(t.columns.map((c) => [c.name, c.change])).toEqual([["id", "unchanged"], ["name", "altered"], ["email", "added"], ["role_id", "removed"]]);
    const name = t.columns[1]!;
    expect(name.altered).toEqual(["type"]);
    expect([name.before?.type, name.column.type]).toEqual(["VARCHAR(64)", "VARCHAR(200)"]);
  });

  test("nullable, primary key, unique, index, reference and default changes are each named", () => {
    const before = table("t", [col("a"), col("b"), col("c"), col("d"), col("e"), col("f")]);
    const after = table("t", [
      col("a", { nullable: false }), col("b", { primaryKey: true }), col("c", { unique: true }),
      col("d", { indexed: true }), col("e", { references: "roles.id" }), col("f", { serverDefault: "'0'" }),
    ]);
    const diff = diffSchemaTables([before, roles], [after, roles]);
    expect(diff.tables[0]!.columns.map((c) => c.altered)).toEqual([["nullable"], ["primaryKey"], ["unique"], ["indexed"], ["references"], ["serverDefault"]]);
  });

  test("a column without a serverDefault field equals one whose default is null", () => {
    const { serverDefault: _, ...bare } = col("a");
    expect(diffSchemaTables([table("t", [bare])], [table("t", [col("a")])]).tables[0]!.change).toBe("unchanged");
  });
});

describe("foreign key edges", () => {
  const edges = (d: ReturnType<typeof diffSchemaTables>) => d.edges.map((e) => `${e.table}.${e.column}->${e.referredTable}.${e.referredColumn} ${e.change}`);

  test("every reference is an edge from the column to the referred column", () => {
    expect(edges(diffSchemaTables([users, roles], [users, roles]))).toEqual(["users.role_id->roles.id unchanged"]);
  });

  test("a reference that moved is the old edge removed and the new one added", () => {
    const teams = table("teams", [col("id")]);
    const moved = table("users", [users.columns[0]!, users.columns[1]!, col("role_id", { references: "teams.id" })]);
    expect(edges(diffSchemaTables([users, roles, teams], [moved, roles, teams]))).toEqual([
      "users.role_id->roles.id removed", "users.role_id->teams.id added",
    ]);
  });

  test("a removed table keeps its edges as removed; an added column's edge is added", () => {
    const posts = table("posts", [col("id"), col("user_id", { references: "users.id" })]);
    const withAuthor = table("users", [...users.columns, col("mentor_id", { references: "users.id" })]);
    expect(edges(diffSchemaTables([users, roles, posts], [withAuthor, roles]))).toEqual([
      "users.role_id->roles.id unchanged", "users.mentor_id->users.id added", "posts.user_id->users.id removed",
    ]);
  });

  test("a reference to a table in neither schema has no edge (nothing to draw it to); ids are unique", () => {
    const orphan = table("orphan", [col("x", { references: "missing.id" })]);
    expect(diffSchemaTables([], [orphan]).edges).toEqual([]);
    const teams = table("teams", [col("id")]);
    const moved = table("users", [col("role_id", { references: "teams.id" })]);
    const back = table("users", [col("role_id", { references: "roles.id" })]);
    const ids = diffSchemaTables([back, roles, teams], [moved, roles, teams]).edges.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("a referred table name with a dot is split at the last dot", () => {
    const odd = table("a.b", [col("id")]);
    const child = table("c", [col("ab_id", { references: "a.b.id" })]);
    expect(edges(diffSchemaTables([odd, child], [odd, child]))).toEqual(["c.ab_id->a.b.id unchanged"]);
  });
});
