// Reflection round trip: the DDL that SQLAlchemy 1.4.46 emits (metadata.create_all on SQLite,
// copied verbatim from /usr/bin/python3 in a scratch folder) reflects to what SQLAlchemy's
// inspector reported for it (noted next to each expectation).
import { describe, expect, test } from "vitest";
import { openTestDatabase } from "../../binding";
import { reflectSchema, reflectTable } from "../../../src/engine/reflect";
import { column } from "../../../src/engine/schema/model";
import type { Database } from "../../../src/engine/db/database";

const SQLALCHEMY_DDL = `
CREATE TABLE roles (
	id INTEGER NOT NULL, 
	name VARCHAR(64), 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
CREATE TABLE "order" (
	id INTEGER NOT NULL, 
	big BIGINT, 
	small SMALLINT NOT NULL, 
	s VARCHAR(64) DEFAULT 'x', 
	s2 VARCHAR, 
	u VARCHAR(10), 
	t TEXT, 
	ut TEXT, 
	b BOOLEAN DEFAULT 0, 
	f FLOAT, 
	n NUMERIC(8, 2), 
	n2 NUMERIC, 
	d DATE, 
	dt DATETIME DEFAULT (CURRENT_TIMESTAMP), 
	tm TIME, 
	lb BLOB, 
	j JSON, 
	e VARCHAR(7), 
	role_id INTEGER, 
	role2 INTEGER, 
	"select" VARCHAR(5), 
	PRIMARY KEY (id), 
	CONSTRAINT uq_order_s_u UNIQUE (s, u), 
	UNIQUE (t), 
	CONSTRAINT s_len CHECK (length(s) > 1), 
	CHECK (small > 0), 
	CONSTRAINT fk_order_role FOREIGN KEY(role_id) REFERENCES roles (id) ON DELETE CASCADE, 
	FOREIGN KEY(role2) REFERENCES roles (id) ON UPDATE SET NULL, 
	UNIQUE ("select")
);
CREATE UNIQUE INDEX ix_uniq ON "order" (small, big);
CREATE INDEX ix_order_big ON "order" (big);
`;

async function dbWith(sql: string): Promise<Database> {
  const db = await openTestDatabase();
  db.exec(sql);
  return db;
}

