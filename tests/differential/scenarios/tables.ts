// New tables: foreign keys with ON DELETE, indexes, __table_args__, odd identifiers and every
// type of SPEC §1.
import { db, models, sql, SPEC_CONVENTION, type Scenario } from "../harness/scenario";

const AUTHORS = models(
  `
class Author(db.Model):
    __tablename__ = "authors"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False, index=True)
`,
  `
export class Author extends db.Model {
  static __tablename__ = "authors";
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(80), { nullable: false, index: true });
}
`,
);

const AUTHORS_BOOKS_REVIEWS = models(
  `
class Author(db.Model):
    __tablename__ = "authors"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False, index=True)


class Book(db.Model):
    __tablename__ = "books"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    isbn = db.Column(db.String(13), unique=True, index=True)
    author_id = db.Column(db.Integer, db.ForeignKey("authors.id", ondelete="CASCADE"), nullable=False, index=True)


class Review(db.Model):
    __tablename__ = "reviews"
    id = db.Column(db.Integer, primary_key=True)
    book_id = db.Column(db.Integer, db.ForeignKey("books.id", ondelete="CASCADE", onupdate="SET NULL"))
    stars = db.Column(db.SmallInteger, nullable=False, server_default="3")
`,
  `
export class Author extends db.Model {
  static __tablename__ = "authors";
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(80), { nullable: false, index: true });
}

export class Book extends db.Model {
  static __tablename__ = "books";
  id = db.Column(db.Integer, { primaryKey: true });
  title = db.Column(db.String(200), { nullable: false });
  isbn = db.Column(db.String(13), { unique: true, index: true });
  author_id = db.Column(db.Integer, db.ForeignKey("authors.id", { onDelete: "CASCADE" }), { nullable: false, index: true });
}

export class Review extends db.Model {
  static __tablename__ = "reviews";
  id = db.Column(db.Integer, { primaryKey: true });
  book_id = db.Column(db.Integer, db.ForeignKey("books.id", { onDelete: "CASCADE", onUpdate: "SET NULL" }));
  stars = db.Column(db.SmallInteger, { nullable: false, serverDefault: "3" });
}
`,
);

const TABLE_ARGS = models(
  `
class Team(db.Model):
    __tablename__ = "teams"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40))


class Member(db.Model):
    __tablename__ = "members"
    __table_args__ = (
        db.UniqueConstraint("username", "team_id", name="uq_members_username_team"),
        db.Index("ix_members_team_username", "team_id", "username"),
        db.CheckConstraint("length(username) > 1", name="username_len"),
    )
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), nullable=False)
    team_id = db.Column(db.Integer, db.ForeignKey("teams.id", name="fk_member_team", ondelete="SET NULL"))
`,
  `
export class Team extends db.Model {
  static __tablename__ = "teams";
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(40));
}

export class Member extends db.Model {
  static __tablename__ = "members";
  static __table_args__ = [
    db.UniqueConstraint("username", "team_id", { name: "uq_members_username_team" }),
    db.Index("ix_members_team_username", "team_id", "username"),
    db.CheckConstraint("length(username) > 1", { name: "username_len" }),
  ];
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { nullable: false });
  team_id = db.Column(db.Integer, db.ForeignKey("teams.id", { name: "fk_member_team", onDelete: "SET NULL" }));
}
`,
);

const TABLE_ARGS_PLUS_COLUMN = models(
  `
class Team(db.Model):
    __tablename__ = "teams"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40))


class Member(db.Model):
    __tablename__ = "members"
    __table_args__ = (
        db.UniqueConstraint("username", "team_id", name="uq_members_username_team"),
        db.Index("ix_members_team_username", "team_id", "username"),
        db.CheckConstraint("length(username) > 1", name="username_len"),
    )
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), nullable=False)
    team_id = db.Column(db.Integer, db.ForeignKey("teams.id", name="fk_member_team", ondelete="SET NULL"))
    nick = db.Column(db.String(30), nullable=False, server_default="-")
`,
  `
export class Team extends db.Model {
  static __tablename__ = "teams";
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(40));
}

export class Member extends db.Model {
  static __tablename__ = "members";
  static __table_args__ = [
    db.UniqueConstraint("username", "team_id", { name: "uq_members_username_team" }),
    db.Index("ix_members_team_username", "team_id", "username"),
    db.CheckConstraint("length(username) > 1", { name: "username_len" }),
  ];
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { nullable: false });
  team_id = db.Column(db.Integer, db.ForeignKey("teams.id", { name: "fk_member_team", onDelete: "SET NULL" }));
  nick = db.Column(db.String(30), { nullable: false, serverDefault: "-" });
}
`,
);

