import { withConvention } from "./models-text";
import type { Lesson } from "./types";

const MODELS = withConvention(`export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { unique: true });
}
`);

/** A fixed id, so that the lesson's text can name the revision both developers start from. */
const BASE = "1a2b3c4d5e6f";

export const lesson: Lesson = {
  id: "team-branches",
  number: 8,
  title: "Team branches: two heads, and flask db merge heads",
  summary: "Two developers migrate from the same head; upgrade stops; a merge revision joins them.",
  tutorial: "3-flask-migrate-best-practices",
  start: {
    models: MODELS,
    commands: [["migrate", "-m", "initial migration", "--rev-id", BASE], ["upgrade"]],
    sql: ["INSERT INTO users (id, username) VALUES (1, 'ann'), (2, 'bob'), (3, 'cy')"],
  },
  steps: [
    {
      title: "Your migration",
      text: ["Add `about_me = db.Column(db.Text);` to User and run `flask db migrate -m \"add about me\"`. Do not upgrade yet."],
      checks: [{ kind: "script", pattern: `addColumn\\(sa\\.Column\\("about_me"`, label: "a script adds users.about_me", says: "No script adds users.about_me yet." }],
      showMe: [
        { kind: "edit", file: "models.ts", find: `  username = db.Column(db.String(64), { unique: true });\n`, replace: `  username = db.Column(db.String(64), { unique: true });\n  about_me = db.Column(db.Text);\n` },
        { kind: "command", line: `flask db migrate -m "add about me"` },
      ],
    },
    {
      title: "Your teammate's migration",
      text: [
        "Meanwhile a teammate wrote a migration on the same revision, and you pull it. Press `Simulate a teammate` in the history panel",
        `(or type \`flask db revision -m "teammate's change" --head ${BASE} --splice\`). The history now has two heads.`,
      ],
      checks: [{ kind: "heads", count: 2 }],
      showMe: [{ kind: "press", button: "Simulate a teammate" }],
    },
    {
      title: "Upgrade stops",
      text: ["Run `flask db upgrade`. Alembic refuses: it cannot tell which head you mean."],
      checks: [{ kind: "last-command", command: "upgrade", failed: true, output: "Multiple head revisions", label: "upgrade stopped on multiple heads", says: "Run flask db upgrade and read why it stops." }],
      showMe: [{ kind: "command", line: "flask db upgrade" }],
    },
    {
      title: "Merge the heads",
      text: ["Run `flask db merge heads -m \"merge\"`: a revision with both heads as parents, and nothing else in it."],
      checks: [{ kind: "heads", count: 1, says: "The history still has two heads: run flask db merge heads -m \"merge\"." }],
      showMe: [{ kind: "command", line: `flask db merge heads -m "merge"` }],
    },
    {
      title: "Upgrade",
      text: ["Run `flask db upgrade`: both branches run, then the merge."],
      checks: [{ kind: "at-head" }, { kind: "column", table: "users", column: "about_me" }, { kind: "rows", table: "users", count: 3 }],
      showMe: [{ kind: "command", line: "flask db upgrade" }],
    },
  ],
};
