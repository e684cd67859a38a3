// analyzeChanges: Retort's warnings (SPEC §3), counted on real rows in a real sql.js database.
// The ops are what compareSchemas generates for the pair, so each warning follows a real migration.
// Each failure a warning predicts was checked with Alembic 1.8.1's batch_alter_table on rows:
// add_column NOT NULL -> "Cannot add a NOT NULL column with default value NULL" (plain ALTER) or
// "NOT NULL constraint failed: _alembic_tmp_item.n" (rebuild); alter_column nullable=False over
// NULLs and a unique constraint or index over duplicates -> IntegrityError; create_unique_constraint(None)
// -> "Constraint must have a name"; VARCHAR -> Integer/DateTime copies 'abc' as 0, '2024-01-01' as 2024.
import { describe, expect, test } from "vitest";
import { analyzeChanges, analyzeOps, compareSchemas } from "../../../src/engine/autogenerate";
import { createUniqueConstraint, execute, modifyTable } from "../../../src/engine/ops/ops";
import { column, type Schema } from "../../../src/engine/schema/model";
import type { Database } from "../../../src/engine/db/database";
import { databaseWith, pk, schema, table } from "./helpers";

const Integer = { name: "Integer" };
const id = column("id", Integer, { nullable: false });

async function warningsFor(ddl: string, models: Schema) {
  const { db, schema: database }: { db: Database; schema: Schema } = await databaseWith(ddl);
  const { ops } = compareSchemas(database, models);
  return analyzeChanges(db, database, models, ops);
}

const USERS_DDL = `
  CREATE TABLE users (id INTEGER NOT NULL, username VARCHAR(64), PRIMARY KEY (id));
  INSERT INTO users VALUES (1, 'ann'), (2, 'bob');`;

