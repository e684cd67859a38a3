// compareSchemas against Alembic 1.8.1 itself: each case was run on the same pair with
// /usr/bin/python3 (alembic.autogenerate.produce_migrations with compare_type=True and
// render_as_batch=True, Flask-Migrate's options), and the comments quote what it logged.
import { describe, expect, test } from "vitest";
import { compareSchemas, NO_CHANGES_DETECTED } from "../../../src/engine/autogenerate";
import { column } from "../../../src/engine/schema/model";
import {
  addColumn, alterColumn, createForeignKey, createIndex, createTable, createUniqueConstraint,
  dropColumn, dropConstraint, dropIndex, dropTable, modifyTable,
} from "../../../src/engine/ops/ops";
import { databaseWith, pk, schema, table } from "./helpers";

const Integer = { name: "Integer" };
const String64 = { name: "String", length: 64 };

const roles = table("roles", {
  columns: [column("id", Integer, { nullable: false }), column("name", String64)],
  primaryKey: pk("id"),
  uniqueConstraints: [{ name: null, columns: ["name"] }],
});
const users = table("users", {
  columns: [column("id", Integer, { nullable: false }), column("username", String64), column("role_id", Integer)],
  primaryKey: pk("id"),
  indexes: [{ name: "ix_users_username", columns: ["username"], unique: true }],
  foreignKeys: [{ name: null, columns: ["role_id"], referredTable: "roles", referredColumns: ["id"], onDelete: null, onUpdate: null }],
});

