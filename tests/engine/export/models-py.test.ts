// models.py from models.ts: each name given only as far as the naming convention does not make it.
// What Flask-SQLAlchemy builds from it is proven against the real tool by npm run test:export-flask.
import { describe, expect, test } from "vitest";
import { renderModelsPy } from "../../../src/engine/export";
import { parseModels } from "../../../src/engine/models";

function modelsPy(classes: string, convention = ""): string {
  const parsed = parseModels(`import { SQLAlchemy } from "retort";\nconst db = new SQLAlchemy(${convention});\n${classes}`);
  expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return renderModelsPy(parsed.schema.tables, parsed.namingConvention, parsed.classes);
}

const CONVENTION = `{ namingConvention: {
  ix: "ix_%(column_0_label)s",
  uq: "uq_%(table_name)s_%(column_0_name)s",
  ck: "ck_%(table_name)s_%(constraint_name)s",
  fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
  pk: "pk_%(table_name)s",
} }`;

test("the tutorial's models, with the naming convention in MetaData", () => {
  const py = modelsPy(
    `export class Role extends db.Model {
      static __tablename__ = "roles";
      id = db.Column(db.Integer, { primaryKey: true });
      name = db.Column(db.String(64), { unique: true });
    }
    export class User extends db.Model {
      static __tablename__ = "users";
      id = db.Column(db.Integer, { primaryKey: true });
      username = db.Column(db.String(64), { unique: true, index: true });
      role_id = db.Column(db.Integer, db.ForeignKey("roles.id", { onDelete: "CASCADE" }));
    }`,
    CONVENTION,
  );
  expect(py).toBe(`from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData

db = SQLAlchemy(metadata=MetaData(naming_convention={
    'ix': 'ix_%(column_0_label)s',
    'uq': 'uq_%(table_name)s_%(column_0_name)s',
    'ck': 'ck_%(table_name)s_%(constraint_name)s',
    'fk': 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
    'pk': 'pk_%(table_name)s',
}))


class Role(db.Model):
    __tablename__ = 'roles'

    id = db.Column(db.Integer(), primary_key=True)
    name = db.Column(db.String(length=64), unique=True)


class User(db.Model):
    __tablename__ = 'users'

    id = db.Column(db.Integer(), primary_key=True)
    username = db.Column(db.String(length=64), unique=True, index=True)
    role_id = db.Column(db.Integer(), db.ForeignKey('roles.id', ondelete='CASCADE'))
`);
});

test("one-column indexes and unique constraints are said on their column when the convention names them", () => {
  const py = modelsPy(
    `export class Item extends db.Model {
      static __tablename__ = "item";
      static __table_args__ = [db.Index("ix_code_again", "code"), db.UniqueConstraint("code", { name: "code_once" })];
      id = db.Column(db.Integer, { primaryKey: true });
      code = db.Column(db.String(8), { unique: true, index: true });
      tag = db.Column(db.String(8), { unique: true });
      kind = db.Column(db.String(8), { index: true });
    }`,
  );
  // without a convention, only the default ix one: unique constraints stay unnamed, inline
  expect(py).toContain("    code = db.Column(db.String(length=8), unique=True, index=True)\n");
  expect(py).toContain("    tag = db.Column(db.String(length=8), unique=True)\n");
  expect(py).toContain("    kind = db.Column(db.String(length=8), index=True)\n");
  // a second index of the column, and a named unique constraint, stay in __table_args__
  expect(py).toContain("db.Index('ix_code_again', 'code'),");
  expect(py).toContain("db.UniqueConstraint('code', name='code_once'),");
});

describe("names", () => {
  test("an explicit name under a %(constraint_name)s template is given as the part the template stands for", () => {
    const py = modelsPy(
      `export class Item extends db.Model {
        static __tablename__ = "item";
        static __table_args__ = [db.CheckConstraint("qty > 0", { name: "pos" })];
        id = db.Column(db.Integer, { primaryKey: true });
        qty = db.Column(db.Integer);
      }`,
      CONVENTION,
    );
    expect(py).toContain("db.CheckConstraint('qty > 0', name='pos'),");
  });

  test("an explicit name that the template does not use is kept; without a convention every name is plain", () => {
    const classes = `export class Item extends db.Model {
      static __tablename__ = "item";
      static __table_args__ = [db.UniqueConstraint("a", "b", { name: "zz" }), db.CheckConstraint("a <> b", { name: "ab" })];
      id = db.Column(db.Integer, { primaryKey: true });
      a = db.Column(db.String(10), { nullable: false });
      b = db.Column(db.String(10), { serverDefault: "x" });
    }`;
    expect(modelsPy(classes, CONVENTION)).toContain("db.UniqueConstraint('a', 'b', name='zz'),");
    const plain = modelsPy(classes);
    expect(plain).toContain("db.CheckConstraint('a <> b', name='ab'),");
    expect(plain).toContain("db = SQLAlchemy()\n");
    expect(plain).toContain("a = db.Column(db.String(length=10), nullable=False)");
    expect(plain).toContain("b = db.Column(db.String(length=10), server_default='x')");
  });

  test("a composite primary key with a name that the convention cannot make is a PrimaryKeyConstraint", () => {
    const py = modelsPy(
      `export class Season extends db.Model {
        static __tablename__ = "seasons";
        static __table_args__ = [db.PrimaryKeyConstraint("year", "team", { name: "season_key" })];
        team = db.Column(db.Integer);
        year = db.Column(db.Integer);
      }`,
    );
    expect(py).toContain("db.PrimaryKeyConstraint('year', 'team', name='season_key'),");
    // the constraint makes its columns primary keys and NOT NULL
    expect(py).toContain("    team = db.Column(db.Integer())\n    year = db.Column(db.Integer())\n");
  });
});

test("classes and attributes keep their models.ts names; a name Python or Flask-SQLAlchemy has taken gets another", () => {
  const py = modelsPy(`export class Order extends db.Model {
    static __tablename__ = "order";
    id = db.Column(db.Integer, { primaryKey: true });
    first_name = db.Column("first name", db.String(40));
    cls = db.Column("class", db.Text, { serverDefault: db.text("CURRENT_TIMESTAMP") });
    query = db.Column(db.Integer, { comment: "it's" });
  }`);
  expect(py).toContain("first_name = db.Column('first name', db.String(length=40))");
  expect(py).toContain("class Order(db.Model):\n    __tablename__ = 'order'\n");
  expect(py).toContain("cls = db.Column('class', db.Text(), server_default=db.text('CURRENT_TIMESTAMP'))");
  expect(py).toContain(`query_ = db.Column('query', db.Integer(), comment="it's")`);
});
