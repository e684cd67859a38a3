// The tutorial's schema (the seeds' Flasky Role/User with the SPEC §1 naming convention), as
// Alembic 1.8's autogenerate produces it for the first migration and for "Added email field".
import { column, emptyTable, type Table } from "../../../src/engine/schema/model";
import {
  addColumn,
  createIndex,
  createTable,
  createUniqueConstraint,
  dropColumn,
  dropConstraint,
  dropIndex,
  dropTable,
  modifyTable,
  type MigrateOp,
} from "../../../src/engine/ops/ops";

export const ROLES: Table = {
  ...emptyTable("roles"),
  columns: [column("id", { name: "Integer" }, { nullable: false }), column("name", { name: "String", length: 64 })],
  primaryKey: { name: "pk_roles", columns: ["id"] },
  uniqueConstraints: [{ name: "uq_roles_name", columns: ["name"] }],
};

export const USERS: Table = {
  ...emptyTable("users"),
  columns: [
    column("id", { name: "Integer" }, { nullable: false }),
    column("username", { name: "String", length: 64 }),
    column("role_id", { name: "Integer" }),
  ],
  primaryKey: { name: "pk_users", columns: ["id"] },
  foreignKeys: [
    { name: "fk_users_role_id_roles", columns: ["role_id"], referredTable: "roles", referredColumns: ["id"], onDelete: null, onUpdate: null },
  ],
};

const IX_USERNAME = { name: "ix_users_username", columns: ["username"], unique: true };

export const INITIAL_UPGRADE: MigrateOp[] = [
  createTable(ROLES),
  createTable(USERS),
  modifyTable("users", [createIndex("users", IX_USERNAME)]),
];
export const INITIAL_DOWNGRADE: MigrateOp[] = [
  modifyTable("users", [dropIndex("users", "ix_users_username", IX_USERNAME)]),
  dropTable("users", USERS),
  dropTable("roles", ROLES),
];

const EMAIL = column("email", { name: "String", length: 120 });
const UQ_EMAIL = { name: "uq_users_email", columns: ["email"] };
export const EMAIL_UPGRADE: MigrateOp[] = [modifyTable("users", [addColumn("users", EMAIL), createUniqueConstraint("users", UQ_EMAIL)])];
export const EMAIL_DOWNGRADE: MigrateOp[] = [
  modifyTable("users", [dropConstraint("users", "uq_users_email", "unique", UQ_EMAIL), dropColumn("users", "email", EMAIL)]),
];
