import { withConvention } from "./models-text";
import type { Lesson } from "./types";

const WITHOUT_EMAIL = withConvention(`export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { unique: true });
}
`);

export const lesson: Lesson = {
  id: "downgrade-data-loss",
  number: 7,
  title: "Downgrade and data loss; backups; undo",
  summary: "A downgrade that drops a column drops its values; Retort's undo steps are the backup.",
  tutorial: "3-flask-migrate-best-practices",
  start: {
    // the first revision is written from models without email, the second adds it
    models: WITHOUT_EMAIL,
    commands: [["migrate", "-m", "initial migration"], ["upgrade"]],
    sql: ["INSERT INTO users (id, username) VALUES (1, 'ann'), (2, 'bob'), (3, 'cy')"],
  },
  steps: [
    {
      title: "Add and fill the email column",
      text: [
        "Add `email = db.Column(db.String(120));` to User, run `flask db migrate -m \"add email\"` and `flask db upgrade`, then give everyone an email in the SQL console:",
        "`UPDATE users SET email = username || '@example.com'`",
      ],
      checks: [{ kind: "at-head" }, { kind: "revisions", count: 2 }, { kind: "query", sql: "SELECT count(*) FROM users WHERE email IS NOT NULL", equals: 3, label: "3 users have an email", says: "Not every user has an email yet." }],
      showMe: [
        { kind: "edit", file: "models.ts", find: `  username = db.Column(db.String(64), { unique: true });\n`, replace: `  username = db.Column(db.String(64), { unique: true });\n  email = db.Column(db.String(120));\n` },
        { kind: "command", line: `flask db migrate -m "add email"` },
        { kind: "command", line: "flask db upgrade" },
        { kind: "sql", sql: "UPDATE users SET email = username || '@example.com'" },
      ],
    },
    {
      title: "Downgrade, and upgrade again",
      text: [
        "Run `flask db downgrade`: Retort warns that the column holds values, then drops it. Run `flask db upgrade` again: the column is back, empty. A downgrade is no backup.",
      ],
      checks: [{ kind: "at-head" }, { kind: "query", sql: "SELECT count(*) FROM users WHERE email IS NULL", equals: 3, label: "the 3 emails are gone", says: "Downgrade, then upgrade again, and look at the emails." }],
      showMe: [{ kind: "command", line: "flask db downgrade" }, { kind: "command", line: "flask db upgrade" }],
    },
    {
      title: "Restore from an undo step",
      text: [
        "Before every upgrade and downgrade Retort keeps a copy of the database. Open `Undo steps` and restore the database as it was before the downgrade: the emails are back. On a real server, back up before you downgrade.",
      ],
      checks: [{ kind: "at-head" }, { kind: "query", sql: "SELECT count(*) FROM users WHERE email IS NOT NULL", equals: 3, label: "the 3 emails are back", says: "The emails are still gone: restore the undo step taken before the downgrade." }],
      showMe: [{ kind: "press", button: "Undo steps" }, { kind: "press", button: "Restore the database as it was before flask db downgrade" }, { kind: "press", button: "Restore" }],
    },
  ],
};
