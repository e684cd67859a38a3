// Model pairs for the autogenerate check: one pair per detection kind of
// alembic/autogenerate/compare.py, and a few where nothing may be detected.
import type { ModelPair } from "../harness/model-pair";
import { models, SPEC_CONVENTION, type ModelsStep } from "../harness/scenario";

/** A model class in both languages; `py` and `ts` list the column lines after the id. */
function cls(name: string, table: string, py: readonly string[], ts: readonly string[], args?: { py: string; ts: string }) {
  return {
    py: [
      `class ${name}(db.Model):`,
      `    __tablename__ = "${table}"`,
      ...(args ? [`    __table_args__ = (${args.py},)`] : []),
      "    id = db.Column(db.Integer, primary_key=True)",
      ...py.map((l) => `    ${l}`),
    ].join("\n"),
    ts: [
      `export class ${name} extends db.Model {`,
      `  static __tablename__ = "${table}";`,
      ...(args ? [`  static __table_args__ = [${args.ts}];`] : []),
      "  id = db.Column(db.Integer, { primaryKey: true });",
      ...ts.map((l) => `  ${l};`),
      "}",
    ].join("\n"),
  };
}

function app(...classes: { py: string; ts: string }[]): ModelsStep {
  return models(classes.map((c) => c.py).join("\n\n\n"), classes.map((c) => c.ts).join("\n\n"));
}

const ROLES = cls("Role", "roles", ["name = db.Column(db.String(64))"], ["name = db.Column(db.String(64))"]);
const USERS = cls("User", "users", ["name = db.Column(db.String(64))"], ["name = db.Column(db.String(64))"]);
const POSTS = cls("Post", "posts", ["title = db.Column(db.String(64))"], ["title = db.Column(db.String(64))"]);
const TAGS = cls("Tag", "tags", ["label = db.Column(db.String(20))"], ["label = db.Column(db.String(20))"]);

const user = (py: string[], ts: string[], args?: { py: string; ts: string }) => cls("User", "users", py, ts, args);