describe("analyzeChanges", () => {
  test("the tutorial's second step: a NOT NULL column on a table with rows, and an unnamed unique constraint", async () => {
    const users = table("users", {
      columns: [id, column("username", { name: "String", length: 64 }), column("email", { name: "String", length: 120 }), column("age", Integer, { nullable: false })],
      primaryKey: pk("id"),
      uniqueConstraints: [{ name: null, columns: ["email"] }],
    });
    expect(await warningsFor(USERS_DDL, schema(users))).toEqual([
      {
        kind: "will-fail", table: "users", column: "age", rows: 2,
        fixes: [{ kind: "server-default", table: "users", column: "age" }, { kind: "fill-in-data-step", table: "users", column: "age", adding: true }],
        message:
          "Adding column 'users.age' as NOT NULL without a server default fails on the 2 existing rows of 'users': SQLite has no value to put in them. " +
          "Give it a serverDefault, or add it nullable, fill it with op.execute(\"UPDATE …\"), then make it NOT NULL in a later migration.",
      },
      {
        kind: "unnamed-constraint", table: "users", fixes: [{ kind: "naming-convention" }],
        message:
          "The unique constraint on users(email) has no name: SQLite batch mode must create and drop constraints by name, so this migration fails with " +
          "\"Constraint must have a name\". Add a naming convention to SQLAlchemy({ namingConvention }) or pass { name: \"uq_users_email\" }.",
      },
    ]);
  });

  test("a NOT NULL column with a server default, or on an empty table, is no problem", async () => {
    const users = table("users", {
      columns: [id, column("username", { name: "String", length: 64 }), column("age", Integer, { nullable: false, serverDefault: "0" })],
      primaryKey: pk("id"),
    });
    expect(await warningsFor(USERS_DDL, schema(users))).toEqual([]);
    const bare = table("users", { columns: [...users.columns.slice(0, 2), column("age", Integer, { nullable: false })], primaryKey: pk("id") });
    expect(await warningsFor("CREATE TABLE users (id INTEGER NOT NULL, username VARCHAR(64), PRIMARY KEY (id));", schema(bare))).toEqual([]);
  });

  test("dropped tables and columns holding values, counted", async () => {
    const ddl = `
      CREATE TABLE users (id INTEGER NOT NULL, username VARCHAR(64), bio TEXT, PRIMARY KEY (id));
      INSERT INTO users VALUES (1, 'ann', 'hi'), (2, 'bob', NULL), (3, 'cy', 'yo');
      CREATE TABLE logs (id INTEGER NOT NULL, PRIMARY KEY (id));
      INSERT INTO logs VALUES (1), (2), (3), (4);
      CREATE TABLE empty (id INTEGER NOT NULL, PRIMARY KEY (id));`;
    const users = table("users", { columns: [id, column("username", { name: "String", length: 64 })], primaryKey: pk("id") });
    expect(await warningsFor(ddl, schema(users))).toEqual([
      {
        kind: "data-loss", table: "logs", rows: 4,
        message: "Dropping table 'logs' deletes its 4 rows. Back them up first, or remove the drop from the migration if the table should stay.",
      },
      {
        kind: "data-loss", table: "users", column: "bio", rows: 2,
        message: "Dropping column 'users.bio' deletes 2 non-null values. Copy them elsewhere first if they are still needed.",
      },
    ]);
  });

  test("NOT NULL over existing NULLs, UNIQUE over duplicates, and a lossy type change", async () => {
    const ddl = `
      CREATE TABLE item (id INTEGER NOT NULL, qty VARCHAR(10), code VARCHAR(5), PRIMARY KEY (id));
      INSERT INTO item VALUES (1, '12', 'a'), (2, 'abc', 'a'), (3, NULL, 'b'), (4, '1.5', 'b'), (5, NULL, 'b'), (6, '7', NULL), (7, '8', NULL);`;
    const item = table("item", {
      columns: [id, column("qty", Integer, { nullable: false }), column("code", { name: "String", length: 5 })],
      primaryKey: pk("id"),
      indexes: [{ name: "ix_item_code", columns: ["code"], unique: true }],
    });
    expect(await warningsFor(ddl, schema(item))).toEqual([
      {
        kind: "will-fail", table: "item", column: "qty", rows: 2,
        fixes: [{ kind: "fill-in-data-step", table: "item", column: "qty", adding: false }],
        message: "Making 'item.qty' NOT NULL fails: 2 rows hold NULL there. Fill them with op.execute(\"UPDATE item SET qty = … WHERE qty IS NULL\") before the alterColumn.",
      },
      {
        kind: "data-loss", table: "item", column: "qty", rows: 2,
        message:
          "Changing 'item.qty' from VARCHAR(length=10) to Integer() changes 2 values (for example 'abc'): batch mode copies the column with CAST, " +
          "so the original values are lost. Convert or clear them first.",
      },
      {
        kind: "will-fail", table: "item", rows: 5, fixes: [{ kind: "show-duplicates", table: "item", columns: ["code"] }],
        message: "The unique index on item(code) fails: 2 groups of 5 rows already share the same values. Remove or change the duplicates before this migration.",
      },
    ]);
  });

  test("type changes that keep every value say nothing", async () => {
    const ddl = `
      CREATE TABLE item (id INTEGER NOT NULL, qty VARCHAR(10), price REAL, PRIMARY KEY (id));
      INSERT INTO item VALUES (1, '12', 2.0), (2, NULL, 3.0), (3, '-4', NULL);`;
    const item = table("item", { columns: [id, column("qty", Integer), column("price", { name: "Integer" })], primaryKey: pk("id") });
    const warnings = await warningsFor(ddl, schema(item));
    expect(warnings).toEqual([]);
  });

  test("likely renames of a column and of a table", async () => {
    const ddl = `
      CREATE TABLE users (id INTEGER NOT NULL, name VARCHAR(64), PRIMARY KEY (id));
      INSERT INTO users VALUES (1, 'ann'), (2, NULL);
      CREATE TABLE post (id INTEGER NOT NULL, PRIMARY KEY (id));
      INSERT INTO post VALUES (1);`;
    const users = table("users", { columns: [id, column("full_name", { name: "String", length: 64 })], primaryKey: pk("id") });
    const posts = table("posts", { columns: [id], primaryKey: pk("id") });
    const warnings = await warningsFor(ddl, schema(users, posts));
    expect(warnings.filter((w) => w.kind === "likely-rename")).toEqual([
      {
        kind: "likely-rename", table: "users", column: "name", rows: 1,
        fixes: [{ kind: "rename-column", table: "users", from: "name", to: "full_name" }],
        message:
          "Column 'users.name' is dropped and 'users.full_name' of the same type is added: if this is a rename, the 1 value of 'name' is lost. " +
          "Autogenerate cannot see renames; replace the two with batchOp.alterColumn(\"name\", { newColumnName: \"full_name\" }).",
      },
      {
        kind: "likely-rename", table: "post", rows: 1,
        message:
          "Table 'post' is dropped and 'posts' with the same columns is created: if this is a rename, the 1 row of 'post' is lost. " +
          "Autogenerate cannot see renames; replace the two with op.renameTable(\"post\", \"posts\").",
      },
    ]);
    expect(warnings.map((w) => w.kind)).toEqual(["data-loss", "data-loss", "likely-rename", "likely-rename"]);
  });

  test("a column of another type added while one is dropped is not a likely rename", async () => {
    const ddl = "CREATE TABLE users (id INTEGER NOT NULL, name VARCHAR(64), PRIMARY KEY (id));";
    const users = table("users", { columns: [id, column("age", Integer)], primaryKey: pk("id") });
    expect(await warningsFor(ddl, schema(users))).toEqual([]);
  });

  test("what autogenerate cannot see: server defaults, Enum values that keep the length, Python-side defaults", async () => {
    const ddl = `
      CREATE TABLE orders (id INTEGER NOT NULL, status VARCHAR(7) DEFAULT 'new', n INTEGER DEFAULT (0), PRIMARY KEY (id));
      INSERT INTO orders VALUES (1, 'new', 1), (2, 'shipped', 2), (3, 'lost', 3), (4, 'lost', 4);`;
    const orders = table("orders", {
      columns: [
        id,
        column("status", { name: "Enum", values: ["new", "shipped", "paid"] }, { serverDefault: "'paid'" }),
        column("n", Integer, { serverDefault: "0" }),
        column("active", { name: "Boolean" }, { clientDefault: "true" }),
      ],
      primaryKey: pk("id"),
    });
    expect(await warningsFor(ddl, schema(orders))).toEqual([
      {
        kind: "cannot-see", table: "orders", column: "active", rows: 4,
        message:
          "Column 'orders.active' has a Python-side default (true): it applies only to rows the application inserts later, so the migration leaves it out and " +
          "the 4 existing rows get NULL. Use serverDefault, or fill them with op.execute(\"UPDATE …\").",
      },
      {
        kind: "cannot-see", table: "orders", column: "status",
        message:
          "The server default of 'orders.status' is 'new' in the database and 'paid' in the models, but autogenerate does not compare server defaults " +
          "(Flask-Migrate leaves compare_server_default off). Add batchOp.alterColumn(\"status\", { serverDefault: \"'paid'\" }) by hand if it should change.",
      },
      {
        kind: "cannot-see", table: "orders", column: "status", rows: 2,
        message:
          "The Enum of 'orders.status' keeps its VARCHAR(7) length, so autogenerate sees no change, yet 2 rows hold values that are not among its values ('lost'). " +
          "Update those rows with op.execute(\"UPDATE …\") in a migration.",
      },
    ]);
  });

  test("unnamed foreign keys added or dropped in a batch, and names that quote odd table names", async () => {
    const ddl = `
      CREATE TABLE "order" (id INTEGER NOT NULL, PRIMARY KEY (id));
      CREATE TABLE "my table" (id INTEGER NOT NULL, "select" INTEGER, other INTEGER, PRIMARY KEY (id), FOREIGN KEY(other) REFERENCES "order" (id));
      INSERT INTO "order" VALUES (1); INSERT INTO "my table" VALUES (1, 1, 1), (2, 1, NULL);`;
    const order = table("order", { columns: [id], primaryKey: pk("id") });
    const mine = table("my table", {
      columns: [id, column("select", Integer), column("other", Integer)],
      primaryKey: pk("id"),
      foreignKeys: [{ name: null, columns: ["select"], referredTable: "order", referredColumns: ["id"], onDelete: null, onUpdate: null }],
      uniqueConstraints: [{ name: "uq_select", columns: ["select"] }],
    });
    const warnings = await warningsFor(ddl, schema(order, mine));
    expect(warnings.map((w) => [w.kind, w.rows])).toEqual([
      ["will-fail", 2],
      ["unnamed-constraint", undefined],
      ["unnamed-constraint", undefined],
    ]);
    expect(warnings[0]!.message).toBe(
      "The unique constraint on my table(select) fails: 1 group of 2 rows already share the same values. Remove or change the duplicates before this migration.",
    );
    expect(warnings[1]!.message).toMatch(/^The foreign key on my table\(other\) has no name in the database: .*"Constraint must have a name"/);
    expect(warnings[2]!.message).toContain('pass { name: "fk_my table_select_order" }');
  });
});

