import { withConvention } from "./models-text";
import type { Lesson } from "./types";

const USER = `export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { unique: true });
}
`;

export const lesson: Lesson = {
  id: "create-all",
  number: 1,
  title: "db.create_all() does not alter a table; migrations do",
  summary: "A table made by create_all() gets a new column only through a migration.",
  tutorial: "1-create-all-vs-migrate",
  start: {
    models: withConvention(USER),
    commands: [],
    // what db.create_all() made, before Flask-Migrate was set up
    sql: [
      "CREATE TABLE users (id INTEGER NOT NULL, username VARCHAR(64), CONSTRAINT pk_users PRIMARY KEY (id), CONSTRAINT uq_users_username UNIQUE (username))",
      "INSERT INTO users (id, username) VALUES (1, 'ann'), (2, 'bob')",
    ],
  },
  steps: [
    {
      title: "Change the model",
      text: [
        "The users table was made by `db.create_all()`, and holds two rows. `db.create_all()` only creates tables that do not exist: it never alters one.",
        "Add `email = db.Column(db.String(120));` to the User class in models.ts. Pending changes then shows what a migration would do.",
      ],
      checks: [{ kind: "models", table: "users", column: "email" }],
      showMe: [{ kind: "edit", file: "models.ts", find: `  username = db.Column(db.String(64), { unique: true });\n`, replace: `  username = db.Column(db.String(64), { unique: true });\n  email = db.Column(db.String(120));\n` }],
    },
    {
      title: "Generate a migration",
      text: ["Run `flask db migrate -m \"add email\"` in the terminal. Autogenerate compares the models with the database and writes the script."],
      checks: [{ kind: "script", pattern: `addColumn\\(sa\\.Column\\("email"`, label: "a script adds users.email", says: "No migration script adds users.email yet." }],
      showMe: [{ kind: "command", line: `flask db migrate -m "add email"` }],
    },
    {
      title: "Upgrade",
      text: ["Run `flask db upgrade`. The column is added to the existing table, and its rows stay."],
      checks: [
        { kind: "at-head" },
        { kind: "column", table: "users", column: "email", type: "VARCHAR(120)" },
        { kind: "rows", table: "users", count: 2 },
      ],
      showMe: [{ kind: "command", line: "flask db upgrade" }],
    },
  ],
};
