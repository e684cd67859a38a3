// The Schema parseModels builds: names, types, options and constraints as SQLAlchemy 1.4 would.
import { describe, expect, test } from "vitest";
import { camelToSnakeCase } from "../../../src/engine/models";
import { toDdl } from "../../../src/engine/schema/types";
import { messages, models, oneTable, table, withConvention } from "./helpers";

describe("table names", () => {
  // recorded from flask_sqlalchemy.model.camel_to_snake_case 3.0.3
  test.each([
    ["BlogPost", "blog_post"], ["HTTPResponse", "http_response"], ["User2", "user2"], ["ABC", "abc"],
    ["getHTTPResponseCode", "get_http_response_code"], ["User2Role", "user2_role"], ["aB", "a_b"],
    ["XMLHttp2Request", "xml_http2_request"], ["_Private", "private"], ["Snake_Case", "snake__case"],
    ["ID", "id"], ["IDs", "i_ds"], ["V2Api", "v2_api"], ["OAuth2Token", "o_auth2_token"],
  ])("%s -> %s", (cls, expected) => {
    expect(camelToSnakeCase(cls)).toBe(expected);
    const r = models(`class ${cls} extends db.Model { id = db.Column(db.Integer, { primaryKey: true }); }`);
    expect(r.schema.tables.map((t) => t.name)).toEqual([expected]);
  });

  test("__tablename__ wins, and an abstract base's __tablename__ is inherited (should_set_tablename)", () => {
    const r = models(`class Base extends db.Model { static __abstract__ = true; static __tablename__ = "shared"; }
export class Thing extends Base { static __tablename__ = "things"; id = db.Column(db.Integer, { primaryKey: true }); }
export class Other extends Base { id = db.Column(db.Integer, { primaryKey: true }); }`);
    expect(r.schema.tables.map((t) => t.name)).toEqual(["things", "shared"]);
  });
});

describe("types compile to the DDL SQLAlchemy 1.4 emits on SQLite", () => {
  // DDL recorded with sqlalchemy Column(type).type.compile(dialect=sqlite.dialect())
  test.each([
    ["db.Integer", "INTEGER"], ["db.Integer()", "INTEGER"], ["db.BigInteger", "BIGINT"], ["db.SmallInteger", "SMALLINT"],
    ["db.String", "VARCHAR"], ["db.String()", "VARCHAR"], ["db.String(64)", "VARCHAR(64)"], ["db.Unicode(30)", "VARCHAR(30)"],
    ["db.Text", "TEXT"], ["db.Text(50)", "TEXT(50)"], ["db.UnicodeText", "TEXT"], ["db.Boolean", "BOOLEAN"],
    ["db.Float", "FLOAT"], ["db.Float(10)", "FLOAT"], ["db.Numeric", "NUMERIC"], ["db.Numeric(10)", "NUMERIC(10)"],
    ["db.Numeric(8, 2)", "NUMERIC(8, 2)"], ["db.Date", "DATE"], ["db.DateTime", "DATETIME"], ["db.Time", "TIME"],
    ["db.LargeBinary", "BLOB"], ["db.LargeBinary(10)", "BLOB"], ["db.JSON", "JSON"], ['db.Enum("new", "shipped")', "VARCHAR(7)"],
  ])("%s -> %s", (expr, ddl) => {
    const r = models(oneTable(`  x = db.Column(${expr});`));
    expect(r.diagnostics).toEqual([]);
    expect(toDdl(table(r, "t").columns[1]!.type)).toBe(ddl);
  });

  test("model types keep SQLAlchemy's generic names and arguments; Enum keeps values and name", () => {
    const r = models(oneTable(`  a = db.Column(db.String(64));\n  b = db.Column(db.Numeric(8, 2));\n  c = db.Column(db.Enum("a", "bb", { name: "status" }));`));
    expect(table(r, "t").columns.slice(1).map((c) => c.type)).toEqual([
      { name: "String", length: 64 },
      { name: "Numeric", precision: 8, scale: 2 },
      { name: "Enum", values: ["a", "bb"], enumName: "status" },
    ]);
  });
});