describe("compareSchemas", () => {
  test("the tutorial's first migration: tables in dependency order, then the new table's index in a batch block", async () => {
    const { schema: db } = await databaseWith("");
    // models listed children first: the sort, not the listing, decides
    const result = compareSchemas(db, schema(users, roles));
    // Alembic: Detected added table 'roles' / Detected added table 'users' /
    //          Detected added index 'ix_users_username' on '['username']'
    expect(result.messages).toEqual([
      "Detected added table 'roles'",
      "Detected added table 'users'",
      "Detected added index 'ix_users_username' on '['username']'",
    ]);
    expect(result.ops).toEqual([
      createTable(roles),
      createTable(users),
      modifyTable("users", [createIndex("users", users.indexes[0]!)]),
    ]);
  });

  test("the same schema on both sides gives no ops and no messages", async () => {
    const { schema: db } = await databaseWith(`
      CREATE TABLE roles (id INTEGER NOT NULL, name VARCHAR(64), PRIMARY KEY (id), UNIQUE (name));
      CREATE TABLE users (id INTEGER NOT NULL, username VARCHAR(64), role_id INTEGER, PRIMARY KEY (id),
        FOREIGN KEY(role_id) REFERENCES roles (id));
      CREATE UNIQUE INDEX ix_users_username ON users (username);
      CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL);`);
    expect(compareSchemas(db, schema(roles, users))).toEqual({ ops: [], messages: [] });
    expect(NO_CHANGES_DETECTED).toBe("No changes in schema detected.");
  });

  test("column, type, nullability, index, unique and foreign key changes of one table, in Alembic's order", async () => {
    const { schema: db } = await databaseWith(`
      CREATE TABLE item (id INTEGER PRIMARY KEY, title VARCHAR(64) DEFAULT 'x', qty INTEGER, price NUMERIC(8, 2),
        old TEXT, flag BOOLEAN, kind VARCHAR(7), d DATETIME, CONSTRAINT uq_item_old UNIQUE (old));
      CREATE INDEX ix_item_qty ON item (qty);
      CREATE TABLE alpha (id INTEGER NOT NULL, PRIMARY KEY (id));`);
    const alpha = table("alpha", { columns: [column("id", Integer, { nullable: false })], primaryKey: pk("id") });
    const kind = { name: "Enum", values: ["new", "shipped", "delivered"], enumName: "k" };
    const fk = { name: null, columns: ["alpha_id"], referredTable: "alpha", referredColumns: ["id"], onDelete: "CASCADE", onUpdate: null } as const;
    const item = table("item", {
      columns: [
        column("id", Integer, { nullable: false }),
        column("title", { name: "String", length: 200 }, { serverDefault: "'y'" }),
        column("qty", Integer, { nullable: false }),
        column("price", { name: "Numeric", precision: 10, scale: 2 }),
        column("flag", Integer),
        column("kind", kind),
        column("d", { name: "Date" }),
        column("email", { name: "String", length: 120 }),
        column("note", { name: "Text" }, { nullable: false }),
        column("alpha_id", Integer),
      ],
      primaryKey: pk("id"),
      uniqueConstraints: [{ name: null, columns: ["email"] }],
      indexes: [{ name: "ix_item_title", columns: ["title", "qty"], unique: false }],
      foreignKeys: [fk],
    });
    const result = compareSchemas(db, schema(item, alpha));
    // Alembic logged exactly these lines (the server default change 'x' -> 'y' is not detected):
    expect(result.messages).toEqual([
      "Detected added column 'item.email'",
      "Detected added column 'item.note'",
      "Detected added column 'item.alpha_id'",
      "Detected NOT NULL on column 'item.id'",
      "Detected type change from VARCHAR(length=64) to String(length=200) on 'item.title'",
      "Detected NOT NULL on column 'item.qty'",
      "Detected type change from NUMERIC(precision=8, scale=2) to Numeric(precision=10, scale=2) on 'item.price'",
      "Detected type change from BOOLEAN() to Integer() on 'item.flag'",
      "Detected type change from VARCHAR(length=7) to Enum('new', 'shipped', 'delivered', name='k') on 'item.kind'",
      "Detected type change from DATETIME() to Date() on 'item.d'",
      "Detected removed index 'ix_item_qty' on 'item'",
      "Detected removed unique constraint 'uq_item_old' on 'item'",
      "Detected added index 'ix_item_title' on '['title', 'qty']'",
      "Detected added unique constraint 'None' on '['email']'",
      "Detected added foreign key (alpha_id)(id) on table item",
      "Detected removed column 'item.old'",
    ]);
    const INTEGER = { name: "INTEGER" };
    // and rendered these batch_op calls, in this order
    expect(result.ops).toEqual([
      modifyTable("item", [
        addColumn("item", item.columns[7]!),
        addColumn("item", item.columns[8]!),
        addColumn("item", item.columns[9]!),
        alterColumn("item", "id", { nullable: false, existingType: INTEGER, existingNullable: true }),
        alterColumn("item", "title", {
          type: { name: "String", length: 200 }, existingType: { name: "VARCHAR", length: 64 }, existingNullable: true, existingServerDefault: "'x'",
        }),
        alterColumn("item", "qty", { nullable: false, existingType: INTEGER, existingNullable: true }),
        alterColumn("item", "price", { type: { name: "Numeric", precision: 10, scale: 2 }, existingType: { name: "NUMERIC", precision: 8, scale: 2 }, existingNullable: true }),
        alterColumn("item", "flag", { type: Integer, existingType: { name: "BOOLEAN" }, existingNullable: true }),
        alterColumn("item", "kind", { type: kind, existingType: { name: "VARCHAR", length: 7 }, existingNullable: true }),
        alterColumn("item", "d", { type: { name: "Date" }, existingType: { name: "DATETIME" }, existingNullable: true }),
        dropIndex("item", "ix_item_qty", { name: "ix_item_qty", columns: ["qty"], unique: false }),
        dropConstraint("item", "uq_item_old", "unique", { name: "uq_item_old", columns: ["old"] }),
        createIndex("item", item.indexes[0]!),
        createUniqueConstraint("item", { name: null, columns: ["email"] }),
        createForeignKey("item", fk),
        dropColumn("item", "old", column("old", { name: "TEXT" })),
      ]),
    ]);
  });
});
