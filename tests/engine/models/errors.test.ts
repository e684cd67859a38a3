// Every problem is reported with its exact words and place, all of them, not just the first.
// Sources start with helpers.HEADER (lines 1-2) unless they write their own.
import { describe, expect, test } from "vitest";
import { at, HEADER, models, parseModels, table } from "./helpers";

const PK = "id = db.Column(db.Integer, { primaryKey: true });";

describe("types and options", () => {
  test("unknown types name the right one", () => {
    const r = models(`class T extends db.Model {\n  ${PK}\n  a = db.Column(db.Strin(64));\n  b = db.Column(db.Varchar);\n  c = db.Column(db.Blob);\n}`);
    expect(at(r)).toEqual([
      [5, 17, "Unknown column type 'db.Strin'. Did you mean 'db.String'?"],
      [6, 17, "Unknown column type 'db.Varchar'. Did you mean 'db.String'?"],
      [7, 17, "Unknown column type 'db.Blob'. Did you mean 'db.LargeBinary'?"],
    ]);
    // the other columns are still read
    expect(table(r, "t").columns.map((c) => c.name)).toEqual(["id"]);
  });

  test("unknown options: snake_case gets its camelCase, typos their closest name, others the list", () => {
    const r = models(`class T extends db.Model {\n  id = db.Column(db.Integer, { primary_key: true });\n  a = db.Column(db.Integer, { nulable: false, server_default: "x", foo: 1 });\n}`);
    const d = r.diagnostics[0]!;
    expect([d.line, d.column, d.endLine, d.endColumn]).toEqual([4, 32, 4, 43]);
    // no "could not assemble any primary key" on top: the misspelt option already explains it
    expect(at(r)).toEqual([
      [4, 32, "Unknown option 'primary_key'. Did you mean 'primaryKey'?"],
      [5, 31, "Unknown option 'nulable'. Did you mean 'nullable'?"],
      [5, 47, "Unknown option 'server_default'. Did you mean 'serverDefault'?"],
      [5, 68, "Unknown option 'foo'. Use one of 'primaryKey', 'nullable', 'unique', 'index', 'serverDefault', 'default', 'autoincrement', 'comment'."],
    ]);
  });

  test("bad type arguments, column arguments and option values", () => {
    const r = models(`class T extends db.Model {
  id = db.Column(db.Integer(5), { primaryKey: true });
  a = db.Column(db.String("x"));
  b = db.Column(db.Numeric(1, 2, 3));
  c = db.Column(db.Enum);
  d = db.Column(db.Enum("a", x));
  e = db.Column();
  f = db.Column(db.Integer, "name");
  g = db.Column(db.Integer, db.ForeignKey("t.id", { ondelete: "CASCADE", onUpdate: "EXPLODE" }));
  h = db.Colum(db.Integer);
  i = 5;
  j = db.Column(db.Integer, { index: maybe, comment: 3 });
}`);
    expect(at(r)).toEqual([
      [4, 29, "db.Integer takes no arguments."],
      [5, 27, `The length of db.String must be a non-negative whole number, not the string "x".`],
      [6, 34, "db.Numeric takes at most 2 (precision, scale)."],
      [7, 17, `db.Enum needs its values: db.Enum("new", "shipped", { name: "status" }).`],
      [8, 30, "db.Enum values must be string literals, not the variable 'x'."],
      [9, 7, `db.Column needs a type, e.g. db.Column(db.Integer) or db.Column("name", db.String(64)).`],
      [10, 29, "A column name must be the first argument of db.Column; move it first or remove it."],
      [11, 53, "Unknown option 'ondelete'. Did you mean 'onDelete'?"],
      [11, 84, `Option 'onUpdate' must be one of "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION", not 'EXPLODE'.`],
      [12, 7, "Unknown model attribute 'db.Colum'. Did you mean 'db.Column'?"],
      [13, 7, "Field 'i' must be db.Column(...) or db.relationship(...), not the number 5."],
      [14, 38, "Option 'index' must be true or false, not the variable 'maybe'."],
      [14, 54, "Option 'comment' must be a string literal, not the number 3."],
    ]);
  });
});