describe("column options", () => {
  test("nullable defaults to true except on primary keys; an explicit value wins", () => {
    const r = models(oneTable(`  a = db.Column(db.Integer);\n  b = db.Column(db.Integer, { nullable: false });\n  c = db.Column(db.Integer, { primaryKey: true, nullable: true });`));
    expect(table(r, "t").columns.map((c) => [c.name, c.nullable])).toEqual([["id", false], ["a", true], ["b", false], ["c", true]]);
    expect(table(r, "t").primaryKey).toEqual({ name: null, columns: ["id", "c"] });
  });

  test("serverDefault: strings and numbers are quoted as SQLite stores them, db.text() is verbatim", () => {
    const r = models(oneTable(`  a = db.Column(db.String, { serverDefault: "it's" });\n  b = db.Column(db.Integer, { serverDefault: 0 });
  c = db.Column(db.DateTime, { serverDefault: db.text("CURRENT_TIMESTAMP") });\n  d = db.Column(db.Integer, { serverDefault: db.text("1 + 1") });
  e = db.Column(db.Integer, { serverDefault: db.text("(1 + 1)") });\n  f = db.Column(db.Integer);`));
    // recorded: DEFAULT 'it''s', '0', CURRENT_TIMESTAMP, 1 + 1 (text() is no ColumnElement: no parentheses), (1 + 1)
    expect(table(r, "t").columns.slice(1).map((c) => c.serverDefault)).toEqual(["'it''s'", "'0'", "CURRENT_TIMESTAMP", "1 + 1", "(1 + 1)", null]);
  });

  test("serverDefault: db.text() is flagged as SQL even when it is a quoted literal; a string or number is not", () => {
    // SQLAlchemy keeps text("'x'") a TextClause: Alembic renders it sa.text("'x'") and rebuilds to add it
    const r = models(oneTable(`  a = db.Column(db.String, { serverDefault: db.text("'x'") });
  b = db.Column(db.String, { serverDefault: "x" });
  c = db.Column(db.Integer, { serverDefault: 0 });\n  d = db.Column(db.Integer);`));
    const columns = table(r, "t").columns.slice(1);
    expect(columns.map((c) => [c.serverDefault, c.serverDefaultIsSql])).toEqual([["'x'", true], ["'x'", undefined], ["'0'", undefined], [null, undefined]]);
  });

  test("autoincrement, comment and an explicit column name are kept; a client-side default is noted for the warnings, not the DDL", () => {
    const r = models(oneTable(`  a = db.Column("a_col", db.Integer, { autoincrement: false, comment: "note", default: 5 });\n  b = db.Column(db.Integer, { default: Date.now, autoincrement: "auto" });\n  c = db.Column(db.Integer, { autoincrement: true });`));
    const [, a, b, c] = table(r, "t").columns;
    expect(a).toEqual({ name: "a_col", type: { name: "Integer" }, nullable: true, serverDefault: null, autoincrement: false, comment: "note", clientDefault: "5" });
    expect([b!.autoincrement, c!.autoincrement]).toEqual(["auto", true]);
    expect([b!.clientDefault, c!.clientDefault]).toEqual(["a function reference", undefined]);
    expect(r.clientDefaults).toEqual([{ table: "t", column: "a_col" }, { table: "t", column: "b" }]);
  });

  test("unique makes an unnamed UniqueConstraint, index an ix_ index, both a unique index and no constraint", () => {
    const r = models(oneTable(`  a = db.Column(db.Integer, { unique: true });\n  b = db.Column(db.Integer, { index: true });\n  c = db.Column(db.Integer, { unique: true, index: true });`));
    const t = table(r, "t");
    expect(t.uniqueConstraints).toEqual([{ name: null, columns: ["a"] }]);
    expect(t.indexes).toEqual([{ name: "ix_t_b", columns: ["b"], unique: false }, { name: "ix_t_c", columns: ["c"], unique: true }]);
  });

  test("db.ForeignKey becomes a foreign key constraint, actions upper-cased as SQLite reports them", () => {
    const r = models(`class P extends db.Model { id = db.Column(db.Integer, { primaryKey: true }); }
class C extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  p_id = db.Column(db.Integer, db.ForeignKey("p.id", { onDelete: "cascade", onUpdate: "SET NULL", name: "fk_c_p" }), { nullable: false });
}`);
    expect(r.diagnostics).toEqual([]);
    expect(table(r, "c").foreignKeys).toEqual([{ name: "fk_c_p", columns: ["p_id"], referredTable: "p", referredColumns: ["id"], onDelete: "CASCADE", onUpdate: "SET NULL" }]);
    expect(table(r, "c").columns[1]!.nullable).toBe(false);
  });

  test("relationships have no schema effect", () => {
    const r = models(oneTable(`  kids = db.relationship("T", { backref: db.backref("parent", { lazy: "joined" }), lazy: "dynamic" });`));
    expect(r.diagnostics).toEqual([]);
    expect(table(r, "t").columns.map((c) => c.name)).toEqual(["id"]);
  });
});

