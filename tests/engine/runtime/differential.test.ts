import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { openTestDatabase } from "../../binding";
import { addColumn, alterColumn, createIndex, createTable, createUniqueConstraint, dropColumn, dropConstraint, dropIndex, modifyTable } from "../../../src/engine/ops/ops";
import { column, emptyTable } from "../../../src/engine/schema/model";
import { runSteps } from "../../../src/engine/runtime";
import type { MigrationStep } from "../../../src/engine/runtime/step";

// The same two revisions as fixtures/e3-batch.json, which real Flask-Migrate produced.
const aaa1: MigrationStep = {
  revision: "aaa1",
  direction: "upgrade",
  fromRevisions: [],
  toRevisions: ["aaa1"],
  versionChanges: [{ kind: "insert", revision: "aaa1" }],
  message: "initial",
  ops: [
    createTable({
      ...emptyTable("roles"),
      columns: [column("id", { name: "Integer" }, { nullable: false }), column("name", { name: "String", length: 64 })],
      primaryKey: { name: "pk_roles", columns: ["id"] },
      uniqueConstraints: [{ name: "uq_roles_name", columns: ["name"] }],
    }),
    createTable({
      ...emptyTable("users"),
      columns: [
        column("id", { name: "Integer" }, { nullable: false }),
        column("username", { name: "String", length: 64 }),
        column("role_id", { name: "Integer" }),
        column("age", { name: "Integer" }, { serverDefault: "(18)" }),
      ],
      primaryKey: { name: "pk_users", columns: ["id"] },
      checkConstraints: [{ name: "ck_users_username_len", sqltext: "length(username) > 1" }],
      foreignKeys: [{ name: "fk_users_role_id_roles", columns: ["role_id"], referredTable: "roles", referredColumns: ["id"], onDelete: "CASCADE", onUpdate: null }],
    }),
    modifyTable("users", [createIndex("users", { name: "ix_users_username", columns: ["username"], unique: true })]),
    createTable({
      ...emptyTable("posts"),
      columns: [column("id", { name: "Integer" }, { nullable: false }), column("user_id", { name: "Integer" })],
      primaryKey: { name: "pk_posts", columns: ["id"] },
      foreignKeys: [{ name: "fk_posts_user_id_users", columns: ["user_id"], referredTable: "users", referredColumns: ["id"], onDelete: null, onUpdate: null }],
    }),
  ],
};

const bbb2: MigrationStep = {
  revision: "bbb2",
  direction: "upgrade",
  fromRevisions: ["aaa1"],
  toRevisions: ["bbb2"],
  versionChanges: [{ kind: "update", from: "aaa1", to: "bbb2" }],
  message: "batch",
  ops: [
    modifyTable("users", [
      addColumn("users", column("email", { name: "String", length: 120 })),
      alterColumn("users", "age", { existingType: { name: "INTEGER" }, type: { name: "String", length: 3 }, nullable: false, serverDefault: "'0'" }),
      createUniqueConstraint("users", { name: "uq_users_email", columns: ["email"] }),
      createIndex("users", { name: "ix_users_role_id", columns: ["role_id"], unique: false }),
    ]),
    modifyTable("roles", [
      addColumn("roles", column("level", { name: "Integer" }, { nullable: false, serverDefault: "'1'" })),
      createIndex("roles", { name: "ix_roles_level", columns: ["level"], unique: false }),
    ]),
  ],
};

const bbb2Down: MigrationStep = {
  revision: "bbb2",
  direction: "downgrade",
  fromRevisions: ["bbb2"],
  toRevisions: ["aaa1"],
  versionChanges: [{ kind: "update", from: "bbb2", to: "aaa1" }],
  message: "batch",
  ops: [
    modifyTable("roles", [dropIndex("roles", "ix_roles_level"), dropColumn("roles", "level")]),
    modifyTable("users", [
      dropIndex("users", "ix_users_role_id"),
      dropConstraint("users", "uq_users_email", "unique"),
      alterColumn("users", "age", { existingType: { name: "String", length: 3 }, type: { name: "INTEGER" }, nullable: true, serverDefault: "(18)" }),
      dropColumn("users", "email"),
    ]),
  ],
};

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));

/** A CREATE TABLE with its constraint lines as a set: Alembic lists them in Python-set order. */
function normalised(master: unknown[][]): unknown[][] {
  return master.map(([type, name, table, sql]) => {
    if (typeof sql !== "string" || !sql.startsWith("CREATE TABLE")) return [type, name, table, sql];
    const lines = sql.split(", \n");
    const isConstraint = (l: string) => /^\t(CONSTRAINT|PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)/.test(l);
    return [type, name, table, lines.filter((l) => !isConstraint(l)), lines.filter(isConstraint).map((l) => l.replace(/\n\)$/, "")).sort()];
  });
}

test("schema and rows after a batch downgrade are those real Flask-Migrate leaves, constraints as a set", async () => {
  const expected = fixture("e3-downgrade.json");
  const db = await openTestDatabase();
  runSteps(db, [aaa1]);
  db.exec("insert into roles values (1,'admin'); insert into users values (1,'ann',1,30),(2,'bob',null,20); insert into posts values (1,1),(2,2);");
  expect(runSteps(db, [bbb2, bbb2Down]).error).toBeNull();
  const master = db.query("select type, name, tbl_name, sql from sqlite_master order by name").rows as unknown[][];
  expect(normalised(master)).toEqual(normalised(expected.master));
  expect(db.query("select * from users order by id").rows).toEqual(expected.users);
  expect(db.query("select * from roles").rows).toEqual(expected.roles);
});

test("schema text and rows after a batch upgrade are those real Flask-Migrate leaves", async () => {
  const expected = JSON.parse(readFileSync(new URL("./fixtures/e3-batch.json", import.meta.url), "utf8"));
  const db = await openTestDatabase();
  expect(runSteps(db, [aaa1]).ok).toBe(true);
  db.exec("insert into roles values (1,'admin'); insert into users values (1,'ann',1,30),(2,'bob',null,20); insert into posts values (1,1),(2,2);");
  expect(runSteps(db, [bbb2]).error).toBeNull();
  expect(db.query("select type, name, tbl_name, sql from sqlite_master order by name").rows).toEqual(expected.master);
  expect(db.query("select * from users order by id").rows).toEqual(expected.users);
  expect(db.query("select * from roles").rows).toEqual(expected.roles);
  expect(db.query("select * from posts").rows).toEqual(expected.posts);
});
