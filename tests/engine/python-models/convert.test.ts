import { describe, expect, test } from "vitest";
import { convertModelsPy, parseModels } from "../../../src/engine/index";

/** Converts, and checks that the models.ts it gives is read with no diagnostics. */
function convert(python: string) {
  const result = convertModelsPy(python);
  expect(parseModels(result.text).diagnostics).toEqual([]);
  return result;
}

const body = (text: string) => text.slice(text.indexOf("export class"));
const where = (python: string) => convert(python).problems.map((p) => [p.line, p.column, p.message]);

describe("convertModelsPy: what converts", () => {
  test("Flasky's Role and User keep their order, options, relationships and comments", () => {
    const { text, problems } = convert(`from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

# Roles come first
class Role(db.Model):
    """A docstring, which is dropped."""
    __tablename__ = 'roles'
    id = db.Column(db.Integer, primary_key=True)  # the key
    name = db.Column(db.String(64), unique=True)
    users = db.relationship('User', backref='role', lazy='dynamic')


class User(db.Model):
    __tablename__ = 'users'
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True, index=True)
    role_id = db.Column(db.Integer, db.ForeignKey('roles.id'))
`);
    expect(problems).toEqual([]);
    expect(text).toBe(`import { SQLAlchemy } from "retort";

const db = new SQLAlchemy();

// Roles come first
export class Role extends db.Model {
  static __tablename__ = "roles";
  id = db.Column(db.Integer, { primaryKey: true }); // the key
  name = db.Column(db.String(64), { unique: true });
  users = db.relationship("User", { backref: "role", lazy: "dynamic" });
}

export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { unique: true, index: true });
  role_id = db.Column(db.Integer, db.ForeignKey("roles.id"));
}
`);
  });

  test("the naming convention of SQLAlchemy(metadata=MetaData(naming_convention=…)), through variables", () => {
    const { text } = convert(`from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
convention = {"ix": "ix_%(column_0_label)s", "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}
metadata = MetaData(naming_convention=convention)
db = SQLAlchemy(app, metadata=metadata)
`);
    expect(text).toContain(`const db = new SQLAlchemy({
  namingConvention: {
    ix: "ix_%(column_0_label)s",
    fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
  },
});`);
  });

  test("imported names and the sa. module become db.", () => {
    const { text, problems } = convert(`import sqlalchemy as sa
from sqlalchemy import Column, Integer, String as Str, ForeignKey
from sqlalchemy.orm import relationship
class Item(db.Model):
    id = Column(Integer, primary_key=True)
    title = sa.Column(Str(length=80), nullable=False)
    owner_id = Column(sa.Integer, ForeignKey("owner.id", ondelete="SET NULL", onupdate="CASCADE", name="fk_owner"))
    owner = relationship("Owner")

class Owner(db.Model):
    id = Column(Integer, primary_key=True)
`);
    expect(problems).toEqual([]);
    expect(body(text)).toContain(`  id = db.Column(db.Integer, { primaryKey: true });
  title = db.Column(db.String(80), { nullable: false });
  owner_id = db.Column(db.Integer, db.ForeignKey("owner.id", { onDelete: "SET NULL", onUpdate: "CASCADE", name: "fk_owner" }));
  owner = db.relationship("Owner");`);
  });

  test("every type of SPEC §1, server defaults, enums, an explicit column name and __abstract__", () => {
    const { text, problems } = convert(`class Base(db.Model):
    __abstract__ = True
    id = db.Column(db.Integer, primary_key=True)

class Everything(Base):
    a = db.Column(db.BigInteger, server_default="7")
    b = db.Column(db.SmallInteger, server_default=db.text("0"))
    c = db.Column("see", db.Unicode(20), comment="it's")
    d = db.Column(db.Text, nullable=False, server_default='')
    e = db.Column(db.UnicodeText())
    f = db.Column(db.Boolean, default=False)
    g = db.Column(db.Float, default=1.5)
    h = db.Column(db.Numeric(8, 2))
    i = db.Column(db.Numeric(precision=10, scale=3))
    j = db.Column(db.Date, default=datetime.date.today)
    k = db.Column(db.DateTime, server_default=db.text("CURRENT_TIMESTAMP"))
    l = db.Column(db.Time)
    m = db.Column(db.LargeBinary)
    n = db.Column(db.JSON, autoincrement=False)
    o = db.Column(db.Enum("new", "shipped", name="status"), server_default="new")
    p = db.Column(db.String, default=None)
`);
    expect(problems).toEqual([]);
    expect(body(text)).toBe(`export class Base extends db.Model {
  static __abstract__ = true;
  id = db.Column(db.Integer, { primaryKey: true });
}

export class Everything extends Base {
  a = db.Column(db.BigInteger, { serverDefault: "7" });
  b = db.Column(db.SmallInteger, { serverDefault: db.text("0") });
  c = db.Column("see", db.Unicode(20), { comment: "it's" });
  d = db.Column(db.Text, { nullable: false, serverDefault: "" });
  e = db.Column(db.UnicodeText());
  f = db.Column(db.Boolean, { default: false });
  g = db.Column(db.Float, { default: 1.5 });
  h = db.Column(db.Numeric(8, 2));
  i = db.Column(db.Numeric(10, 3));
  j = db.Column(db.Date, { default: datetime.date.today });
  k = db.Column(db.DateTime, { serverDefault: db.text("CURRENT_TIMESTAMP") });
  l = db.Column(db.Time);
  m = db.Column(db.LargeBinary);
  n = db.Column(db.JSON, { autoincrement: false });
  o = db.Column(db.Enum("new", "shipped", { name: "status" }), { serverDefault: "new" });
  p = db.Column(db.String, { default: null });
}
`);
  });

  test("__table_args__ with composite constraints, and Python string escapes", () => {
    const { text } = convert(`class Team(db.Model):
    __tablename__ = "teams"
    id = db.Column(db.Integer, primary_key=True)

class Member(db.Model):
    __tablename__ = "members"
    __table_args__ = (
        db.UniqueConstraint("username", "team_id", name="uq_members_username_team"),
        db.Index("ix_members_team_username", "team_id", "username", unique=True),
        db.CheckConstraint('length(username) > 1 AND username != \\'x\\'', name="username_len"),
        db.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE"),
    )
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64))
    team_id = db.Column(db.Integer)
`);
    expect(body(text)).toContain(`  static __table_args__ = [
    db.UniqueConstraint("username", "team_id", { name: "uq_members_username_team" }),
    db.Index("ix_members_team_username", "team_id", "username", { unique: true }),
    db.CheckConstraint("length(username) > 1 AND username != 'x'", { name: "username_len" }),
    db.ForeignKeyConstraint(["team_id"], ["teams.id"], { onDelete: "CASCADE" }),
  ];`);
  });
});