describe("__table_args__", () => {
  const SOURCE = `class P extends db.Model { a = db.Column(db.Integer, { primaryKey: true }); b = db.Column(db.Integer, { primaryKey: true }); }
class C extends db.Model {
  static __table_args__ = [
    db.PrimaryKeyConstraint("x", "y", { name: "pk_c" }),
    db.UniqueConstraint("x", "y"),
    db.Index("ix_c_y", "y", { unique: true }),
    db.Index(null, "x"),
    db.CheckConstraint("x > y", { name: "x_gt_y" }),
    db.ForeignKeyConstraint(["x", "y"], ["p.a", "p.b"], { onDelete: "RESTRICT", name: "fk_c_p" }),
  ];
  x = db.Column(db.Integer);
  y = db.Column(db.Integer);
}`;

  test("every kind of table argument lands in the table", () => {
    const r = models(SOURCE);
    expect(r.diagnostics).toEqual([]);
    expect(table(r, "c")).toEqual({
      name: "c",
      columns: [
        { name: "x", type: { name: "Integer" }, nullable: false, serverDefault: null, autoincrement: "auto", comment: null },
        { name: "y", type: { name: "Integer" }, nullable: false, serverDefault: null, autoincrement: "auto", comment: null },
      ],
      primaryKey: { name: "pk_c", columns: ["x", "y"] },
      uniqueConstraints: [{ name: null, columns: ["x", "y"] }],
      indexes: [{ name: "ix_c_y", columns: ["y"], unique: true }, { name: "ix_c_x", columns: ["x"], unique: false }],
      foreignKeys: [{ name: "fk_c_p", columns: ["x", "y"], referredTable: "p", referredColumns: ["a", "b"], onDelete: "RESTRICT", onUpdate: null }],
      checkConstraints: [{ name: "x_gt_y", sqltext: "x > y" }],
    });
  });

  test("a PrimaryKeyConstraint overriding primaryKey columns wins with SQLAlchemy's warning", () => {
    const r = models(`class T extends db.Model {
  static __table_args__ = [db.PrimaryKeyConstraint("b")];
  a = db.Column(db.Integer, { primaryKey: true });
  b = db.Column(db.Integer);
}`);
    expect(table(r, "t").primaryKey).toEqual({ name: null, columns: ["b"] });
    // recorded: both stay NOT NULL
    expect(table(r, "t").columns.map((c) => c.nullable)).toEqual([false, false]);
    expect(r.diagnostics).toEqual([{
      severity: "warning", line: 4, column: 28, endLine: 4, endColumn: 56,
      message: "Table 't' specifies columns 'a' as primary_key=True, not matching locally specified columns 'b'; setting the current primary key columns to 'b'. This warning may become an exception in a future release",
    }]);
  });
});