describe("references, duplicates and primary keys", () => {
  test("foreign keys to a missing table or column use SQLAlchemy's words and a fix", () => {
    const r = models(`class U extends db.Model {
  ${PK}
  mail = db.Column("email", db.String);
}
class P extends db.Model {
  ${PK}
  a = db.Column(db.Integer, db.ForeignKey("userz.id"));
  b = db.Column(db.Integer, db.ForeignKey("u.idd"));
  c = db.Column(db.Integer, db.ForeignKey("u.mail"));
  d = db.Column(db.Integer, db.ForeignKey("u"));
}`);
    expect(at(r)).toEqual([
      [9, 43, "Foreign key associated with column 'p.a' could not find table 'userz' with which to generate a foreign key to target column 'id'. Use one of 'u', 'p'."],
      [10, 43, "Could not initialize target column for ForeignKey 'u.idd' on table 'p': table 'u' has no column named 'idd'. Did you mean 'id'?"],
      [11, 43, "Could not initialize target column for ForeignKey 'u.mail' on table 'p': table 'u' has no column named 'mail'. Foreign keys refer to a column by its name: 'u.email'."],
      [12, 43, `Foreign key target 'u' must be written "table.column", e.g. "users.id".`],
    ]);
    // the columns stay; only the broken foreign keys are left out
    expect(table(r, "p").columns.map((c) => c.name)).toEqual(["id", "a", "b", "c", "d"]);
    expect(table(r, "p").foreignKeys).toEqual([]);
  });

  test("duplicate tables, column names and members", () => {
    const r = models(`class A extends db.Model {
  static __tablename__ = "x";
  ${PK}
  a = db.Column("n", db.Integer);
  b = db.Column("n", db.Integer);
  a = db.Column(db.Integer);
}
class B extends db.Model {
  static __tablename__ = "x";
  ${PK}
}`);
    expect(at(r)).toEqual([
      [7, 7, "Column 'n' is defined twice in table 'x' (attributes 'a' and 'b'). Rename one of them."],
      [8, 3, "Duplicate member 'a' in class 'A'. Remove or rename one of them."],
      [11, 26, "Table 'x' is already defined for this MetaData instance (by class A). Give class B another static __tablename__."],
    ]);
    expect(r.schema.tables.map((t) => t.name)).toEqual(["x"]);
  });

  test("a table without a primary key is refused in SQLAlchemy's words", () => {
    const r = models(`class NoPk extends db.Model {\n  x = db.Column(db.Integer);\n}`);
    expect(r.diagnostics).toEqual([{
      severity: "error", line: 3, column: 7, endLine: 3, endColumn: 11,
      message: "Mapper mapped class NoPk->no_pk could not assemble any primary key columns for mapped table 'no_pk'. Add { primaryKey: true } to a column.",
    }]);
  });

  test("table arguments naming missing columns, unknown calls and mismatched foreign keys", () => {
    const r = models(`class T extends db.Model {
  static __table_args__ = [
    db.UniqueConstraint("nope"),
    db.Index("i", "idd"),
    db.Unique("id"),
    db.ForeignKeyConstraint(["id"], ["t.id", "t.x"]),
    { sqlite_autoincrement: true },
    db.UniqueConstraint("attr"),
    db.CheckConstraint(),
  ];
  ${PK}
  attr = db.Column("col", db.Integer);
}`);
    expect(at(r)).toEqual([
      [5, 25, "UniqueConstraint on table 't' refers to column 'nope', which class 'T' does not have. Use one of 'id', 'col'."],
      [6, 19, "Index on table 't' refers to column 'idd', which class 'T' does not have. Did you mean 'id'?"],
      [7, 5, "Unknown table argument 'db.Unique'. Did you mean 'db.UniqueConstraint'?"],
      [8, 5, "ForeignKeyConstraint number of constrained columns must match the number of referenced columns."],
      [9, 5, "__table_args__ holds db.UniqueConstraint(...), db.PrimaryKeyConstraint(...), db.Index(...), db.CheckConstraint(...), db.ForeignKeyConstraint(...); not an object."],
      [10, 25, "UniqueConstraint on table 't' refers to column 'attr', which class 'T' does not have. Constraints refer to a column by its name: use 'col'."],
      [11, 5, `db.CheckConstraint takes one SQL string: db.CheckConstraint("price > 0", { name: "price_positive" }).`],
    ]);
  });
});

