// Migrations that fail on existing rows, and their retry after the data is fixed; a parent
// table rebuilt while PRAGMA foreign_keys is on. SPEC §3 lets Retort do better in both.
import { db, dbAllowing, dbWhereRetortSays, models, sql, SPEC_CONVENTION, type Scenario } from "../harness/scenario";

const TASKS = models(
  `
class Task(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(50))
`,
  `
export class Task extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  title = db.Column(db.String(50));
}
`,
);

const TASKS_WITH_PRIORITY = models(
  `
class Task(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(50))
    priority = db.Column(db.Integer, nullable=False)
`,
  `
export class Task extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  title = db.Column(db.String(50));
  priority = db.Column(db.Integer, { nullable: false });
}
`,
);

const ACCOUNTS = (unique: boolean) =>
  models(
    `
class Account(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120)${unique ? ", unique=True" : ""})
`,
    `
export class Account extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  email = db.Column(db.String(120)${unique ? ", { unique: true }" : ""});
}
`,
  );

// The second version widens authors.name, which makes Alembic rebuild the table ("move and copy").
const LIBRARY = (secondVersion: boolean) =>
  models(
    `
class Author(db.Model):
    __tablename__ = "authors"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(${secondVersion ? 120 : 80}))
${secondVersion ? '    country = db.Column(db.String(2), nullable=False, server_default="UK")\n' : ""}

class Book(db.Model):
    __tablename__ = "books"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80))
    author_id = db.Column(db.Integer, db.ForeignKey("authors.id", ondelete="CASCADE"))
`,
    `
export class Author extends db.Model {
  static __tablename__ = "authors";
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(${secondVersion ? 120 : 80}));
${secondVersion ? `  country = db.Column(db.String(2), { nullable: false, serverDefault: "UK" });\n` : ""}}

export class Book extends db.Model {
  static __tablename__ = "books";
  id = db.Column(db.Integer, { primaryKey: true });
  title = db.Column(db.String(80));
  author_id = db.Column(db.Integer, db.ForeignKey("authors.id", { onDelete: "CASCADE" }));
}
`,
  );

export const FAILURE_SCENARIOS: readonly Scenario[] = [
  {
    name: "a NOT NULL column without a server default fails on a table with rows, and works once it is empty",
    steps: [
      TASKS,
      db("init"),
      db("migrate", "-m", "tasks", "--rev-id", "5a0000000001"),
      db("upgrade"),
      sql(`INSERT INTO task (id, title) VALUES (1, 'write'), (2, 'test');`),
      TASKS_WITH_PRIORITY,
      // SPEC §3: migrate warns, counting the rows that make the upgrade fail.
      dbWhereRetortSays(/NOT NULL/, "migrate", "-m", "priority", "--rev-id", "5a0000000002"),
      // SQLite refuses ALTER TABLE ADD COLUMN … NOT NULL without a default on a table with rows.
      db("upgrade"),
      sql(`DELETE FROM task;`),
      db("upgrade"),
      db("downgrade"),
    ],
  },
  {
    name: "UNIQUE over duplicate rows fails mid-rebuild; Retort leaves no trace, and the retry works",
    namingConvention: SPEC_CONVENTION,
    steps: [
      ACCOUNTS(false),
      db("init"),
      db("migrate", "-m", "accounts", "--rev-id", "5b0000000001"),
      db("upgrade"),
      sql(`INSERT INTO account (id, email) VALUES (1, 'a@x.org'), (2, 'b@x.org'), (3, 'a@x.org');`),
      ACCOUNTS(true),
      dbWhereRetortSays(/unique|duplicate/i, "migrate", "-m", "unique email", "--rev-id", "5b0000000002"),
      dbAllowing(
        {
          reason:
            "every revision runs in its own transaction: Alembic leaves _alembic_tmp_account behind, " +
            "Retort must leave the database exactly as it was",
          retortKeepsDb: true,
        },
        "upgrade",
      ),
      // Fixing the data; Flask's user must also drop the table Alembic left behind.
      sql(`DROP TABLE IF EXISTS _alembic_tmp_account; DELETE FROM account WHERE id = 3;`),
      db("upgrade"),
      db("downgrade"),
      db("upgrade"),
    ],
  },
  {
    name: "PRAGMA foreign_keys on while the parent table is rebuilt: Flask cascades deletes, Retort keeps the rows",
    foreignKeys: true,
    steps: [
      LIBRARY(false),
      db("init"),
      db("migrate", "-m", "library", "--rev-id", "5c0000000001"),
      db("upgrade"),
      sql(`INSERT INTO authors (id, name) VALUES (1, 'Le Guin'), (2, 'Pratchett');
           INSERT INTO books (id, title, author_id) VALUES (1, 'Earthsea', 1), (2, 'Mort', 2), (3, 'Lathe', 1);`),
      LIBRARY(true),
      db("migrate", "-m", "wider name and a country", "--rev-id", "5c0000000002"),
      dbAllowing(
        {
          reason:
            "a batch rebuild never deletes rows of other tables, even with PRAGMA foreign_keys on " +
            "(Alembic's DROP TABLE authors cascades into books)",
          retortKeepsRowsOf: ["books"],
        },
        "upgrade",
      ),
    ],
  },
];
