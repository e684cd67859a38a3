import { withConvention } from "./models-text";
import type { Lesson } from "./types";

const MODELS = withConvention(`export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64));
  email = db.Column(db.String(120));
}
`);

export const lesson: Lesson = {
  id: "large-table-batch",
  number: 9,
  title: "A large table through batch mode, stepped",
  summary: "100,000 rows moved and copied by a batch rebuild, one statement at a time.",
  tutorial: "3-flask-migrate-best-practices",
  start: {
    models: MODELS,
    commands: [["migrate", "-m", "initial migration"], ["upgrade"]],
    sql: [
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) " +
        "INSERT INTO users (id, username, email) SELECT i, 'user' || i, 'user' || i || '@example.com' FROM n",
    ],
  },
  steps: [
    {
      title: "Widen a column",
      text: [
        "users holds 100,000 rows. Make usernames longer: `username = db.Column(db.String(128));`, then `flask db migrate -m \"longer usernames\"`.",
        "SQLite cannot change a column's type, so the script's batch block will move and copy the table.",
      ],
      checks: [{ kind: "script", pattern: `alterColumn\\("username", \\{[^}]*type: sa\\.String\\(128\\)`, label: "a script widens username", says: "No script changes username to String(128) yet." }],
      showMe: [
        { kind: "edit", file: "models.ts", find: "  username = db.Column(db.String(64));", replace: "  username = db.Column(db.String(128));" },
        { kind: "command", line: `flask db migrate -m "longer usernames"` },
      ],
    },
    {
      title: "Step through the upgrade",
      text: [
        "Press `Step through upgrade`, choose Step by Statement, and step forward: create `_alembic_tmp_users`, copy the rows, drop the old table, rename. Then `Run to end` commits it.",
      ],
      checks: [{ kind: "at-head" }, { kind: "column", table: "users", column: "username", type: "VARCHAR(128)" }, { kind: "rows", table: "users", count: 100000 }],
      showMe: [
        { kind: "press", button: "Step through upgrade" },
        { kind: "press", button: "Step forward" },
        { kind: "press", button: "Step forward" },
        { kind: "press", button: "Step forward" },
        { kind: "press", button: "Run to end" },
      ],
    },
  ],
};