describe("what the language does not have", () => {
  test("loops, calls, functions, computed names, spreads, methods and variables", () => {
    const r = models(`for (const x of []) {}
foo();
function f() {}
class T extends db.Model {
  [name] = db.Column(db.Integer);
  id = db.Column(db.Integer, { primaryKey: true, ...opts });
  a = db.Column(db.Integer, { serverDefault: now() });
  b = db.Column(db.Integer, { default: now() });
  toString() { return "t"; }
  static __bind_key__ = "x";
}
const other = 5;`);
    expect(at(r)).toEqual([
      [3, 1, "Loops are not part of the model language: models.ts is read, never run. Write each class out."],
      [4, 1, "Function calls are not part of the model language: models.ts is read, never run. Remove this call."],
      [5, 1, "Functions are not part of the model language: models.ts is read, never run. Remove this function."],
      [7, 4, "Computed member names are not part of the model language. Write the name out."],
      [8, 50, "Spreads are not part of the model language: models are read, never run. Write each option out."],
      [9, 46, `Option 'serverDefault' must be a string, a number or db.text("SQL"), not a function call.`],
      [10, 40, "Option 'default' cannot be a function call: models.ts is never run. Pass a literal or a function reference."],
      [11, 3, "Only fields (columns, relationships) and static __tablename__, __table_args__ and __abstract__ belong in a model class: models.ts is read, never run. Remove this member."],
      [12, 10, "Unknown class attribute 'static __bind_key__'. Use one of '__tablename__', '__abstract__', '__table_args__'."],
      [14, 1, "Only the SQLAlchemy instance (const db = new SQLAlchemy();) may be declared at the top level: models.ts is read, never run, so other variables cannot be used. Remove this declaration."],
    ]);
  });

  test("classes must extend db.Model or an abstract model declared above", () => {
    const r = models(`class A extends Something {}
class B {}
class C extends Later {}
class Later extends db.Model { ${PK} }
class D extends Later {}`);
    const fix = "Extend db.Model or an abstract model class (static __abstract__ = true) of this file.";
    expect(at(r)).toEqual([
      [3, 17, `Class 'A' extends 'Something', which is not a model of this file. ${fix}`],
      [4, 7, `Class 'B' is not a model: it does not extend db.Model. ${fix}`],
      [5, 17, "Class 'Later' is used before its declaration. Move it above class 'C'."],
      [7, 17, `Class 'D' extends 'Later', which is not abstract: Retort models have no table inheritance. ${fix}`],
    ]);
    expect(r.schema.tables.map((t) => t.name)).toEqual(["later"]);
  });

  test("a relationship to a class the file does not have is a warning, in SQLAlchemy's words", () => {
    const r = models(`class Role extends db.Model {\n  ${PK}\n  users = db.relationship("Usr", { backref: "role" });\n}\nclass User extends db.Model { ${PK} }`);
    expect(r.diagnostics.map((d) => [d.severity, d.line, d.column, d.message])).toEqual([[
      "warning", 5, 27,
      "When initializing mapper mapped class Role, expression 'Usr' failed to locate a name ('Usr'): no model class of this file is called 'Usr'. SQLAlchemy fails when the models are first used. Did you mean 'User'?",
    ]]);
    expect(r.schema.tables).toHaveLength(2);
  });

  test("__tablename__ without static", () => {
    const r = models(`class T extends db.Model {\n  __tablename__ = "things";\n  ${PK}\n}`);
    expect(at(r)).toEqual([[4, 3, "__tablename__ is a class attribute: write it as static __tablename__ = …;"]]);
  });

  test("several SQLAlchemy instances", () => {
    const r = models(`const db2 = new SQLAlchemy();\n`);
    expect(at(r)).toEqual([[3, 13, "Only one SQLAlchemy instance is allowed: 'db' is already defined on line 2. Remove this one and use 'db'."]]);
  });

  test("imports other than SQLAlchemy from retort, and a missing instance", () => {
    const r = parseModels(`import fs from "node:fs";\nimport { SQLAlchemy, Model } from "retort";\nclass T extends db.Model { ${PK} }`);
    const words = "Only `import { SQLAlchemy } from \"retort\";` is allowed: models.ts is read, never run, so other modules cannot be used. Remove this import.";
    expect(at(r)).toEqual([
      [1, 1, words],
      [2, 1, words],
      [3, 17, "'db' is not defined. Declare the SQLAlchemy instance first: const db = new SQLAlchemy();"],
    ]);
    // the class is still read, with db as the instance name
    expect(r.schema.tables.map((t) => t.name)).toEqual(["t"]);
  });

  test("unknown SQLAlchemy() options", () => {
    const r = parseModels(`import { SQLAlchemy } from "retort";\nconst db = new SQLAlchemy({ naming_convention: {} });`);
    expect(at(r)).toEqual([[2, 29, "Unknown option 'naming_convention'. Did you mean 'namingConvention'?"]]);
  });
});