export const MODEL_PAIRS: readonly ModelPair[] = [
  { name: "added tables (sorted_tables order)", before: app(ROLES), after: app(ROLES, USERS, TAGS, POSTS) },
  { name: "removed tables", before: app(ROLES, USERS, TAGS, POSTS), after: app(USERS) },
  {
    name: "added columns, in model order",
    before: app(USERS),
    after: app(
      user(
        ["name = db.Column(db.String(64))", "zeta = db.Column(db.Integer)", "alpha = db.Column(db.Text)"],
        ["name = db.Column(db.String(64))", "zeta = db.Column(db.Integer)", "alpha = db.Column(db.Text)"],
      ),
    ),
  },
  {
    name: "removed columns of a table with rows",
    before: app(
      user(
        ["name = db.Column(db.String(64))", "bio = db.Column(db.Text)", "age = db.Column(db.Integer)"],
        ["name = db.Column(db.String(64))", "bio = db.Column(db.Text)", "age = db.Column(db.Integer)"],
      ),
    ),
    after: app(USERS),
    rows: "INSERT INTO users (id, name, bio, age) VALUES (1, 'ann', 'hi', 30);",
  },
  {
    name: "nullable changes both ways",
    before: app(
      user(
        ["name = db.Column(db.String(64))", "email = db.Column(db.String(120), nullable=False)"],
        ["name = db.Column(db.String(64))", "email = db.Column(db.String(120), { nullable: false })"],
      ),
    ),
    after: app(
      user(
        ["name = db.Column(db.String(64), nullable=False)", "email = db.Column(db.String(120))"],
        ["name = db.Column(db.String(64), { nullable: false })", "email = db.Column(db.String(120))"],
      ),
    ),
  },
  {
    name: "type changes",
    before: app(
      user(
        [
          "name = db.Column(db.String(64))",
          "code = db.Column(db.Integer)",
          "body = db.Column(db.Text)",
          "price = db.Column(db.Numeric(8, 2))",
          "ratio = db.Column(db.Float)",
          "born = db.Column(db.Date)",
        ],
        [
          "name = db.Column(db.String(64))",
          "code = db.Column(db.Integer)",
          "body = db.Column(db.Text)",
          "price = db.Column(db.Numeric(8, 2))",
          "ratio = db.Column(db.Float)",
          "born = db.Column(db.Date)",
        ],
      ),
    ),
    after: app(
      user(
        [
          "name = db.Column(db.String(200))",
          "code = db.Column(db.String(10))",
          "body = db.Column(db.Integer)",
          "price = db.Column(db.Numeric(10, 2))",
          "ratio = db.Column(db.Numeric)",
          "born = db.Column(db.DateTime)",
        ],
        [
          "name = db.Column(db.String(200))",
          "code = db.Column(db.String(10))",
          "body = db.Column(db.Integer)",
          "price = db.Column(db.Numeric(10, 2))",
          "ratio = db.Column(db.Numeric)",
          "born = db.Column(db.DateTime)",
        ],
      ),
    ),
  },
  {
    name: "every type of SPEC §1 read back, and an Enum whose values change but keep their length",
    before: app(
      user(
        [
          "a = db.Column(db.BigInteger)", "b = db.Column(db.SmallInteger)", "c = db.Column(db.Unicode(30))",
          "d = db.Column(db.UnicodeText)", "e = db.Column(db.Boolean)", "f = db.Column(db.Time)",
          "g = db.Column(db.LargeBinary)", "h = db.Column(db.JSON)", 'i = db.Column(db.Enum("new", "shipped", name="status"))',
          "j = db.Column(db.String)", "k = db.Column(db.Numeric(8, 2))", "l = db.Column(db.DateTime)",
        ],
        [
          "a = db.Column(db.BigInteger)", "b = db.Column(db.SmallInteger)", "c = db.Column(db.Unicode(30))",
          "d = db.Column(db.UnicodeText)", "e = db.Column(db.Boolean)", "f = db.Column(db.Time)",
          "g = db.Column(db.LargeBinary)", "h = db.Column(db.JSON)", 'i = db.Column(db.Enum("new", "shipped", { name: "status" }))',
          "j = db.Column(db.String)", "k = db.Column(db.Numeric(8, 2))", "l = db.Column(db.DateTime)",
        ],
      ),
    ),
    after: app(
      user(
        [
          "a = db.Column(db.BigInteger)", "b = db.Column(db.SmallInteger)", "c = db.Column(db.Unicode(30))",
          "d = db.Column(db.UnicodeText)", "e = db.Column(db.Boolean)", "f = db.Column(db.Time)",
          "g = db.Column(db.LargeBinary)", "h = db.Column(db.JSON)", 'i = db.Column(db.Enum("new", "sent", name="status"))',
          "j = db.Column(db.String)", "k = db.Column(db.Numeric(8, 2))", "l = db.Column(db.DateTime)",
        ],
        [
          "a = db.Column(db.BigInteger)", "b = db.Column(db.SmallInteger)", "c = db.Column(db.Unicode(30))",
          "d = db.Column(db.UnicodeText)", "e = db.Column(db.Boolean)", "f = db.Column(db.Time)",
          "g = db.Column(db.LargeBinary)", "h = db.Column(db.JSON)", 'i = db.Column(db.Enum("new", "sent", { name: "status" }))',
          "j = db.Column(db.String)", "k = db.Column(db.Numeric(8, 2))", "l = db.Column(db.DateTime)",
        ],
      ),
    ),
  },
  {
    name: "added and removed indexes, single and composite",
    before: app(
      user(
        ["name = db.Column(db.String(64), index=True)", "email = db.Column(db.String(120))"],
        ["name = db.Column(db.String(64), { index: true })", "email = db.Column(db.String(120))"],
        { py: 'db.Index("ix_users_pair", "name", "email")', ts: 'db.Index("ix_users_pair", "name", "email")' },
      ),
    ),
    after: app(
      user(
        ["name = db.Column(db.String(64))", "email = db.Column(db.String(120), index=True)"],
        ["name = db.Column(db.String(64))", "email = db.Column(db.String(120), { index: true })"],
        { py: 'db.Index("ix_users_email_name", "email", "name", unique=True)', ts: 'db.Index("ix_users_email_name", "email", "name", { unique: true })' },
      ),
    ),
  },
  {
    name: "added and removed unique constraints with a naming convention",
    namingConvention: SPEC_CONVENTION,
    before: app(
      user(
        ["name = db.Column(db.String(64), unique=True)", "email = db.Column(db.String(120))"],
        ["name = db.Column(db.String(64), { unique: true })", "email = db.Column(db.String(120))"],
      ),
    ),
    after: app(
      user(
        ["name = db.Column(db.String(64))", "email = db.Column(db.String(120), unique=True)"],
        ["name = db.Column(db.String(64))", "email = db.Column(db.String(120), { unique: true })"],
        { py: 'db.UniqueConstraint("name", "email", name="uq_users_pair")', ts: 'db.UniqueConstraint("name", "email", { name: "uq_users_pair" })' },
      ),
    ),
  },
  {
    name: "an unnamed unique constraint and a unique index",
    before: app(USERS),
    after: app(
      user(
        ["name = db.Column(db.String(64), unique=True, index=True)", "email = db.Column(db.String(120), unique=True)"],
        ["name = db.Column(db.String(64), { unique: true, index: true })", "email = db.Column(db.String(120), { unique: true })"],
      ),
    ),
  },
  {
    name: "added and removed foreign keys",
    namingConvention: SPEC_CONVENTION,
    before: app(
      ROLES,
      user(
        ['role_id = db.Column(db.Integer, db.ForeignKey("roles.id"))', "post_id = db.Column(db.Integer)"],
        ['role_id = db.Column(db.Integer, db.ForeignKey("roles.id"))', "post_id = db.Column(db.Integer)"],
      ),
      POSTS,
    ),
    after: app(
      ROLES,
      user(
        ["role_id = db.Column(db.Integer)", 'post_id = db.Column(db.Integer, db.ForeignKey("posts.id", ondelete="CASCADE"))'],
        ["role_id = db.Column(db.Integer)", 'post_id = db.Column(db.Integer, db.ForeignKey("posts.id", { onDelete: "CASCADE" }))'],
      ),
      POSTS,
    ),
  },
  {
    name: "several tables changed at once: tables in name order, kinds in Alembic's order",
    namingConvention: SPEC_CONVENTION,
    before: app(ROLES, USERS, TAGS),
    after: app(
      cls("Tag", "tags", ["label = db.Column(db.String(40), nullable=False)"], ["label = db.Column(db.String(40), { nullable: false })"]),
      cls("Role", "roles", ["name = db.Column(db.String(64), index=True)", "level = db.Column(db.Integer)"], ["name = db.Column(db.String(64), { index: true })", "level = db.Column(db.Integer)"]),
      cls("User", "users", ['role_id = db.Column(db.Integer, db.ForeignKey("roles.id"))'], ['role_id = db.Column(db.Integer, db.ForeignKey("roles.id"))']),
      POSTS,
    ),
  },
  {
    name: "server default and client default changes are not detected",
    before: app(user(['name = db.Column(db.String(64), server_default="a")'], ['name = db.Column(db.String(64), { serverDefault: "a" })'])),
    after: app(user(['name = db.Column(db.String(64), server_default="b", default="c")'], ['name = db.Column(db.String(64), { serverDefault: "b", default: "c" })'])),
  },
  { name: "identical models: no changes", before: app(ROLES, USERS, POSTS), after: app(ROLES, USERS, POSTS) },
];