const ODD_NAMES = models(
  `
class Order(db.Model):
    __tablename__ = "order"
    id = db.Column(db.Integer, primary_key=True)
    first_name = db.Column("first name", db.String(40))
    quote = db.Column("it's \\"quoted\\"", db.String(10))


class Select(db.Model):
    __tablename__ = "select"
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column("group", db.Integer, db.ForeignKey("order.id"), index=True)


class Customer(db.Model):
    __tablename__ = "Customer"
    ID = db.Column(db.Integer, primary_key=True)
    UserName = db.Column(db.String(30), unique=True)
`,
  `
export class Order extends db.Model {
  static __tablename__ = "order";
  id = db.Column(db.Integer, { primaryKey: true });
  first_name = db.Column("first name", db.String(40));
  quote = db.Column("it's \\"quoted\\"", db.String(10));
}

export class Select extends db.Model {
  static __tablename__ = "select";
  id = db.Column(db.Integer, { primaryKey: true });
  order_id = db.Column("group", db.Integer, db.ForeignKey("order.id"), { index: true });
}

export class Customer extends db.Model {
  static __tablename__ = "Customer";
  ID = db.Column(db.Integer, { primaryKey: true });
  UserName = db.Column(db.String(30), { unique: true });
}
`,
);

const ODD_NAMES_CHANGED = models(
  `
class Order(db.Model):
    __tablename__ = "order"
    id = db.Column(db.Integer, primary_key=True)
    first_name = db.Column("first name", db.String(80))
    quote = db.Column("it's \\"quoted\\"", db.String(10))


class Select(db.Model):
    __tablename__ = "select"
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column("group", db.Integer, db.ForeignKey("order.id"), index=True)
    Where = db.Column("Where", db.Text)


class Customer(db.Model):
    __tablename__ = "Customer"
    ID = db.Column(db.Integer, primary_key=True)
    UserName = db.Column(db.String(30), unique=True)
`,
  `
export class Order extends db.Model {
  static __tablename__ = "order";
  id = db.Column(db.Integer, { primaryKey: true });
  first_name = db.Column("first name", db.String(80));
  quote = db.Column("it's \\"quoted\\"", db.String(10));
}

export class Select extends db.Model {
  static __tablename__ = "select";
  id = db.Column(db.Integer, { primaryKey: true });
  order_id = db.Column("group", db.Integer, db.ForeignKey("order.id"), { index: true });
  Where = db.Column("Where", db.Text);
}

export class Customer extends db.Model {
  static __tablename__ = "Customer";
  ID = db.Column(db.Integer, { primaryKey: true });
  UserName = db.Column(db.String(30), { unique: true });
}
`,
);

const ALL_TYPES = (extra: { python: string; ts: string }) =>
  models(
    `
class Everything(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    big = db.Column(db.BigInteger)
    small = db.Column(db.SmallInteger)
    name = db.Column(db.String(64))
    free = db.Column(db.String)
    uname = db.Column(db.Unicode(30))
    body = db.Column(db.Text)
    ubody = db.Column(db.UnicodeText)
    flag = db.Column(db.Boolean, nullable=False, server_default="0")
    ratio = db.Column(db.Float)
    price = db.Column(db.Numeric(8, 2))
    plain = db.Column(db.Numeric)
    day = db.Column(db.Date)
    stamp = db.Column(db.DateTime, server_default=db.text("CURRENT_TIMESTAMP"))
    clock = db.Column(db.Time)
    data = db.Column(db.LargeBinary)
    doc = db.Column(db.JSON)
    status = db.Column(db.Enum("new", "shipped", name="status"))
${extra.python}`,
    `
export class Everything extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  big = db.Column(db.BigInteger);
  small = db.Column(db.SmallInteger);
  name = db.Column(db.String(64));
  free = db.Column(db.String);
  uname = db.Column(db.Unicode(30));
  body = db.Column(db.Text);
  ubody = db.Column(db.UnicodeText);
  flag = db.Column(db.Boolean, { nullable: false, serverDefault: "0" });
  ratio = db.Column(db.Float);
  price = db.Column(db.Numeric(8, 2));
  plain = db.Column(db.Numeric);
  day = db.Column(db.Date);
  stamp = db.Column(db.DateTime, { serverDefault: db.text("CURRENT_TIMESTAMP") });
  clock = db.Column(db.Time);
  data = db.Column(db.LargeBinary);
  doc = db.Column(db.JSON);
  status = db.Column(db.Enum("new", "shipped", { name: "status" }));
${extra.ts}}
`,
  );

