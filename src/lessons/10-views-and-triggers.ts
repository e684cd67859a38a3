import { withConvention } from "./models-text";
import type { Lesson } from "./types";

const MODELS = withConvention(`export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64));
  email = db.Column(db.String(120));
}

export class Audit extends db.Model {
  static __tablename__ = "audit";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64));
}
`);

const VIEW = "CREATE VIEW user_names AS SELECT username FROM users";
const TRIGGER = "CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN INSERT INTO audit (username) VALUES (new.username); END";

/** The upgrade's batch block as `flask db migrate` writes it for the unique email. */
const BATCH = `  op.batchAlterTable("users", (batchOp) => {
    batchOp.createUniqueConstraint("uq_users_email", ["email"]);
  });
`;

export const lesson: Lesson = {
  id: "views-and-triggers",
  number: 10,
  title: "A view and a trigger in the way of batch mode",
  summary: "What autogenerate cannot see: a view makes the table's rebuild fail, and the rebuild drops its trigger.",
  tutorial: "3-flask-migrate-best-practices",
  start: {
    models: MODELS,
    commands: [["migrate", "-m", "initial migration"], ["upgrade"]],
    sql: ["INSERT INTO users (id, username, email) VALUES (1, 'ann', 'ann@example.com'), (2, 'bob', 'bob@example.com')", VIEW, TRIGGER],
  },
  steps: [
    {
      title: "Make email unique, and upgrade",
      text: [
        "Real databases hold more than tables: here a view, `user_names`, reads users, and a trigger, `users_audit`, writes to audit on every new user. Alembic's autogenerate sees neither.",
        "Make email unique, `email = db.Column(db.String(120), { unique: true });`, then run `flask db migrate -m \"unique email\"` and `flask db upgrade`. Read the warnings first: the upgrade fails as Alembic's does, and is rolled back.",
      ],
      checks: [
        { kind: "last-command", command: "upgrade", output: "error in view user_names", failed: true, label: "the upgrade failed on the view", says: "Run `flask db upgrade` on the generated script and read why it fails." },
        { kind: "rows", table: "users", count: 2 },
      ],
      showMe: [
        { kind: "edit", file: "models.ts", find: "  email = db.Column(db.String(120));", replace: "  email = db.Column(db.String(120), { unique: true });" },
        { kind: "command", line: `flask db migrate -m "unique email"` },
        { kind: "command", line: "flask db upgrade" },
      ],
    },
    {
      title: "Drop the view before the batch, create both again after",
      text: [
        "SQLite rebuilds users (\"move and copy\"): its last step renames `_alembic_tmp_users` to users, and SQLite refuses while a view reads a table that is not there. The rebuild also drops the table's triggers.",
        "In the script's upgrade(), put `op.execute(\"DROP VIEW IF EXISTS user_names\");` before the batch block, and after it re-create the trigger and the view with op.execute, then `flask db upgrade` again.",
        "Next time, \"Keep the views and triggers\" under the warnings writes this for you before the script is generated.",
      ],
      checks: [
        { kind: "at-head" },
        { kind: "constraint", table: "users", name: "uq_users_email" },
        { kind: "query", sql: "SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = 'user_names'", equals: 1, label: "the view user_names is there", says: "The view user_names is not in the database: create it again after the batch block." },
        { kind: "query", sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'users_audit'", equals: 1, label: "the trigger users_audit is there", says: "The trigger users_audit is not in the database: the rebuild dropped it; create it again after the batch block." },
        { kind: "rows", table: "users", count: 2 },
      ],
      showMe: [
        {
          kind: "edit",
          file: "newest script",
          find: BATCH,
          replace: `  op.execute("DROP VIEW IF EXISTS user_names");\n${BATCH}  op.execute(${JSON.stringify(TRIGGER)});\n  op.execute(${JSON.stringify(VIEW)});\n`,
        },
        { kind: "command", line: "flask db upgrade" },
      ],
    },
  ],
};
