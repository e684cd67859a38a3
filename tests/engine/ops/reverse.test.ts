import { describe, expect, test } from "vitest";
import { column, emptyTable, type ForeignKey, type Table } from "../../../src/engine/schema/model";
import {
  addColumn,
  alterColumn,
  bulkInsert,
  createCheckConstraint,
  createForeignKey,
  createIndex,
  createTable,
  createUniqueConstraint,
  dropColumn,
  dropConstraint,
  dropIndex,
  dropTable,
  execute,
  modifyTable,
  renameTable,
} from "../../../src/engine/ops/ops";
import { IrreversibleOpError, reverseOp, reverseOps } from "../../../src/engine/ops/reverse";

const roles: Table = {
  ...emptyTable("roles"),
  columns: [column("id", { name: "Integer" }, { nullable: false }), column("name", { name: "String", length: 64 })],
  primaryKey: { name: null, columns: ["id"] },
  uniqueConstraints: [{ name: null, columns: ["name"] }],
};
const fk: ForeignKey = {
  name: "fk_users_role_id_roles",
  columns: ["role_id"],
  referredTable: "roles",
  referredColumns: ["id"],
  onDelete: "CASCADE",
  onUpdate: null,
};

describe("reverseOp follows alembic/operations/ops.py reverse()", () => {
  test("create_table reverses to a drop_table that keeps the table", () => {
    expect(reverseOp(createTable(roles))).toEqual(dropTable("roles", roles));
    expect(reverseOp(dropTable("roles", roles))).toEqual(createTable(roles));
  });

  test("add_column reverses to a drop_column that keeps the column and its inline foreign keys", () => {
    const col = column("role_id", { name: "Integer" });
    const reversed = reverseOp(addColumn("users", col, [fk]));
    expect(reversed).toEqual({ kind: "drop_column", table: "users", column: "role_id", dropped: col, droppedForeignKeys: [fk] });
    expect(reverseOp(reversed)).toEqual(addColumn("users", col, [fk]));
  });

  test("create_index reverses to drop_index with the index, and back keeps unique (Alembic 1.8 loses it)", () => {
    const ix = { name: "ix_users_username", columns: ["username"], unique: true };
    expect(reverseOp(createIndex("users", ix))).toEqual(dropIndex("users", "ix_users_username", ix));
    expect(reverseOp(dropIndex("users", "ix_users_username", ix))).toEqual(createIndex("users", ix));
  });

  test("constraints reverse to drop_constraint with Alembic's type_ names", () => {
    const uq = { name: "uq_users_email", columns: ["email"] };
    const ck = { name: "ck_len", sqltext: "length(name) > 1" };
    expect(reverseOp(createUniqueConstraint("users", uq))).toEqual(dropConstraint("users", "uq_users_email", "unique", uq));
    expect(reverseOp(createForeignKey("users", fk))).toEqual(dropConstraint("users", fk.name, "foreignkey", fk));
    expect(reverseOp(createCheckConstraint("users", ck))).toEqual(dropConstraint("users", "ck_len", "check", ck));
  });

  test("drop_constraint re-creates the kept constraint under the dropped name, chosen by its shape", () => {
    const uq = { name: "old", columns: ["email"] };
    expect(reverseOp(dropConstraint("users", "uq_users_email", null, uq))).toEqual(
      createUniqueConstraint("users", { name: "uq_users_email", columns: ["email"] }),
    );
    expect(reverseOp(dropConstraint("users", fk.name, "foreignkey", fk))).toEqual(createForeignKey("users", fk));
  });

  test("alter_column swaps each modified value with its existing one and carries the rest", () => {
    const op = alterColumn("item", "title", {
      existingType: { name: "VARCHAR", length: 64 },
      type: { name: "String", length: 200 },
      existingNullable: true,
      existingServerDefault: "'x'",
    });
    expect(reverseOp(op)).toEqual(
      alterColumn("item", "title", {
        existingType: { name: "String", length: 200 },
        type: { name: "VARCHAR", length: 64 },
        existingNullable: true,
        existingServerDefault: "'x'",
      }),
    );
  });

  test("alter_column: a modification whose old value is unknown reverses to no change, as Alembic", () => {
    const op = alterColumn("item", "qty", { nullable: false, serverDefault: null });
    expect(reverseOp(op)).toEqual(alterColumn("item", "qty", { existingNullable: false, existingServerDefault: null }));
  });

  test("alter_column: a rename reverses to renaming back (Alembic drops modify_name)", () => {
    const op = alterColumn("item", "old", { newColumnName: "new", existingType: { name: "INTEGER" } });
    expect(reverseOp(op)).toEqual(alterColumn("item", "new", { newColumnName: "old", existingType: { name: "INTEGER" } }));
  });

  test("rename_table reverses to renaming back", () => {
    expect(reverseOp(renameTable("a", "b"))).toEqual(renameTable("b", "a"));
  });

  test("modify_table reverses its inner ops in reverse order", () => {
    const uq = { name: "uq_users_email", columns: ["email"] };
    const email = column("email", { name: "String", length: 120 });
    const up = modifyTable("users", [addColumn("users", email), createUniqueConstraint("users", uq)]);
    expect(reverseOp(up)).toEqual(
      modifyTable("users", [dropConstraint("users", "uq_users_email", "unique", uq), dropColumn("users", "email", email)]),
    );
  });

  test("reverseOps reverses the list, as UpgradeOps.reverse()", () => {
    const ix = { name: "ix_roles_name", columns: ["name"], unique: false };
    const up = [createTable(roles), modifyTable("roles", [createIndex("roles", ix)])];
    expect(reverseOps(up)).toEqual([modifyTable("roles", [dropIndex("roles", "ix_roles_name", ix)]), dropTable("roles", roles)]);
  });
});

describe("irreversible ops", () => {
  const cases = [
    [dropTable("roles"), "Operation drop_table on 'roles' cannot be reversed: the dropped table's definition is not known."],
    [dropColumn("users", "email"), "Operation drop_column on 'users.email' cannot be reversed: the original column is not known."],
    [dropIndex("users", "ix_a"), "Operation drop_index 'ix_a' on 'users' cannot be reversed: the dropped index's columns are not known."],
    [
      dropConstraint("users", null, "unique"),
      "Operation drop_constraint '(unnamed)' on 'users' cannot be reversed: the dropped constraint's definition is not known.",
    ],
    [execute("UPDATE users SET x = 1"), "Operation execute 'UPDATE users SET x = 1' cannot be reversed: raw SQL has no known inverse."],
    [bulkInsert("roles", [{ id: 1 }]), "Operation bulk_insert on 'roles' cannot be reversed: inserted rows have no known inverse."],
  ] as const;

  test.each(cases)("%o", (op, message) => {
    expect(() => reverseOp(op)).toThrow(IrreversibleOpError);
    expect(() => reverseOp(op)).toThrow(`${message} Write the downgrade() of this migration by hand.`);
  });

  test("a primary key drop is irreversible even with a kept definition", () => {
    expect(() => reverseOp(dropConstraint("users", "pk_users", "primary", { name: "pk_users", columns: ["id"] }))).toThrow(
      /no operation that creates a primary key/,
    );
  });

  test("an irreversible op inside a batch block makes the block irreversible", () => {
    expect(() => reverseOps([modifyTable("users", [dropColumn("users", "email")])])).toThrow(IrreversibleOpError);
  });
});