export const TABLE_SCENARIOS: readonly Scenario[] = [
  {
    name: "new tables with foreign keys (ON DELETE CASCADE) and indexes, added to an existing one",
    namingConvention: SPEC_CONVENTION,
    steps: [
      AUTHORS,
      db("init"),
      db("migrate", "-m", "authors", "--rev-id", "3a0000000001"),
      db("upgrade"),
      sql(`INSERT INTO authors (id, name) VALUES (1, 'Le Guin'), (2, 'Pratchett');`),
      AUTHORS_BOOKS_REVIEWS,
      db("migrate", "-m", "books and reviews", "--rev-id", "3a0000000002"),
      db("upgrade"),
      sql(`INSERT INTO books (id, title, isbn, author_id) VALUES (1, 'Earthsea', '1', 1), (2, 'Mort', '2', 2);
           INSERT INTO reviews (id, book_id) VALUES (1, 1), (2, 2);`),
      db("downgrade"),
      db("upgrade"),
    ],
  },
  {
    name: "__table_args__: composite unique, composite index, check constraint and a named foreign key",
    steps: [
      TABLE_ARGS,
      db("init"),
      db("migrate", "-m", "teams", "--rev-id", "3b0000000001"),
      db("upgrade"),
      sql(`INSERT INTO teams (id, name) VALUES (1, 'red'), (2, 'blue');
           INSERT INTO members (id, username, team_id) VALUES (1, 'ann', 1), (2, 'bob', 1), (3, 'ann', 2);`),
      // Adding a column with a NOT NULL server default keeps every named constraint.
      TABLE_ARGS_PLUS_COLUMN,
      db("migrate", "-m", "nick", "--rev-id", "3b0000000002"),
      db("upgrade"),
      db("downgrade"),
    ],
  },
  {
    name: "odd identifiers: reserved words, a space, quotes and upper case",
    namingConvention: SPEC_CONVENTION,
    steps: [
      ODD_NAMES,
      db("init"),
      db("migrate", "-m", "odd names", "--rev-id", "3c0000000001"),
      db("upgrade"),
      sql(`INSERT INTO "order" (id, "first name", "it's ""quoted""") VALUES (1, 'Ann', 'x'), (2, 'O''Brien', 'y');
           INSERT INTO "select" (id, "group") VALUES (1, 1), (2, 2);
           INSERT INTO "Customer" ("ID", "UserName") VALUES (1, 'Zed');`),
      ODD_NAMES_CHANGED,
      db("migrate", "-m", "wider name and a Where", "--rev-id", "3c0000000002"),
      db("upgrade"),
      db("downgrade", "base"),
      db("upgrade"),
    ],
  },
  {
    name: "every type of SPEC §1 in one table, then a batch rebuild that copies each of them",
    namingConvention: SPEC_CONVENTION,
    steps: [
      ALL_TYPES({ python: "", ts: "" }),
      db("init"),
      db("migrate", "-m", "everything", "--rev-id", "3d0000000001"),
      db("upgrade"),
      sql(`INSERT INTO everything (id, big, small, name, free, uname, body, ubody, flag, ratio, price, plain,
             day, stamp, clock, data, doc, status)
           VALUES (1, 9007199254740993, 7, 'n', 'f', 'ü', 'long text', 'ünï', 1, 0.25, 12.5, 3,
             '2026-11-22', '2026-11-22 04:00:00.000000', '04:00:00.000000', X'00FF10', '{"a": [1, 2]}', 'shipped'),
             (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);`),
      ALL_TYPES({
        python: "    extra = db.Column(db.Integer, nullable=False, server_default=db.text(\"42\"))\n",
        ts: "  extra = db.Column(db.Integer, { nullable: false, serverDefault: db.text(\"42\") });\n",
      }),
      db("migrate", "-m", "extra", "--rev-id", "3d0000000002"),
      db("upgrade"),
      // Reflection reads every type back as the models say it: nothing left to migrate.
      db("migrate", "-m", "nothing", "--rev-id", "3d0000000003"),
      db("downgrade"),
    ],
  },
];