describe("convertModelsPy: what cannot be converted is a problem with its line", () => {
  test("methods and properties are left out, said once per class at the first one", () => {
    expect(where(`class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)

    def verify(self, password):
        return check(password)

    @hybrid_property
    def full_name(self):
        return self.first + self.last
`)).toEqual([[4, 5, "Class User: methods and properties are left out (models.ts holds no code, and they do not change the schema): verify (line 4), @hybrid_property full_name (line 7)."]]);
  });

  test("an unknown column type, an unknown name and an unknown option", () => {
    expect(where(`class T(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    a = db.Column(db.Interval)
    b = db.Column(MyType)
    c = db.Column(db.Integer, onupdate=now, sqlite_on_conflict_unique="IGNORE")
`)).toEqual([
      [3, 19, expect.stringMatching(/^Interval\(\) has no models\.ts spelling/)],
      [4, 19, "'MyType' is not a SQLAlchemy name models.ts knows: import it from sqlalchemy, or write it as db.MyType."],
      [5, 31, "Column(onupdate=…) is left out: a Python-side value set on UPDATE, with no schema effect."],
      [5, 45, expect.stringMatching(/^Column\(sqlite_on_conflict_unique=…\) has no models\.ts option/)],
    ]);
  });

  test("an Enum of a Python enum class asks for the values", () => {
    expect(where(`class T(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    status = db.Column(db.Enum(Status))
`)).toEqual([[3, 32, 'Enum(Status) takes its values from a Python class, which models.ts cannot run: write the values out, Enum("new", "shipped", name="status").']]);
  });

  test("SQLAlchemy 2.0's Mapped / mapped_column gets a clear message", () => {
    expect(where(`class T(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    key = db.Column(db.Integer, primary_key=True)
`)).toEqual([[2, 5, expect.stringContaining("is SQLAlchemy 2.0 style")]]);
  });

  test("a table option dict in __table_args__, a non-model class, a mixin and a default that calls code", () => {
    expect(where(`class Permission:
    FOLLOW = 1

class T(UserMixin, db.Model):
    __table_args__ = ({"sqlite_autoincrement": True},)
    id = db.Column(db.Integer, primary_key=True)
    at = db.Column(db.DateTime, default=datetime.now(), server_default=func.now())
`).map(([line, , message]) => [line, String(message).slice(0, 40)])).toEqual([
      [1, "Class Permission is not a model (it does"],
      [4, "Base class UserMixin is left out: Retort"],
      [5, "__table_args__ entry '{\"sqlite_autoincre"],
      [7, "Column(default=datetime.now()) is left o"],
      [7, "Column(server_default=func.now()) is lef"],
    ]);
  });

  test("a syntax error is reported at its line, and the models before it still convert", () => {
    const { text, problems } = convertModelsPy(`class A(db.Model):
    id = db.Column(db.Integer, primary_key=True)

class B(db.Model)
    id = db.Column(db.Integer, primary_key=True)
`);
    expect(problems[0]).toMatchObject({ line: 4, message: expect.stringContaining("Python syntax error") });
    expect(text).toContain("export class A extends db.Model {\n  id = db.Column(db.Integer, { primaryKey: true });\n}");
  });

  test("an association db.Table says how to write it as a class", () => {
    expect(where(`tags = db.Table("post_tags",
    db.Column("post_id", db.Integer, db.ForeignKey("posts.id"), primary_key=True),
)
`)).toEqual([[1, 1, expect.stringContaining("is a db.Table, which Retort's model language does not have: write it as a model class")]]);
  });

  test("app boilerplate is left out and said so", () => {
    expect(where(`from flask import Flask
from flask_sqlalchemy import SQLAlchemy
app = Flask(__name__)
db = SQLAlchemy(app)
`)).toEqual([[3, 1, "'app = Flask(__name__)' is not part of the models; it is left out."]]);
  });
});