describe("naming convention errors", () => {
  test("unknown tokens and keys, tokens of the wrong kind, and unnamed constraints under %(constraint_name)s", () => {
    const r = parseModels(`import { SQLAlchemy } from "retort";
const db = new SQLAlchemy({ namingConvention: {
  uq: "uq_%(tabel_name)s",
  ix: "ix_%(referred_table_name)s",
  unique_constraint: "x",
  ck: "ck_%(table_name)s_%(constraint_name)s",
  pk: "pk_%(column_1N_name)s",
  fk: "fk_%(referred_column_0_name)s",
  index: "ix_%s",
} });
class T extends db.Model {
  static __table_args__ = [db.CheckConstraint("id > 0")];
  ${PK}
  u = db.Column(db.Integer, db.ForeignKey("u.id"));
}
class U extends db.Model { ${PK} }`);
    expect(at(r)).toEqual([
      [3, 7, "Unknown naming convention token %(tabel_name)s in 'uq'. Did you mean %(table_name)s?"],
      [4, 7, "Naming convention token %(referred_table_name)s only applies to foreign keys; use it in the 'fk' convention, not 'ix'."],
      [5, 3, "Unknown naming convention key 'unique_constraint'. Its string keys are the short mnemonics: use 'uq'."],
      [7, 7, "Unknown naming convention token %(column_1N_name)s in 'pk'. Did you mean %(column_0N_name)s?"],
      [9, 3, "Unknown naming convention key 'index'. Its string keys are the short mnemonics: use 'ix'."],
      [12, 28, `Naming convention including %(constraint_name)s token requires that constraint is explicitly named. Give it a name with { name: "…" }, or change the naming convention.`],
      [14, 29, `The fk naming convention needs the columns of table 'u', which SQLAlchemy cannot resolve before class U is declared ("could not find table 'u'"). Move class U above class T.`],
    ]);
    // valid keys are kept; invalid ones dropped
    expect(r.namingConvention).toEqual({ ck: "ck_%(table_name)s_%(constraint_name)s", fk: "fk_%(referred_column_0_name)s" });
  });

  test("a convention using %(constraint_name)s on a column-level unique says how to name it", () => {
    const r = parseModels(`import { SQLAlchemy } from "retort";
const db = new SQLAlchemy({ namingConvention: { uq: "uq_%(constraint_name)s", ix: "ix_%(constraint_name)s" } });
class T extends db.Model {
  ${PK}
  a = db.Column(db.Integer, { unique: true });
  b = db.Column(db.Integer, { unique: true, index: true });
}`);
    const words = "Naming convention including %(constraint_name)s token requires that constraint is explicitly named.";
    expect(at(r)).toEqual([
      [5, 7, `${words} Declare it with a name in __table_args__: db.UniqueConstraint("a", { name: "…" }).`],
      [6, 7, `${words} Declare it with a name in __table_args__: db.Index("…", "b", { unique: true }).`],
    ]);
  });

  test("a bad %-format in a template", () => {
    const r = parseModels(`import { SQLAlchemy } from "retort";\nconst db = new SQLAlchemy({ namingConvention: { uq: "uq_%s" } });`);
    expect(at(r)).toEqual([[2, 53, "Naming convention 'uq_%s' has an unsupported '%' at position 3. Write tokens as %(name)s and a literal percent sign as %%."]]);
  });
});

