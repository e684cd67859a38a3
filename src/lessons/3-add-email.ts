import { IMPORT, NAMING_CONVENTION } from "./models-text";
import type { Lesson } from "./types";

const MODELS = `${IMPORT}

const db = new SQLAlchemy();

export class Role extends db.Model {
  static __tablename__ = "roles";
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(64));
}

export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { index: true });
  role_id = db.Column(db.Integer, db.ForeignKey("roles.id"));
}
`;

export const lesson: Lesson = {
  id: "add-email",
  number: 3,
  title: "Adding the email field",
  summary: "A unique email column: the \"Constraint must have a name\" failure, explained and fixed.",
  tutorial: "4-migration-management-add-email",
  start: {
    models: MODELS,
    commands: [["migrate", "-m", "initial migration"], ["upgrade"]],
    sql: ["INSERT INTO roles (id, name) VALUES (1, 'User')", "INSERT INTO users (id, username, role_id) VALUES (1, 'ann', 1), (2, 'bob', 1), (3, 'cy', 1)"],
  },
  steps: [
    {
      title: "Add the email field",
      text: [
        "users holds three rows. Add a unique email to the User class, after username:",
        "`email = db.Column(db.String(120), { unique: true });`",
      ],
      checks: [{ kind: "models", table: "users", column: "email" }],
      showMe: [{
        kind: "edit", file: "models.ts",
        find: `  username = db.Column(db.String(64), { index: true });\n`,
        replace: `  username = db.Column(db.String(64), { index: true });\n  email = db.Column(db.String(120), { unique: true });\n`,
      }],
    },
    {
      title: "Migrate and upgrade",
      text: [
        "Run `flask db migrate -m \"add email\"`, then `flask db upgrade`.",
        "SQLite cannot add a constraint to a table: batch mode rebuilds the table, and must name every constraint it creates or drops. This one has no name, so the upgrade fails with \"Constraint must have a name\". Nothing is changed.",
      ],
      checks: [
        { kind: "script", pattern: `addColumn\\(sa\\.Column\\("email"`, label: "a script adds users.email", says: "No migration script adds users.email yet: run flask db migrate -m \"add email\"." },
        { kind: "last-command", command: "upgrade", failed: true, output: "Constraint must have a name", label: "the upgrade failed: Constraint must have a name", says: "Run flask db upgrade and read why it fails." },
      ],
      showMe: [{ kind: "command", line: `flask db migrate -m "add email"` }, { kind: "command", line: "flask db upgrade" }],
    },
    {
      title: "Name the constraint, and upgrade",
      text: [
        "The fix is a naming convention: give `new SQLAlchemy()` a `namingConvention` (the Pending changes panel's \"Add a naming convention\" does it in one click), so every constraint gets a name such as `uq_users_email`.",
        "The script was written before the convention: in it, replace `null` with `\"uq_users_email\"` in `createUniqueConstraint` and in `dropConstraint`. Then `flask db upgrade`.",
      ],
      checks: [
        { kind: "at-head" },
        { kind: "column", table: "users", column: "email", type: "VARCHAR(120)", unique: true },
        { kind: "constraint", table: "users", name: "uq_users_email" },
        { kind: "rows", table: "users", count: 3, says: "users no longer holds its 3 rows: the upgrade must keep them." },
        // a batch rebuild copies every column: a model edit that lost username would lose its values
        { kind: "query", sql: "SELECT count(username) FROM users", equals: 3, label: "the 3 usernames are kept", says: "users lost its usernames: models.ts must keep username; undo the step and check the model." },
      ],
      showMe: [
        { kind: "edit", file: "models.ts", find: "const db = new SQLAlchemy();", replace: NAMING_CONVENTION },
        { kind: "edit", file: "newest script", find: `createUniqueConstraint(null, ["email"])`, replace: `createUniqueConstraint("uq_users_email", ["email"])` },
        { kind: "edit", file: "newest script", find: `dropConstraint(null, { type: "unique" })`, replace: `dropConstraint("uq_users_email", { type: "unique" })` },
        { kind: "command", line: "flask db upgrade" },
      ],
    },
  ],
};
