import { withConvention } from "./models-text";
import type { Lesson } from "./types";

const MODELS = withConvention(`export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { unique: true });
  active = db.Column(db.Boolean);
}
`);

export const lesson: Lesson = {
  id: "review-script",
  number: 4,
  title: "Reviewing and editing a generated script",
  summary: "Autogenerate's blind spots: a rename, a server default, enum values.",
  tutorial: "3-flask-migrate-best-practices",
  start: {
    models: MODELS,
    commands: [["migrate", "-m", "initial migration"], ["upgrade"]],
    sql: ["INSERT INTO users (id, username, active) VALUES (1, 'ann', 1), (2, 'bob', 0)"],
  },
  steps: [
    {
      title: "A change autogenerate cannot see",
      text: [
        "Autogenerate is a draft, never the truth: always read the script. It cannot see a renamed column (it drops and adds), a changed server default, or enum values that keep the length.",
        "Give active a server default: `active = db.Column(db.Boolean, { serverDefault: db.text(\"1\") });`. Pending changes lists it under what autogenerate cannot see.",
      ],
      checks: [{ kind: "models", table: "users", column: "active", serverDefault: "1" }],
      showMe: [{ kind: "edit", file: "models.ts", find: "active = db.Column(db.Boolean);", replace: `active = db.Column(db.Boolean, { serverDefault: db.text("1") });` }],
    },
    {
      title: "Write the migration by hand",
      text: [
        "Make an empty script: `flask db revision -m \"active defaults to 1\"`. In its `upgrade()`, add:",
        "`op.batchAlterTable(\"users\", (batchOp) => { batchOp.alterColumn(\"active\", { serverDefault: sa.text(\"1\"), existingType: sa.Boolean() }); });`",
      ],
      checks: [{ kind: "script", pattern: `alterColumn\\("active", \\{[^}]*serverDefault`, label: "a script sets active's server default", says: "No script alters active's server default yet." }],
      showMe: [
        { kind: "command", line: `flask db revision -m "active defaults to 1"` },
        {
          kind: "edit", file: "newest script", find: "export function upgrade() {}",
          replace: `export function upgrade() {\n  op.batchAlterTable("users", (batchOp) => {\n    batchOp.alterColumn("active", { serverDefault: sa.text("1"), existingType: sa.Boolean() });\n  });\n}`,
        },
      ],
    },
    {
      title: "Upgrade",
      text: ["Run `flask db upgrade`: the column gets its default, and the rows stay."],
      checks: [{ kind: "at-head" }, { kind: "column", table: "users", column: "active", serverDefault: "1" }, { kind: "rows", table: "users", count: 2 }],
      showMe: [{ kind: "command", line: "flask db upgrade" }],
    },
  ],
};
