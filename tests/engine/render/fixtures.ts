// The tutorial's schema (the seeds' Flasky Role/User with the SPEC §1 naming convention), as
// Alembic 1.8's autogenerate produces it for the first migration and for "Added email field".
import { column, emptyTable, type Table } from "../../../src/engine/schema/model";
import {
  addColumn,
  alterColumn,
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

// ---- aaaa00000001_one / aaaa00000002_two (tests/engine/render/alembic/items-models.py.txt) ------

export const ITEM: Table = {
  ...emptyTable("item"),
  columns: [
    column("id", { name: "Integer" }, { nullable: false }),
    column("title", { name: "String", length: 64 }),
    column("qty", { name: "Integer" }, { serverDefault: "'0'" }),
    column("bio", { name: "Text" }),
  ],
  primaryKey: { name: "pk_item", columns: ["id"] },
};

export const ORDER: Table = {
  ...emptyTable("order"),
  columns: [
    column("id", { name: "Integer" }, { nullable: false }),
    column("a", { name: "String", length: 10 }, { nullable: false }),
    column("b", { name: "String", length: 10 }),
    column("c", { name: "Numeric", precision: 8, scale: 2 }),
    column("qty", { name: "Integer" }),
    column("item_id", { name: "Integer" }),
  ],
  primaryKey: { name: "pk_order", columns: ["id"] },
  // in the model's order; the renderer sorts them as Alembic does
  uniqueConstraints: [
    { name: "zz", columns: ["a", "b"] },
    { name: "uq_order_c", columns: ["c"] },
  ],
  checkConstraints: [{ name: "ck_order_pos", sqltext: "qty > 0" }],
  foreignKeys: [{ name: "fk_order_item_id_item", columns: ["item_id"], referredTable: "item", referredColumns: ["id"], onDelete: "CASCADE", onUpdate: null }],
};

export const ONE_UPGRADE: MigrateOp[] = [createTable(ITEM), createTable(ORDER)];

export const TWO_UPGRADE: MigrateOp[] = [
  modifyTable("item", [
    alterColumn("item", "title", { existingType: { name: "VARCHAR", length: 64 }, type: { name: "String", length: 200 }, existingNullable: true }),
    alterColumn("item", "qty", { existingType: { name: "INTEGER" }, nullable: false, existingNullable: true, existingServerDefault: "'0'" }),
    dropColumn("item", "bio", column("bio", { name: "TEXT" })),
  ]),
];
