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
const id = () => column("id", Integer, { nullable: false });
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
        // rendered by Alembic as alter_column('id', existing_type=sa.INTEGER(), nullable=False, autoincrement=True)
        alterColumn("item", "id", { nullable: false, existingType: INTEGER, existingNullable: true, autoincrement: true }),
        alterColumn("item", "title", {
          type: { name: "String", length: 200 }, existingType: { name: "VARCHAR", length: 64 }, existingNullable: true, existingServerDefault: "'x'", existingServerDefaultIsSql: true,
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

  test("SQLite's index and unique constraint quirks: changed indexes, an index becoming a constraint, unnamed uniques", async () => {
    const { schema: db } = await databaseWith(`
      CREATE TABLE t (
        id INTEGER NOT NULL, a VARCHAR(64), b NUMERIC(8, 2), c VARCHAR(3), d, e VARCHAR(10), f INTEGER, g INTEGER,
        PRIMARY KEY (id), UNIQUE (e), CONSTRAINT uq_t_f UNIQUE (f)
      );
      CREATE INDEX ix_t_a ON t (a);
      CREATE UNIQUE INDEX ix_t_fg ON t (f, g);
      CREATE INDEX ix_t_c ON t (c);`);
    const ixA = { name: "ix_t_a", columns: ["a"], unique: true };
    const ixFg = { name: "ix_t_fg", columns: ["g", "f", "c"], unique: true };
    const model = table("t", {
      columns: [
        column("id", Integer, { nullable: false }),
        column("a", { name: "String" }), // VARCHAR(64) vs String(): an argument on one side only is not compared
        column("b", { name: "DECIMAL", precision: 8, scale: 2 }), // NUMERIC and DECIMAL are synonyms
        column("c", { name: "Enum", values: ["x", "yyy"] }), // still VARCHAR(3)
        column("d", Integer), // declared without a type: NullType
        column("e", { name: "String", length: 10 }), // its unnamed UNIQUE is gone from the model: not seen
        column("f", Integer),
        column("g", Integer),
      ],
      primaryKey: pk("id"),
      uniqueConstraints: [{ name: "ix_t_c", columns: ["c"] }, { name: null, columns: ["g"] }, { name: "uq_t_f", columns: ["f"] }],
      indexes: [ixA, ixFg],
    });
    const result = compareSchemas(db, schema(model));
    // Alembic's log, line for line:
    expect(result.messages).toEqual([
      "Couldn't determine database type for column 't.d'",
      "Detected changed index 'ix_t_a' on 't': unique=False to unique=True",
      "Detected removed index 'ix_t_c' on 't'",
      "Detected added unique constraint 'ix_t_c' on '['c']'",
      "Detected changed index 'ix_t_fg' on 't': columns ('f', 'g') to ('c', 'f', 'g')",
      "Detected added unique constraint 'None' on '['g']'",
    ]);
    expect(result.ops).toEqual([
      modifyTable("t", [
        dropIndex("t", "ix_t_a", { ...ixA, unique: false }),
        createIndex("t", ixA),
        dropIndex("t", "ix_t_c", { name: "ix_t_c", columns: ["c"], unique: false }),
        createUniqueConstraint("t", { name: "ix_t_c", columns: ["c"] }),
        dropIndex("t", "ix_t_fg", { name: "ix_t_fg", columns: ["f", "g"], unique: true }),
        createIndex("t", ixFg),
        createUniqueConstraint("t", { name: null, columns: ["g"] }),
      ]),
    ]);
  });

  test("foreign key option changes, dropped tables and a foreign key cycle among new tables", async () => {
    const { schema: db } = await databaseWith(`
      CREATE TABLE roles (id INTEGER NOT NULL, PRIMARY KEY (id));
      CREATE TABLE users (
        id INTEGER NOT NULL, role_id INTEGER, boss_id INTEGER, name VARCHAR(10), PRIMARY KEY (id),
        CONSTRAINT fk_r FOREIGN KEY(role_id) REFERENCES roles (id),
        FOREIGN KEY(boss_id) REFERENCES users (id),
        UNIQUE (name)
      );
      CREATE TABLE old_child (id INTEGER NOT NULL, parent_id INTEGER, PRIMARY KEY (id), FOREIGN KEY(parent_id) REFERENCES old_parent (id));
      CREATE INDEX ix_old_child_parent_id ON old_child (parent_id);
      CREATE TABLE old_parent (id INTEGER NOT NULL, PRIMARY KEY (id));`);
    const idColumn = column("id", Integer, { nullable: false });
    const fkTo = (col: string, to: string, onDelete: "CASCADE" | null = null) =>
      ({ name: null, columns: [col], referredTable: to, referredColumns: ["id"], onDelete, onUpdate: null });
    const models = schema(
      table("roles", { columns: [idColumn], primaryKey: pk("id") }),
      table("users", { columns: [idColumn, column("role_id", Integer)], primaryKey: pk("id"), foreignKeys: [fkTo("role_id", "roles", "CASCADE")] }),
      table("b", {
        columns: [idColumn, column("a_id", Integer), column("code", { name: "String", length: 5 })],
        primaryKey: pk("id"), foreignKeys: [fkTo("a_id", "a")], uniqueConstraints: [{ name: null, columns: ["code"] }],
      }),
      table("a", {
        columns: [idColumn, column("b_id", Integer)], primaryKey: pk("id"), foreignKeys: [fkTo("b_id", "b")],
        indexes: [{ name: "ix_a_b_id", columns: ["b_id"], unique: false }],
      }),
      table("c", { columns: [idColumn, column("a_id", Integer)], primaryKey: pk("id"), foreignKeys: [fkTo("a_id", "a")] }),
      table("aa", { columns: [idColumn], primaryKey: pk("id") }),
    );
    const result = compareSchemas(db, models);
    // Alembic logged these lines; only the two "removed column" lines came in the other order
    // (Alembic walks a Python set there; Retort keeps the table's column order).
    expect(result.messages).toEqual([
      "Detected added table 'a'",
      "Detected added index 'ix_a_b_id' on '['b_id']'",
      "Detected added table 'aa'",
      "Detected added table 'b'",
      "Detected added table 'c'",
      "Detected removed index 'ix_old_child_parent_id' on 'old_child'",
      "Detected removed table 'old_child'",
      "Detected removed table 'old_parent'",
      "Detected removed foreign key (role_id)(id) on table users",
      "Detected removed foreign key (boss_id)(id) on table users",
      "Detected added foreign key (role_id)(id) on table users",
      "Detected removed column 'users.boss_id'",
      "Detected removed column 'users.name'",
    ]);
    const dbTable = (name: string) => db.tables.find((t) => t.name === name)!;
    const kinds = (ops: readonly { kind: string }[]) => ops.map((o) => o.kind);
    expect(kinds(result.ops)).toEqual([
      "create_table", "modify_table", "create_table", "create_table", "create_table",
      "modify_table", "drop_table", "drop_table", "modify_table",
    ]);
    expect(result.ops.slice(5, 8)).toEqual([
      modifyTable("old_child", [dropIndex("old_child", "ix_old_child_parent_id", dbTable("old_child").indexes[0])]),
      dropTable("old_child", dbTable("old_child")),
      dropTable("old_parent", dbTable("old_parent")),
    ]);
    const usersDb = dbTable("users");
    expect(result.ops[8]).toEqual(
      modifyTable("users", [
        dropConstraint("users", "fk_r", "foreignkey", usersDb.foreignKeys[0]),
        dropConstraint("users", null, "foreignkey", usersDb.foreignKeys[1]),
        createForeignKey("users", fkTo("role_id", "roles", "CASCADE")),
        dropColumn("users", "boss_id", usersDb.columns[2]),
        dropColumn("users", "name", usersDb.columns[3]),
      ]),
    );
  });

  test("the tutorial's second step, checked with the real `flask db migrate` on the database its first migration made", async () => {
    // app.db as Flask-Migrate's first upgrade left it (sqlite_master, verbatim)
    const { schema: db } = await databaseWith(`
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE roles (
	id INTEGER NOT NULL, 
	name VARCHAR(64), 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
CREATE TABLE users (
	id INTEGER NOT NULL, 
	username VARCHAR(64), 
	role_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(role_id) REFERENCES roles (id)
);
CREATE UNIQUE INDEX ix_users_username ON users (username);`);
    const email = column("email", { name: "String", length: 120 });
    const age = column("age", Integer, { nullable: false });
    const users2 = { ...users, columns: [...users.columns, email, age], uniqueConstraints: [{ name: null, columns: ["email"] }] };
    const result = compareSchemas(db, schema(users2, roles));
    // flask db migrate printed:
    //   INFO  [alembic.autogenerate.compare] Detected added column 'users.email'
    //   INFO  [alembic.autogenerate.compare] Detected added column 'users.age'
    //   INFO  [alembic.autogenerate.compare] Detected added unique constraint 'None' on '['email']'
    expect(result.messages).toEqual([
      "Detected added column 'users.email'",
      "Detected added column 'users.age'",
      "Detected added unique constraint 'None' on '['email']'",
    ]);
    expect(result.ops).toEqual([
      modifyTable("users", [addColumn("users", email), addColumn("users", age), createUniqueConstraint("users", { name: null, columns: ["email"] })]),
    ]);
  });

  test("alter_column carries the model's explicit autoincrement, and only the table's autoincrement column gets true", async () => {
    const { schema: db } = await databaseWith(`
      CREATE TABLE k (a INTEGER, b INTEGER, PRIMARY KEY (a, b));
      CREATE TABLE s (code VARCHAR(3), PRIMARY KEY (code));`);
    const k = table("k", {
      columns: [column("a", Integer, { nullable: false, autoincrement: false }), column("b", Integer, { nullable: false })],
      primaryKey: pk("a", "b"),
    });
    const s = table("s", { columns: [column("code", { name: "String", length: 3 }, { nullable: false })], primaryKey: pk("code") });
    const ops = compareSchemas(db, schema(k, s)).ops;
    // Alembic rendered autoincrement=False on k.a and nothing on k.b (two-column key) or s.code (VARCHAR)
    expect(ops).toEqual([
      modifyTable("k", [
        alterColumn("k", "a", { nullable: false, existingType: { name: "INTEGER" }, existingNullable: true, autoincrement: false }),
        alterColumn("k", "b", { nullable: false, existingType: { name: "INTEGER" }, existingNullable: true }),
      ]),
      modifyTable("s", [alterColumn("s", "code", { nullable: false, existingType: { name: "VARCHAR", length: 3 }, existingNullable: true })]),
    ]);
  });

  test("reflected server defaults get the parentheses Alembic's SQLite autogenerate gives them", async () => {
    const { schema: db } = await databaseWith(
      "CREATE TABLE t (id INTEGER NOT NULL, d DATETIME DEFAULT CURRENT_TIMESTAMP, n INTEGER DEFAULT 10, m INTEGER DEFAULT 5, " +
        "s VARCHAR(3) DEFAULT 'ab', x INTEGER DEFAULT (1 + 1), PRIMARY KEY (id));",
    );
    const BigInteger = { name: "BigInteger" };
    const t = table("t", {
      columns: [id(), column("d", { name: "Date" }), column("n", BigInteger), column("m", BigInteger), column("s", { name: "String", length: 4 })],
      primaryKey: pk("id"),
    });
    const [batch] = compareSchemas(db, schema(t)).ops;
    // Alembic's downgrade showed existing_server_default=sa.text('(CURRENT_TIMESTAMP)'), ('(10)'), ('5'), ("'ab'")
    // and add_column(sa.Column('x', sa.INTEGER(), server_default=sa.text('(1 + 1)'), ...))
    expect(batch).toEqual(
      modifyTable("t", [
        alterColumn("t", "d", { type: { name: "Date" }, existingType: { name: "DATETIME" }, existingNullable: true, existingServerDefault: "(CURRENT_TIMESTAMP)", existingServerDefaultIsSql: true }),
        alterColumn("t", "n", { type: BigInteger, existingType: { name: "INTEGER" }, existingNullable: true, existingServerDefault: "(10)", existingServerDefaultIsSql: true }),
        alterColumn("t", "m", { type: BigInteger, existingType: { name: "INTEGER" }, existingNullable: true, existingServerDefault: "5", existingServerDefaultIsSql: true }),
        alterColumn("t", "s", { type: { name: "String", length: 4 }, existingType: { name: "VARCHAR", length: 3 }, existingNullable: true, existingServerDefault: "'ab'", existingServerDefaultIsSql: true }),
        dropColumn("t", "x", column("x", { name: "INTEGER" }, { serverDefault: "(1 + 1)", serverDefaultIsSql: true })),
      ]),
    );
  });

  test("the models' SQL server defaults get the same parentheses, as Alembic's renderer gives them", async () => {
    const { schema: db } = await databaseWith("CREATE TABLE t (id INTEGER NOT NULL, PRIMARY KEY (id));");
    const t = table("t", {
      columns: [
        id(),
        column("d", { name: "DateTime" }, { serverDefault: "CURRENT_TIMESTAMP" }),
        column("n", Integer, { serverDefault: "1" }),
        column("s", String64, { serverDefault: "'x'" }),
      ],
      primaryKey: pk("id"),
    });
    // flask db migrate rendered server_default=sa.text('(CURRENT_TIMESTAMP)'), sa.text('1') and '…'
    const [batch] = compareSchemas(db, schema(t)).ops;
    expect(batch).toEqual(
      modifyTable("t", [
        addColumn("t", column("d", { name: "DateTime" }, { serverDefault: "(CURRENT_TIMESTAMP)" })),
        addColumn("t", column("n", Integer, { serverDefault: "1" })),
        addColumn("t", column("s", String64, { serverDefault: "'x'" })),
      ]),
    );
  });

  test("a name given to a unique constraint the database holds unnamed is added again; the reverse is left alone", async () => {
    const { schema: db } = await databaseWith(`
      CREATE TABLE users (
        id INTEGER NOT NULL, email VARCHAR(120), code VARCHAR(5), PRIMARY KEY (id),
        UNIQUE (email), CONSTRAINT uq_users_code UNIQUE (code)
      );`);
    const users = table("users", {
      columns: [id(), column("email", { name: "String", length: 120 }), column("code", { name: "String", length: 5 })],
      primaryKey: pk("id"),
      uniqueConstraints: [{ name: "uq_users_email", columns: ["email"] }, { name: null, columns: ["code"] }],
    });
    const result = compareSchemas(db, schema(users));
    // Alembic: only "Detected added unique constraint 'uq_users_email' on '['email']'"
    expect(result.messages).toEqual(["Detected added unique constraint 'uq_users_email' on '['email']'"]);
    expect(result.ops).toEqual([modifyTable("users", [createUniqueConstraint("users", { name: "uq_users_email", columns: ["email"] })])]);
  });
});
