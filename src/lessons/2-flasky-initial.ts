import { withConvention } from "./models-text";
import type { Lesson } from "./types";

const MODELS = `export class Role extends db.Model {
  static __tablename__ = "roles";
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(64), { unique: true });
  users = db.relationship("User", { backref: "role" });
}

export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { unique: true, index: true });
  role_id = db.Column(db.Integer, db.ForeignKey("roles.id"));
}
`;

export const lesson: Lesson = {
  id: "flasky-initial",
  number: 2,
  title: "The Flasky initial migration",
  summary: "roles and users, from models to a first migration script, then upgrade.",
  tutorial: "2-flask-migrate-flasky-tutorial",
  start: { models: withConvention(MODELS), commands: [], sql: [] },
  steps: [
    {
      title: "Create the migration script",
      text: [
        "`flask db init` has made the migrations folder. Now write the first migration: `flask db migrate -m \"initial migration\"`.",
        "Autogenerate reads the models and the (empty) database, and detects the two tables.",
      ],
      checks: [
        { kind: "revisions", count: 1 },
        { kind: "script", pattern: `createTable\\(\\s*"roles"`, label: "the script creates roles", says: "No script creates the roles table yet." },
      ],
      showMe: [{ kind: "command", line: `flask db migrate -m "initial migration"` }],
    },
    {
      title: "Upgrade",
      text: ["Review the script in its tab, then apply it: `flask db upgrade` (or the Upgrade button)."],
      checks: [{ kind: "at-head" }, { kind: "table", table: "roles" }, { kind: "table", table: "users" }],
      showMe: [{ kind: "press", button: "Upgrade" }],
    },
  ],
};