describe("a batch rebuild and what autogenerate cannot see: triggers and views", () => {
  const DDL = `
    CREATE TABLE users (id INTEGER NOT NULL, username VARCHAR(64), PRIMARY KEY (id));
    CREATE TABLE audit (n INTEGER);
    CREATE TABLE users_archive (id INTEGER);
    CREATE TRIGGER users_ins AFTER INSERT ON users BEGIN INSERT INTO audit VALUES (new.id); END;
    CREATE TRIGGER archive_ins AFTER INSERT ON users_archive BEGIN INSERT INTO audit VALUES (new.id); END;
    CREATE VIEW named AS SELECT username FROM "users";
    CREATE VIEW archived AS SELECT id FROM users_archive;
    INSERT INTO users VALUES (1, 'ann');`;
  const archive = table("users_archive", { columns: [column("id", Integer)] });
  const audit = table("audit", { columns: [column("n", Integer)] });

  test("a rebuild of users warns of its trigger, dropped with it, and of the view that makes it fail; other tables' are left alone", async () => {
    const users = table("users", {
      columns: [id, column("username", { name: "String", length: 64 })],
      primaryKey: pk("id"),
      uniqueConstraints: [{ name: "uq_users_username", columns: ["username"] }],
    });
    const warnings = await warningsFor(DDL, schema(users, audit, archive));
    expect(warnings.map((w) => [w.kind, w.table, w.message.split(":")[0]])).toEqual([
      ["will-fail", "users", "View 'named' reads 'users'"],
      ["cannot-see", "users", "Trigger 'users_ins' on 'users' is dropped by this migration's batch rebuild (\"move and copy\") of 'users', as Alembic's is, and nothing creates it again"],
    ]);
    // both offer the one fix that keeps them all, with each object's own CREATE statement to put back
    const keep = {
      kind: "keep-views-and-triggers", table: "users",
      views: [{ name: "named", sql: 'CREATE VIEW named AS SELECT username FROM "users"' }],
      triggers: [{ name: "users_ins", sql: "CREATE TRIGGER users_ins AFTER INSERT ON users BEGIN INSERT INTO audit VALUES (new.id); END" }],
    };
    expect(warnings.map((w) => w.fixes)).toEqual([[keep], [keep]]);
  });

  test("a script that drops the view before the batch and creates the trigger again after gets no warning for them", async () => {
    const { db, schema: database } = await databaseWith(DDL);
    const batch = modifyTable("users", [createUniqueConstraint("users", { name: "uq_users_username", columns: ["username"] })]);
    const followed = [
      execute("DROP VIEW IF EXISTS named"),
      batch,
      execute('CREATE VIEW named AS SELECT username FROM "users"'),
      execute("CREATE TRIGGER users_ins AFTER INSERT ON users BEGIN INSERT INTO audit VALUES (new.id); END"),
    ];
    expect(analyzeOps(db, database, followed)).toEqual([]);
    // created again before the batch (or the view dropped after it) does not count
    const misplaced = [execute("CREATE TRIGGER IF NOT EXISTS users_ins AFTER INSERT ON users BEGIN SELECT 1; END"), batch, execute("DROP VIEW named")];
    expect(analyzeOps(db, database, misplaced).map((w) => w.kind)).toEqual(["will-fail", "cannot-see"]);
  });

  test("an added column is a plain ALTER, no rebuild: nothing to say", async () => {
    const users = table("users", { columns: [id, column("username", { name: "String", length: 64 }), column("age", Integer)], primaryKey: pk("id") });
    expect(await warningsFor(DDL, schema(users, audit, archive))).toEqual([]);
  });
});