describe("reflectSchema", () => {
  test("reflects every SQLAlchemy type, default and nullability as the inspector does", async () => {
    const table = reflectTable(await dbWith(SQLALCHEMY_DDL), "order")!;
    // inspector.get_columns: INTEGER() False None, BIGINT() True None, … (see the scratch run)
    expect(table.columns).toEqual([
      column("id", { name: "INTEGER" }, { nullable: false }),
      column("big", { name: "BIGINT" }),
      column("small", { name: "SMALLINT" }, { nullable: false }),
      column("s", { name: "VARCHAR", length: 64 }, { serverDefault: "'x'", serverDefaultIsSql: true }),
      column("s2", { name: "VARCHAR" }),
      column("u", { name: "VARCHAR", length: 10 }),
      column("t", { name: "TEXT" }),
      column("ut", { name: "TEXT" }),
      column("b", { name: "BOOLEAN" }, { serverDefault: "0", serverDefaultIsSql: true }),
      column("f", { name: "FLOAT" }),
      column("n", { name: "NUMERIC", precision: 8, scale: 2 }),
      column("n2", { name: "NUMERIC" }),
      column("d", { name: "DATE" }),
      column("dt", { name: "DATETIME" }, { serverDefault: "CURRENT_TIMESTAMP", serverDefaultIsSql: true }),
      column("tm", { name: "TIME" }),
      column("lb", { name: "BLOB" }),
      column("j", { name: "JSON" }),
      column("e", { name: "VARCHAR", length: 7 }),
      column("role_id", { name: "INTEGER" }),
      column("role2", { name: "INTEGER" }),
      column("select", { name: "VARCHAR", length: 5 }),
    ]);
    expect(table.primaryKey).toEqual({ name: null, columns: ["id"] });
  });

  test("reflects constraints with their names, in the inspector's order", async () => {
    const table = reflectTable(await dbWith(SQLALCHEMY_DDL), "order")!;
    expect(table.uniqueConstraints).toEqual([
      { name: "uq_order_s_u", columns: ["s", "u"] },
      { name: null, columns: ["t"] },
      { name: null, columns: ["select"] },
    ]);
    expect(table.checkConstraints).toEqual([
      { name: "s_len", sqltext: "length(s) > 1" },
      { name: null, sqltext: "small > 0" },
    ]);
    expect(table.foreignKeys).toEqual([
      { name: "fk_order_role", columns: ["role_id"], referredTable: "roles", referredColumns: ["id"], onDelete: "CASCADE", onUpdate: null },
      { name: null, columns: ["role2"], referredTable: "roles", referredColumns: ["id"], onDelete: null, onUpdate: "SET NULL" },
    ]);
    // sorted by name; sqlite_autoindex_* left out
    expect(table.indexes).toEqual([
      { name: "ix_order_big", columns: ["big"], unique: false },
      { name: "ix_uniq", columns: ["small", "big"], unique: true },
    ]);
  });

  test("lists user tables only: no alembic_version, no sqlite_sequence", async () => {
    const db = await dbWith(
      SQLALCHEMY_DDL +
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));" +
        "CREATE TABLE counter (id INTEGER PRIMARY KEY AUTOINCREMENT); INSERT INTO counter DEFAULT VALUES;",
    );
    expect(reflectSchema(db).tables.map((t) => t.name)).toEqual(["roles", "order", "counter"]);
    expect(reflectTable(db, "roles")!.uniqueConstraints).toEqual([{ name: null, columns: ["name"] }]);
    expect(reflectTable(db, "missing")).toBeUndefined();
  });

  test("reads quoted names of tables, columns and constraints", async () => {
    const db = await dbWith(`
      CREATE TABLE "my ""odd"" table" (
        "select" INTEGER NOT NULL, [from] VARCHAR(3), \`to\` INTEGER,
        CONSTRAINT "pk odd" PRIMARY KEY ("select"),
        CONSTRAINT "uq ""from""" UNIQUE ([from]),
        CONSTRAINT "ck, odd" CHECK ("select" > (0)),
        CONSTRAINT "fk odd" FOREIGN KEY(\`to\`) REFERENCES "my ""odd"" table" ("select") ON DELETE SET NULL
      );
      CREATE INDEX "ix ""to""" ON "my ""odd"" table" (\`to\`);`);
    const table = reflectSchema(db).tables[0]!;
    expect(table.name).toBe('my "odd" table');
    expect(table.columns.map((c) => c.name)).toEqual(["select", "from", "to"]);
    expect(table.primaryKey).toEqual({ name: "pk odd", columns: ["select"] });
    expect(table.uniqueConstraints).toEqual([{ name: 'uq "from"', columns: ["from"] }]);
    expect(table.checkConstraints).toEqual([{ name: "ck, odd", sqltext: '"select" > (0)' }]);
    expect(table.foreignKeys).toEqual([
      { name: "fk odd", columns: ["to"], referredTable: 'my "odd" table', referredColumns: ["select"], onDelete: "SET NULL", onUpdate: null },
    ]);
    expect(table.indexes).toEqual([{ name: 'ix "to"', columns: ["to"], unique: false }]);
  });

  test("resolves declared types by SQLAlchemy's names and SQLite's affinity rules", async () => {
    // inspector on the same DDL: BOOLEAN() FLOAT() INTEGER() NullType() REAL() TEXT() DECIMAL(precision=10, scale=3)
    const db = await dbWith("CREATE TABLE misc (id INTEGER PRIMARY KEY, flag BOOL, x DOUBLE, y INT, z, w DOUBLE PRECISION, v MEDIUMTEXT, q DECIMAL(10,3));");
    const table = reflectTable(db, "misc")!;
    expect(table.columns.map((c) => c.type)).toEqual([
      { name: "INTEGER" }, { name: "BOOLEAN" }, { name: "FLOAT" }, { name: "INTEGER" }, { name: "NULL" },
      { name: "REAL" }, { name: "TEXT" }, { name: "DECIMAL", precision: 10, scale: 3 },
    ]);
    // `id INTEGER PRIMARY KEY` without NOT NULL reflects as nullable, as the inspector says (True)
    expect(table.columns[0]!.nullable).toBe(true);
  });

  test("reads foreign keys that name no referred column as pointing at the primary key, in PRAGMA order", async () => {
    // inspector: [{constrained ['pc','pb'] -> parent ['b','a']}, {constrained ['pa'] -> parent ['b','a']}]
    const db = await dbWith(`CREATE TABLE parent (a INTEGER, b TEXT, PRIMARY KEY (b, a));
      CREATE TABLE misc (id INTEGER PRIMARY KEY, pa INTEGER REFERENCES parent ON DELETE CASCADE, pb TEXT, pc INTEGER,
        FOREIGN KEY (pc, pb) REFERENCES parent);
      CREATE INDEX ix_expr ON misc (lower(pb));
      CREATE INDEX ix_part ON misc (pb) WHERE pb IS NOT NULL;`);
    const misc = reflectTable(db, "misc")!;
    expect(misc.foreignKeys).toEqual([
      { name: null, columns: ["pc", "pb"], referredTable: "parent", referredColumns: ["b", "a"], onDelete: null, onUpdate: null },
      // SQLAlchemy drops the options of inline REFERENCES; the PRAGMA knows them, so Retort keeps them
      { name: null, columns: ["pa"], referredTable: "parent", referredColumns: ["b", "a"], onDelete: "CASCADE", onUpdate: null },
    ]);
    // expression indexes are skipped, as get_indexes does
    expect(misc.indexes).toEqual([{ name: "ix_part", columns: ["pb"], unique: false }]);
    const parent = reflectTable(db, "parent")!;
    expect(parent.columns.map((c) => c.name)).toEqual(["a", "b"]);
    expect(parent.primaryKey).toEqual({ name: null, columns: ["b", "a"] });
  });

  test("reads inline UNIQUE and a column-level named primary key", async () => {
    const db = await dbWith(
      "CREATE TABLE t (id INTEGER CONSTRAINT pk_t PRIMARY KEY, code VARCHAR UNIQUE, other TEXT CONSTRAINT ck_other CHECK (other <> ''), " +
        "n INTEGER CONSTRAINT nn NOT NULL CHECK (n > 0));",
    );
    const table = reflectTable(db, "t")!;
    expect(table.primaryKey).toEqual({ name: "pk_t", columns: ["id"] });
    expect(table.uniqueConstraints).toEqual([{ name: null, columns: ["code"] }]);
    // the name before NOT NULL belongs to NOT NULL, not to the CHECK after it
    expect(table.checkConstraints).toEqual([{ name: "ck_other", sqltext: "other <> ''" }, { name: null, sqltext: "n > 0" }]);
  });

  test("reads a table rebuilt by Alembic's batch mode (quoted name, a named key doubling an unnamed one)", async () => {
    // sqlite_master after op.batch_alter_table('users') added a unique constraint, a foreign key and a CHECK
    const db = await dbWith(`CREATE TABLE roles (id INTEGER NOT NULL, PRIMARY KEY (id));
CREATE TABLE "users" (
	id INTEGER NOT NULL, 
	username VARCHAR(64), 
	role_id INTEGER, 
	email VARCHAR(120), 
	PRIMARY KEY (id), 
	CONSTRAINT uq_users_email UNIQUE (email), 
	CONSTRAINT fk_users_role FOREIGN KEY(role_id) REFERENCES roles (id) ON DELETE CASCADE, 
	CONSTRAINT ck_users_name CHECK (length(username) > 1), 
	FOREIGN KEY(role_id) REFERENCES roles (id)
);
CREATE UNIQUE INDEX ix_users_username ON users (username);`);
    const users = reflectTable(db, "users")!;
    // the inspector: uniques [uq_users_email], one foreign key fk_users_role (ondelete CASCADE), check ck_users_name
    expect(users.uniqueConstraints).toEqual([{ name: "uq_users_email", columns: ["email"] }]);
    expect(users.foreignKeys).toEqual([
      { name: "fk_users_role", columns: ["role_id"], referredTable: "roles", referredColumns: ["id"], onDelete: "CASCADE", onUpdate: null },
    ]);
    expect(users.checkConstraints).toEqual([{ name: "ck_users_name", sqltext: "length(username) > 1" }]);
    expect(users.indexes).toEqual([{ name: "ix_users_username", columns: ["username"], unique: true }]);
  });
});

