import { withConvention } from "./models-text";
import type { Lesson } from "./types";

const MODELS = withConvention(`export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { unique: true });
  fullname = db.Column(db.String(64));
}
`);

export const lesson: Lesson = {
  id: "data-migration",
  number: 6,
  title: "A data migration with op.execute, and its downgrade",
  summary: "A new column filled from an old one by SQL in the script, and undone by downgrade.",
  tutorial: "3-flask-migrate-best-practices",
  start: {
    models: MODELS,
    commands: [["migrate", "-m", "initial migration"], ["upgrade"]],
    sql: ["INSERT INTO users (id, username, fullname) VALUES (1, 'ann', 'Ann Lee'), (2, 'bob', 'Bob Stone'), (3, 'cy', 'Cy Young')"],
  },
  steps: [
    {
      title: "Add the column and generate",
      text: ["Add `display_name = db.Column(db.String(64));` to User, then `flask db migrate -m \"add display name\"`."],
      checks: [{ kind: "script", pattern: `addColumn\\(sa\\.Column\\("display_name"`, label: "a script adds users.display_name", says: "No script adds users.display_name yet." }],
      showMe: [
        { kind: "edit", file: "models.ts", find: "  fullname = db.Column(db.String(64));\n", replace: "  fullname = db.Column(db.String(64));\n  display_name = db.Column(db.String(64));\n" },
        { kind: "command", line: `flask db migrate -m "add display name"` },
      ],
    },
    {
      title: "Fill it with op.execute",
      text: [
        "Schema migrations leave new columns empty. After the batch block in `upgrade()`, add a data migration:",
        "`op.execute(\"UPDATE users SET display_name = fullname\");`",
        "Its downgrade needs nothing more: dropping the column removes the copied values, and fullname still holds them.",
      ],
      checks: [{ kind: "script", pattern: `op\\.execute\\(\\s*"UPDATE users SET display_name`, label: "the script fills display_name", says: "No script runs UPDATE users SET display_name … yet." }],
      showMe: [{
        kind: "edit", file: "newest script",
        find: `    batchOp.addColumn(sa.Column("display_name", sa.String(64), { nullable: true }));\n  });\n`,
        replace: `    batchOp.addColumn(sa.Column("display_name", sa.String(64), { nullable: true }));\n  });\n  op.execute("UPDATE users SET display_name = fullname");\n`,
      }],
    },
    {
      title: "Upgrade",
      text: ["Run `flask db upgrade`. Every user gets a display name."],
      checks: [
        { kind: "at-head" },
        { kind: "query", sql: "SELECT count(*) FROM users WHERE display_name = fullname", equals: 3, label: "3 display names copied", says: "display_name is not filled from fullname for the 3 users yet." },
      ],
      showMe: [{ kind: "command", line: "flask db upgrade" }],
    },
    {
      title: "Downgrade",
      text: ["Run `flask db downgrade`: the column goes, the users and their full names stay."],
      checks: [{ kind: "column", table: "users", column: "display_name", exists: false }, { kind: "rows", table: "users", count: 3 }, { kind: "revisions", count: 2 }],
      showMe: [{ kind: "command", line: "flask db downgrade" }],
    },
  ],
};
