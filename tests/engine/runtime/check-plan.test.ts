// The warnings of a planned upgrade or downgrade, counted on a real database before it runs:
// migrate's words, each naming its revision, and the database left as it was.
import { describe, expect, test } from "vitest";
import { openTestDatabase } from "../../binding";
import type { Database } from "../../../src/engine/db/database";
import { addColumn, alterColumn, createIndex, createTable, dropColumn, dropTable, execute, modifyTable } from "../../../src/engine/ops/ops";
import { column, emptyTable } from "../../../src/engine/schema/model";
import { checkPlan, runSteps, stepWarningText } from "../../../src/engine/runtime";
import { upgradeStep as step, downgradeStep as down } from "./revision-steps";



const USERS = {
  ...emptyTable("users"),
  columns: [column("id", { name: "Integer" }, { nullable: false }), column("email", { name: "String", length: 120 }), column("name", { name: "String", length: 64 })],
  primaryKey: { name: null, columns: ["id"] },
};
const POSTS = {
  ...emptyTable("posts"),
  columns: [column("id", { name: "Integer" }, { nullable: false }), column("title", { name: "String", length: 64 })],
  primaryKey: { name: null, columns: ["id"] },
};

const initial = step("a", null, [createTable(USERS), createTable(POSTS)]);

/** Revision a applied, 3 users (one name twice, one NULL name) and 2 posts. */
async function seeded(): Promise<Database> {
  const db = await openTestDatabase();
  db.exec("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
  expect(runSteps(db, [initial]).error).toBeNull();
  db.exec("INSERT INTO users VALUES (1, 'a@x', 'ann'), (2, 'b@x', 'ann'), (3, 'c@x', NULL); INSERT INTO posts VALUES (1, 'p1'), (2, 'p2');");
  return db;
}

const dump = (db: Database) =>
  db
    .query("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .rows.map((r) => [r[0], r[1], r[0] === "sqlite_sequence" ? null : db.query(`SELECT * FROM "${String(r[0])}"`).rows]);

const renameEmail = step("b", "a", [modifyTable("users", [dropColumn("users", "email"), addColumn("users", column("email_address", { name: "String", length: 120 }))])]);

describe("checkPlan", () => {
  test("a rename written as drop + add counts the 3 emails it NULLs, names the revision, and changes nothing", async () => {
    const db = await seeded();
    const before = dump(db);
    const warnings = checkPlan(db, [renameEmail]);
    expect(warnings.map((w) => [w.kind, w.revision, w.rows])).toEqual([
      ["data-loss", "b", 3],
      ["likely-rename", "b", 3],
    ]);
    expect(stepWarningText(warnings[1]!)).toBe(
      "Upgrade b (rev b): Column 'users.email' is dropped and 'users.email_address' of the same type is added: if this is a rename, the 3 values of 'email' are lost. " +
        'Autogenerate cannot see renames; replace the two with batchOp.alterColumn("email", { newColumnName: "email_address" }).',
    );
    expect(dump(db)).toEqual(before);
  });

  test("a downgrade to base counts the rows of every table it drops", async () => {
    const db = await seeded();
    const warnings = checkPlan(db, [down("a", null, [dropTable("posts"), dropTable("users")])]);
    expect(warnings.map((w) => w.message)).toEqual([
      "Dropping table 'posts' deletes its 2 rows. Back them up first, or remove the drop from the migration if the table should stay.",
      "Dropping table 'users' deletes its 3 rows. Back them up first, or remove the drop from the migration if the table should stay.",
    ]);
    expect(warnings.every((w) => w.direction === "downgrade" && w.revision === "a")).toBe(true);
    expect(db.query("SELECT count(*) FROM users").rows[0]![0]).toBe(3);
  });

  test("a NOT NULL column without a server default on a table with rows will fail", async () => {
    const db = await seeded();
    const warnings = checkPlan(db, [step("b", "a", [addColumn("posts", column("slug", { name: "String", length: 20 }, { nullable: false }))])]);
    expect(warnings.map((w) => [w.kind, w.table, w.column, w.rows])).toEqual([["will-fail", "posts", "slug", 2]]);
  });

  test("a UNIQUE index the existing rows violate will fail", async () => {
    const db = await seeded();
    const warnings = checkPlan(db, [step("b", "a", [createIndex("users", { name: "ix_users_name", columns: ["name"], unique: true })])]);
    expect(warnings.map((w) => [w.kind, w.rows])).toEqual([["will-fail", 2]]);
    expect(warnings[0]!.message).toContain("1 group of 2 rows");
  });

  test("a later revision is counted on the rows the earlier ones leave", async () => {
    const db = await seeded();
    // b adds a column and fills it; c drops it: its values exist only once b has run
    const b = step("b", "a", [addColumn("users", column("nick", { name: "String", length: 20 })), execute("UPDATE users SET nick = 'n' WHERE id < 3")]);
    const c = step("c", "b", [modifyTable("users", [dropColumn("users", "nick")])]);
    const warnings = checkPlan(db, [b, c]);
    expect(warnings.map((w) => [w.revision, w.kind, w.column, w.rows])).toEqual([["c", "data-loss", "nick", 2]]);
    // and NOT NULL counted after an UPDATE of an earlier revision that NULLs values
    const d = step("b", "a", [execute("UPDATE users SET email = NULL WHERE id = 1")]);
    const e = step("c", "b", [modifyTable("users", [alterColumn("users", "email", { nullable: false })])]);
    expect(checkPlan(db, [d, e]).map((w) => [w.revision, w.kind, w.rows])).toEqual([["c", "will-fail", 1]]);
    expect(db.query("SELECT count(*) FROM users WHERE email IS NULL").rows[0]![0]).toBe(0);
  });

  test("a revision that fails ends the check: the later ones would never run", async () => {
    const db = await seeded();
    const failing = step("b", "a", [execute("INSERT INTO nowhere VALUES (1)")]);
    const c = step("c", "b", [dropTable("posts")]);
    expect(checkPlan(db, [failing, c])).toEqual([]);
  });

  test("nothing to say gives no warnings", async () => {
    const db = await seeded();
    expect(checkPlan(db, [step("b", "a", [addColumn("users", column("age", { name: "Integer" }))])])).toEqual([]);
    expect(checkPlan(db, [])).toEqual([]);
  });
});

test("a likely rename that loses no value has nothing to say at the moment of a step", async () => {
  const db = await seeded();
  db.exec("UPDATE users SET email = NULL");
  expect(checkPlan(db, [renameEmail])).toEqual([]);
});

test("the last revision is analysed, never run: a one-revision check runs none of its SQL", async () => {
  const db = await seeded();
  const ran: string[] = [];
  // every statement that reaches SQLite, as the check sends it
  const watched = new Proxy(db, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (key === "exec" || key === "query") ran.push(String(args[0]));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  expect(checkPlan(watched, [renameEmail]).length).toBeGreaterThan(0);
  expect(ran.filter((sql) => /_alembic_tmp_|alembic_version/i.test(sql))).toEqual([]);
  // with two revisions, the first runs (the second is counted on its rows) and is rolled back
  const addName = step("c", "b", [modifyTable("users", [dropColumn("users", "name")])]);
  ran.length = 0;
  checkPlan(watched, [renameEmail, addName]);
  expect(ran.some((sql) => sql.includes("_alembic_tmp_users"))).toBe(true);
});