test("HEADER is two lines, so positions above are those in the editor", () => {
  expect(HEADER.split("\n").length).toBe(3);
});

test("every other construct outside the language is reported where it was typed", () => {
  const r = parseModels(`import { SQLAlchemy } from "retort";
const db = new SQLAlchemy({ namingConvention: { uq: 5 } }, 2);
class A extends db.Model {
  static __tablename__ = name;
  static __abstract__ = "yes";
  static __table_args__ = db.UniqueConstraint("id");
  id = db.Column(db.Integer, { primaryKey: true });
  a!: number;
  b = db.Column(db.Integer, { serverDefault: db.text(sql) });
  c = db.Column(db.Integer, db.ForeignKey(target), db.ForeignKey("a.id", {}, 3));
  d = db.Column(db.Integer, { comment }, db.ForeignKey("a.id"));
  e = db.Column(db.Integer, 42);
  f = db.Column(5);
  g = db.relationship("A", { order_by: () => 1, ...x });
  h = db.Column(db.Integer, { nullable() { return true; } });
  ["i"] = db.Column(db.Integer);
}
class A extends db.Model {}
class Z extends mixin(db.Model) {}
class Y extends db.Model {
  static __table_args__ = [
    db.Index(5, "id"),
    db.UniqueConstraint(name),
    db.ForeignKeyConstraint("id", ["a.id"]),
    db.ForeignKeyConstraint(["id", "k"], ["a.id", "b.k"]),
  ];
  id = db.Column(db.Integer, { primaryKey: true });
  k = db.Column(db.Integer);
}
class B extends db.Model { k = db.Column(db.Integer, { primaryKey: true }); }
`);
  expect(at(r)).toEqual([
      [2, 53, "The 'uq' naming convention must be a string such as \"uq_%(table_name)s_%(column_0_name)s\"."],
      [2, 60, "SQLAlchemy() takes one options object; remove this argument."],
      [4, 26, "__tablename__ must be a string literal, not the variable 'name'."],
      [5, 25, "__abstract__ must be true or false, not the string \"yes\"."],
      [6, 27, "__table_args__ must be an array: static __table_args__ = [db.UniqueConstraint(\"a\", \"b\")];"],
      [8, 3, "Member 'a' has no value. Give it one, e.g. a = db.Column(db.Integer)."],
      [9, 46, "db.text() takes one string literal: db.text(\"CURRENT_TIMESTAMP\")."],
      [10, 43, "db.ForeignKey needs its target as a string literal: db.ForeignKey(\"users.id\")."],
      [10, 78, "db.ForeignKey takes a \"table.column\" string and an options object; remove this argument."],
      [11, 29, "The options object must be the last argument of db.Column."],
      [12, 29, "Unexpected argument to db.Column: the number 42. It takes [name], a type, db.ForeignKey(...)s and { options }."],
      [13, 7, "db.Column needs a type, e.g. db.Column(db.Integer) or db.Column(\"name\", db.String(64))."],
      [13, 17, "Unexpected argument to db.Column: the number 5. It takes [name], a type, db.ForeignKey(...)s and { options }."],
      [14, 40, "Relationship options must be literals, not a function: models.ts is read, never run."],
      [14, 49, "Spreads, computed keys and methods are not part of the model language. Write each option as `name: value`."],
      [15, 31, "Computed keys and methods are not part of the model language. Write the option as `name: value`."],
      [16, 4, "Computed member names are not part of the model language. Write the name out."],
      [18, 7, "Syntax error: Identifier 'A' has already been declared."],
      [19, 17, "Class 'Z' extends a function call. Extend db.Model or an abstract model class (static __abstract__ = true) of this file."],
      [22, 14, "db.Index takes its name first (a string, or null to use the naming convention), then column names."],
      [23, 25, "db.UniqueConstraint takes column names as string literals, not the variable 'name'."],
      [24, 29, "db.ForeignKeyConstraint takes its columns as an array of strings: db.ForeignKeyConstraint([\"role_id\"], [\"roles.id\"])."],
      [25, 51, "A foreign key refers to one table, but this one refers to 'a' and 'b'. Split it into one constraint per table."],
  ]);
});