describe("declared types read once per schema", () => {
  test("more distinct types than the type cache holds still reflect each column's own type, in every table", async () => {
    const db = await openTestDatabase();
    // 3 × 900 distinct VARCHAR lengths: past the 2000-entry cache, which must clear and refill
    const lengths = (t: number) => Array.from({ length: 900 }, (_, i) => t * 900 + i + 1);
    for (const t of [0, 1, 2]) db.exec(`CREATE TABLE t${t} (${lengths(t).map((n) => `c${n} VARCHAR(${n})`).join(", ")})`);
    for (let round = 0; round < 2; round++) {
      const tables = reflectSchema(db).tables;
      for (const [t, table] of tables.entries()) {
        expect(table.columns.map((c) => c.type)).toEqual(lengths(t).map((n) => ({ name: "VARCHAR", length: n })));
      }
    }
    // the same DDL text in two tables gives equal types
    db.exec("CREATE TABLE a (x NUMERIC(10, 2)); CREATE TABLE b (y NUMERIC(10, 2), z numeric(10,2))");
    expect([reflectTable(db, "a")!.columns[0]!.type, ...reflectTable(db, "b")!.columns.map((c) => c.type)]).toEqual([
      { name: "NUMERIC", precision: 10, scale: 2 },
      { name: "NUMERIC", precision: 10, scale: 2 },
      { name: "NUMERIC", precision: 10, scale: 2 },
    ]);
  });
});