describe("abstract bases", () => {
  test("inherited columns keep creation order; a redefined column takes its new place (recorded from SQLAlchemy)", () => {
    const r = models(`class Base extends db.Model {
  static __abstract__ = true;
  id = db.Column(db.Integer, { primaryKey: true });
  created = db.Column(db.DateTime);
}
class Mid extends Base {
  static __abstract__ = true;
  mid = db.Column(db.Integer);
  created = db.Column(db.Integer);
}
export class Post extends Mid { title = db.Column(db.String(10)); }
export class Other extends Base { a = db.Column(db.Integer); id = db.Column(db.Integer, { primaryKey: true }); }`);
    expect(r.diagnostics).toEqual([]);
    expect(r.schema.tables.map((t) => [t.name, t.columns.map((c) => `${c.name} ${toDdl(c.type)}`)])).toEqual([
      ["post", ["id INTEGER", "mid INTEGER", "created INTEGER", "title VARCHAR(10)"]],
      ["other", ["created DATETIME", "a INTEGER", "id INTEGER"]],
    ]);
  });

  test("__table_args__ are inherited unless the subclass sets its own", () => {
    const r = models(`class Base extends db.Model {
  static __abstract__ = true;
  static __table_args__ = [db.UniqueConstraint("code")];
  id = db.Column(db.Integer, { primaryKey: true });
  code = db.Column(db.String(8));
}
export class A extends Base {}
export class B extends Base { static __table_args__ = []; }`);
    expect(r.schema.tables.map((t) => t.uniqueConstraints.length)).toEqual([1, 0]);
  });
});

describe("naming conventions in the models", () => {
  test("the convention names every constraint; explicit names win unless the template uses constraint_name", () => {
    const r = withConvention(
      { ix: "ix_%(table_name)s_%(column_0_name)s", uq: "uq_%(table_name)s_%(column_0_name)s", ck: "ck_%(table_name)s_%(constraint_name)s", fk: "fk_%(table_name)s_%(referred_table_name)s", pk: "pk_%(table_name)s" },
      `class P extends db.Model { id = db.Column(db.Integer, { primaryKey: true }); }
class C extends db.Model {
  static __table_args__ = [db.UniqueConstraint("a", { name: "mine" }), db.CheckConstraint("a > 0", { name: "pos" })];
  id = db.Column(db.Integer, { primaryKey: true });
  a = db.Column(db.Integer, { unique: true, index: true });
  b = db.Column(db.Integer, db.ForeignKey("p.id"), { unique: true });
}`,
    );
    expect(r.diagnostics).toEqual([]);
    const c = table(r, "c");
    expect([c.primaryKey?.name, c.indexes.map((i) => i.name), c.uniqueConstraints.map((u) => u.name), c.foreignKeys.map((f) => f.name), c.checkConstraints.map((k) => k.name)])
      .toEqual(["pk_c", ["ix_c_a"], ["uq_c_b", "mine"], ["fk_c_p"], ["ck_c_pos"]]);
  });

  test("%(column_0_key)s is the column name when db.Column is given one (recorded: declarative keeps key = name)", () => {
    const r = withConvention({ uq: "uq_%(column_0_key)s" }, oneTable(`  email = db.Column("email_address", db.String(120), { unique: true });`));
    expect(table(r, "t").uniqueConstraints).toEqual([{ name: "uq_email_address", columns: ["email_address"] }]);
  });

  test("namingConvention is returned as given", () => {
    expect(withConvention({ uq: "uq_%(table_name)s" }, "").namingConvention).toEqual({ uq: "uq_%(table_name)s" });
    expect(models("").namingConvention).toBeNull();
    expect(messages(models(""))).toEqual([]);
  });

  test("without an 'ix' key an index=True column is unnamed in SQLAlchemy: warned, and named as Alembic creates it", () => {
    const r = withConvention({ uq: "uq_%(table_name)s_%(column_0_name)s" }, oneTable(`  a = db.Column(db.Integer, { index: true });`));
    expect(table(r, "t").indexes).toEqual([{ name: "ix_t_a", columns: ["a"], unique: false }]);
    expect(r.diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([[
      "warning", 5,
      `This index has no name: the naming convention has no 'ix' key. Alembic creates it as 'ix_t_a'; add ix: "ix_%(column_0_label)s" to namingConvention or pass a name.`,
    ]]);
  });
});
