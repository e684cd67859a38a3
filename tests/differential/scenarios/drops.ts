// Dropping things that hold rows or constraints, then getting them back by downgrade: a table
// with an index and a foreign key into it, and a unique index (where Alembic 1.8's downgrade
// loses the UNIQUE, a bug SPEC §3 does not copy).
import { db, dbAllowing, models, sql, SPEC_CONVENTION, type Scenario } from "../harness/scenario";

const WITH_TAGS = models(
  `
class Post(db.Model):
    __tablename__ = "posts"
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(40), unique=True, index=True)


class Tag(db.Model):
    __tablename__ = "tags"
    id = db.Column(db.Integer, primary_key=True)
    label = db.Column(db.String(20), nullable=False, index=True)
    post_id = db.Column(db.Integer, db.ForeignKey("posts.id", ondelete="CASCADE"))
`,
  `
export class Post extends db.Model {
  static __tablename__ = "posts";
  id = db.Column(db.Integer, { primaryKey: true });
  slug = db.Column(db.String(40), { unique: true, index: true });
}

export class Tag extends db.Model {
  static __tablename__ = "tags";
  id = db.Column(db.Integer, { primaryKey: true });
  label = db.Column(db.String(20), { nullable: false, index: true });
  post_id = db.Column(db.Integer, db.ForeignKey("posts.id", { onDelete: "CASCADE" }));
}
`,
);

const WITHOUT_TAGS = models(
  `
class Post(db.Model):
    __tablename__ = "posts"
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(40), unique=True, index=True)
`,
  `
export class Post extends db.Model {
  static __tablename__ = "posts";
  id = db.Column(db.Integer, { primaryKey: true });
  slug = db.Column(db.String(40), { unique: true, index: true });
}
`,
);

const PLAIN_SLUG = models(
  `
class Post(db.Model):
    __tablename__ = "posts"
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(40))
`,
  `
export class Post extends db.Model {
  static __tablename__ = "posts";
  id = db.Column(db.Integer, { primaryKey: true });
  slug = db.Column(db.String(40));
}
`,
);

export const DROP_SCENARIOS: readonly Scenario[] = [
  {
    name: "dropping a table that holds rows, an index and a foreign key, then downgrading",
    namingConvention: SPEC_CONVENTION,
    steps: [
      WITH_TAGS,
      db("init"),
      db("migrate", "-m", "posts and tags", "--rev-id", "6a0000000001"),
      db("upgrade"),
      sql(`INSERT INTO posts (id, slug) VALUES (1, 'hello'), (2, 'world');
           INSERT INTO tags (id, label, post_id) VALUES (1, 'greeting', 1), (2, 'planet', 2);`),
      WITHOUT_TAGS,
      db("migrate", "-m", "no tags", "--rev-id", "6a0000000002"),
      db("upgrade"),
      db("downgrade"),
      db("upgrade"),
    ],
  },
  {
    name: "dropping a unique index: the downgrade re-creates it UNIQUE (Alembic 1.8 loses that)",
    steps: [
      WITHOUT_TAGS,
      db("init"),
      db("migrate", "-m", "posts", "--rev-id", "6b0000000001"),
      db("upgrade"),
      sql(`INSERT INTO posts (id, slug) VALUES (1, 'hello'), (2, 'world');`),
      PLAIN_SLUG,
      db("migrate", "-m", "plain slug", "--rev-id", "6b0000000002"),
      db("upgrade"),
      dbAllowing(
        {
          reason:
            "Alembic 1.8's bugs are not copied: its downgrade re-creates ix_posts_slug without unique=True " +
            "(DropIndexOp.reverse)",
          retortKeepsIndexesUnique: ["ix_posts_slug"],
        },
        "downgrade",
      ),
    ],
  },
];
