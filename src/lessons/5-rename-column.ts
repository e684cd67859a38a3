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
  id: "rename-column",
  number: 5,
  title: "Renaming a column without losing its data",
  summary: "Autogenerate sees a rename as drop + add; alterColumn with newColumnName keeps the values.",
  tutorial: "3-flask-migrate-best-practices",
  start: {
    models: MODELS,
    commands: [["migrate", "-m", "initial migration"], ["upgrade"]],
    sql: ["INSERT INTO users (id, username, fullname) VALUES (1, 'ann', 'Ann Lee'), (2, 'bob', 'Bob Stone'), (3, 'cy', 'Cy Young')"],
  },
  steps: [
    {
      title: "Rename the attribute",
      text: ["In models.ts, rename `fullname` to `name` in the User class. Three users have a full name."],
      checks: [{ kind: "models", table: "users", column: "name" }, { kind: "models", table: "users", column: "fullname", exists: false }],
      showMe: [{ kind: "edit", file: "models.ts", find: "  fullname = db.Column(db.String(64));", replace: "  name = db.Column(db.String(64));" }],
    },
    {
      title: "Generate the migration",
      text: ["Run `flask db migrate -m \"rename fullname to name\"`. Read the warning: autogenerate cannot see renames."],
      checks: [{ kind: "revisions", count: 2, says: "Generate the migration: flask db migrate -m \"rename fullname to name\"." }],
      showMe: [{ kind: "command", line: `flask db migrate -m "rename fullname to name"` }],
    },
    {
      title: "Make it a rename",
      text: [
        "The script adds `name` and drops `fullname`: the full names would be lost. In its `upgrade()`, replace those two lines with",
        "`batchOp.alterColumn(\"fullname\", { newColumnName: \"name\", existingType: sa.String(64) });`",
        "and in `downgrade()` the reverse (the pending panel's rename fix does this in one click).",
      ],
      checks: [
        { kind: "script", pattern: `alterColumn\\("fullname",[^)]*newColumnName: "name"`, label: "the script renames fullname to name", says: "The script still drops fullname and adds name: its values would be lost. Use alterColumn with newColumnName." },
        { kind: "script", pattern: `dropColumn\\("fullname"\\)`, exists: false, label: "no script drops fullname", says: "A script still drops fullname." },
      ],
      showMe: [
        {
          kind: "edit", file: "newest script",
          find: `    batchOp.addColumn(sa.Column("name", sa.String(64), { nullable: true }));\n    batchOp.dropColumn("fullname");`,
          replace: `    batchOp.alterColumn("fullname", { newColumnName: "name", existingType: sa.String(64) });`,
        },
        {
          kind: "edit", file: "newest script",
          find: `    batchOp.addColumn(sa.Column("fullname", sa.VARCHAR(64), { nullable: true }));\n    batchOp.dropColumn("name");`,
          replace: `    batchOp.alterColumn("name", { newColumnName: "fullname", existingType: sa.String(64) });`,
        },
      ],
    },
    {
      title: "Upgrade, and check the names",
      text: ["Run `flask db upgrade`, then look at the users rows: every name is there."],
      checks: [
        { kind: "at-head" },
        { kind: "column", table: "users", column: "name" },
        { kind: "column", table: "users", column: "fullname", exists: false },
        { kind: "query", sql: "SELECT count(*) FROM users WHERE name IS NOT NULL", equals: 3, label: "the 3 names are kept", says: "The names were lost: users.name is empty." },
      ],
      showMe: [{ kind: "command", line: "flask db upgrade" }],
    },
  ],
};
