// parseModels against the real Flask-SQLAlchemy 3.0.3 / SQLAlchemy 1.4.46: each source below is the
// twin of reference/m_*.py, and reference/m_*.json is what reference/dump.py printed for it
// (see reference/README.md). Types are compared as the SQLite DDL SQLAlchemy emits.

import { describe, expect, test } from "vitest";
import { parseModels } from "./helpers";
import type { Table } from "../../../src/engine/schema/model";
import { toDdl } from "../../../src/engine/schema/types";
import abstractJson from "./reference/m_abstract.json";
import tokensJson from "./reference/m_tokens.json";
import tutorialJson from "./reference/m_tutorial.json";

const TUTORIAL = `import { SQLAlchemy } from "retort";

const db = new SQLAlchemy({
  namingConvention: {
    ix: "ix_%(column_0_label)s",
    uq: "uq_%(table_name)s_%(column_0_name)s",
    ck: "ck_%(table_name)s_%(constraint_name)s",
    fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    pk: "pk_%(table_name)s",
  },
});

export class Role extends db.Model {
  static __tablename__ = "roles";
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(64), { unique: true });
  users = db.relationship("User", { backref: "role" });
}

export class User extends db.Model {
  static __tablename__ = "users";
  static __table_args__ = [
    db.UniqueConstraint("username", "role_id", { name: "uq_users_username_role" }),
    db.Index("ix_users_role_username", "role_id", "username"),
    db.CheckConstraint("length(username) > 1", { name: "username_len" }),
  ];
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { unique: true, index: true });
  email = db.Column("email_address", db.String(120));
  role_id = db.Column(db.Integer, db.ForeignKey("roles.id", { onDelete: "CASCADE" }));
}
`;

const ABSTRACT = `import { SQLAlchemy } from "retort";
const db = new SQLAlchemy();

class Base extends db.Model {
  static __abstract__ = true;
  id = db.Column(db.Integer, { primaryKey: true });
  created = db.Column(db.DateTime, { serverDefault: db.text("CURRENT_TIMESTAMP"), nullable: false });
}
class Timestamped extends Base {
  static __abstract__ = true;
  updated = db.Column(db.DateTime);
  created = db.Column(db.Date);
}
export class BlogPost extends Timestamped {
  title = db.Column(db.String(200), { nullable: false, serverDefault: "untitled" });
  body = db.Column(db.Text);
  views = db.Column(db.Integer, { serverDefault: 0, index: true });
}
export class HTTPResponse extends Base {
  code = db.Column(db.SmallInteger, { comment: "status" });
  id = db.Column(db.BigInteger, { primaryKey: true, autoincrement: false });
  post_id = db.Column(db.Integer, db.ForeignKey("blog_post.id", { onUpdate: "CASCADE", onDelete: "SET NULL", name: "fk_resp_post" }));
}
export class User2 extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  a = db.Column(db.Boolean, { serverDefault: db.text("0") });
  b = db.Column(db.Float);
  c = db.Column(db.Numeric(8, 2));
  d = db.Column(db.Numeric);
  e = db.Column(db.Time);
  f = db.Column(db.LargeBinary);
  g = db.Column(db.JSON);
  h = db.Column(db.Enum("new", "shipped", { name: "status" }));
  i = db.Column(db.Unicode(30));
  j = db.Column(db.UnicodeText);
  k = db.Column(db.String);
  l = db.Column(db.Numeric(10));
  m = db.Column(db.Text(50));
}
`;

const TOKENS = `import { SQLAlchemy } from "retort";
const db = new SQLAlchemy({
  namingConvention: {
    ix: "%(table_name)s_%(column_0_N_key)s_idx",
    uq: "uq_%(column_0N_name)s_%(column_0_N_label)s",
    ck: "ck_%(table_name)s_%(column_0_name)s",
    fk: "fk_%(column_0_key)s_%(referred_column_0_N_name)s_%(referred_column_0N_name)s",
    pk: "pk_%(column_0_N_name)s",
  },
});
export class Account extends db.Model {
  static __table_args__ = [
    db.PrimaryKeyConstraint("org_id", "num"),
    db.UniqueConstraint("account_label", "org_id"),
    db.CheckConstraint("num > 0"),
  ];
  org = db.Column("org_id", db.Integer);
  num = db.Column(db.Integer);
  label = db.Column("account_label", db.String(20), { index: true, unique: true });
}
export class Entry extends db.Model {
  static __table_args__ = [
    db.ForeignKeyConstraint(["acct_org_id", "acct_num"], ["account.org_id", "account.num"], { onDelete: "CASCADE" }),
    db.Index(null, "acct_num", "acct_org_id", { unique: true }),
  ];
  id = db.Column(db.Integer, { primaryKey: true });
  acct_org = db.Column("acct_org_id", db.Integer);
  acct_num = db.Column(db.Integer, { nullable: false });
  parent = db.Column(db.Integer, db.ForeignKey("entry.id"));
}
`;

const sortByJson = <T>(xs: readonly T[]) => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** The Schema in dump.py's shape: DDL types, constraint lists in a fixed order. */
function asDumped(t: Table) {
  return {
    name: t.name,
    columns: t.columns.map((c) => ({ name: c.name, ddl: toDdl(c.type), nullable: c.nullable, serverDefault: c.serverDefault, comment: c.comment })),
    primaryKey: t.primaryKey,
    uniqueConstraints: sortByJson(t.uniqueConstraints),
    indexes: sortByJson(t.indexes),
    foreignKeys: sortByJson(t.foreignKeys),
    checkConstraints: sortByJson(t.checkConstraints),
  };
}

function normalizePython(tables: readonly ReturnType<typeof asDumped>[]) {
  return tables.map((t) => ({
    ...t,
    uniqueConstraints: sortByJson(t.uniqueConstraints),
    indexes: sortByJson(t.indexes),
    foreignKeys: sortByJson(t.foreignKeys),
    checkConstraints: sortByJson(t.checkConstraints),
  }));
}

describe("parseModels matches the MetaData real SQLAlchemy builds", () => {
  test.each([
    ["the tutorial models with a full naming convention", TUTORIAL, tutorialJson],
    ["abstract bases, default table names, server defaults and every type", ABSTRACT, abstractJson],
    ["explicit column names, composite constraints and the multi-column tokens", TOKENS, tokensJson],
  ])("%s", (_name, source, recorded) => {
    const result = parseModels(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.schema.tables.map(asDumped)).toEqual(normalizePython(recorded as unknown as ReturnType<typeof asDumped>[]));
  });
});
