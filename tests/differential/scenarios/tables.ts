// New tables: foreign keys with ON DELETE, indexes and __table_args__.
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
];
