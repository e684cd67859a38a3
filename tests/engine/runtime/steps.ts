// The two revisions of tests/engine/runtime/fixtures (see its README), as Retort ops and steps.

import {
  addColumn,
  bulkInsert,
  createIndex,
  createTable,
  dropColumn,
  dropIndex,
  dropTable,
  execute,
  modifyTable,
  renameTable,
} from "../../../src/engine/ops/ops";
import { column, emptyTable, type Table } from "../../../src/engine/schema/model";
import type { MigrationStep } from "../../../src/engine/runtime/step";

export const ROLES: Table = {
  ...emptyTable("roles"),
  columns: [column("id", { name: "Integer" }, { nullable: false }), column("name", { name: "String", length: 64 })],
  primaryKey: { name: null, columns: ["id"] },
  uniqueConstraints: [{ name: null, columns: ["name"] }],
};

export const USERS: Table = {
  ...emptyTable("users"),
  columns: [
    column("id", { name: "Integer" }, { nullable: false }),
    column("username", { name: "String", length: 64 }),
    column("email_address", { name: "String", length: 120 }, { serverDefault: "'x'" }),
    column("n", { name: "Integer" }, { serverDefault: "(10)" }),
    column("ts", { name: "DateTime" }, { serverDefault: "(CURRENT_TIMESTAMP)" }),
    column("role_id", { name: "Integer" }),
    column("select", { name: "Boolean" }),
    column("Upper", { name: "Numeric", precision: 8, scale: 2 }),
  ],
  primaryKey: { name: null, columns: ["id"] },
  checkConstraints: [
    { name: null, sqltext: "id > 0" },
    { name: "username_len", sqltext: "length(username) > 1" },
  ],
  foreignKeys: [{ name: null, columns: ["role_id"], referredTable: "roles", referredColumns: ["id"], onDelete: "CASCADE", onUpdate: null }],
  uniqueConstraints: [{ name: "uq_users_username_role", columns: ["username", "role_id"] }],
};

const IX_ROLE_USERNAME = { name: "ix_users_role_username", columns: ["role_id", "username"], unique: false };
const IX_USERNAME = { name: "ix_users_username", columns: ["username"], unique: true };

export const initialUpgrade: MigrationStep = {
  revision: "498072571d82",
  direction: "upgrade",
  fromRevisions: [],
  toRevisions: ["498072571d82"],
  versionChanges: [{ kind: "insert", revision: "498072571d82" }],
  message: "initial migration",
  ops: [createTable(ROLES), createTable(USERS), modifyTable("users", [createIndex("users", IX_ROLE_USERNAME), createIndex("users", IX_USERNAME)])],
};

export const secondUpgrade: MigrationStep = {
  revision: "cccc",
  direction: "upgrade",
  fromRevisions: ["498072571d82"],
  toRevisions: ["cccc"],
  versionChanges: [{ kind: "update", from: "498072571d82", to: "cccc" }],
  message: "add things",
  ops: [
    addColumn("roles", column("desc", { name: "String", length: 20 }, { nullable: false, serverDefault: "'a'" })),
    createIndex("roles", { name: "ix_roles_desc", columns: ["desc"], unique: false }),
    execute("UPDATE roles SET name = 'x'"),
    bulkInsert("roles", [
      { id: 5, name: "r'5" },
      { id: 6, name: null },
    ]),
    renameTable("roles", "Roles2"),
    dropIndex("Roles2", "ix_roles_desc"),
    dropColumn("Roles2", "desc"),
  ],
};

export const secondDowngrade: MigrationStep = {
  revision: "cccc",
  direction: "downgrade",
  fromRevisions: ["cccc"],
  toRevisions: ["498072571d82"],
  versionChanges: [{ kind: "update", from: "cccc", to: "498072571d82" }],
  message: "add things",
  ops: [createIndex("users", { name: "ix_x", columns: ["n"], unique: true }), dropIndex("users", "ix_x")],
};

export const initialDowngrade: MigrationStep = {
  revision: "498072571d82",
  direction: "downgrade",
  fromRevisions: ["498072571d82"],
  toRevisions: [],
  versionChanges: [{ kind: "delete", revision: "498072571d82" }],
  message: "initial migration",
  ops: [modifyTable("users", [dropIndex("users", "ix_users_username"), dropIndex("users", "ix_users_role_username")]), dropTable("users"), dropTable("roles")],
};
