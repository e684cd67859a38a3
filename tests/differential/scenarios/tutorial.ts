// The seeds' tutorial (/work/shared/seeds/2-… and 4-…): roles and users, then a unique email.
import { db, dbWhereRetortSays, models, sql, SPEC_CONVENTION, type Scenario } from "../harness/scenario";

export const ROLES_USERS = models(
  `
class Role(db.Model):
    __tablename__ = "roles"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(64), unique=True)
    users = db.relationship("User", backref="role")


class User(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True, index=True)
    role_id = db.Column(db.Integer, db.ForeignKey("roles.id"))
`,
  `
export class Role extends db.Model {
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
`,
);

export const ROLES_USERS_EMAIL = models(
  `
class Role(db.Model):
    __tablename__ = "roles"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(64), unique=True)
    users = db.relationship("User", backref="role")


class User(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True, index=True)
    email = db.Column(db.String(120), unique=True)
    role_id = db.Column(db.Integer, db.ForeignKey("roles.id"))
`,
  `
export class Role extends db.Model {
  static __tablename__ = "roles";
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(64), { unique: true });
  users = db.relationship("User", { backref: "role" });
}

export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { unique: true, index: true });
  email = db.Column(db.String(120), { unique: true });
  role_id = db.Column(db.Integer, db.ForeignKey("roles.id"));
}
`,
);

const SOME_USERS = sql(`
INSERT INTO roles (id, name) VALUES (1, 'Admin'), (2, 'User');
INSERT INTO users (id, username, role_id) VALUES (1, 'john', 1), (2, 'susan', 2), (3, 'david', 2);
`);

// SPEC §3: the unnamed unique constraint is reported at migrate time and again at upgrade time.
const NAMING_FIX = /naming convention/i;

export const TUTORIAL_SCENARIOS: readonly Scenario[] = [
  {
    name: "tutorial without a naming convention: the unique email cannot be added in batch mode",
    steps: [
      ROLES_USERS,
      db("init"),
      db("migrate", "-m", "initial migration", "--rev-id", "1a0000000001"),
      db("upgrade"),
      SOME_USERS,
      ROLES_USERS_EMAIL,
      dbWhereRetortSays(NAMING_FIX, "migrate", "-m", "Added email field", "--rev-id", "1a0000000002"),
      // Alembic raises "Constraint must have a name" before it runs any SQL.
      dbWhereRetortSays(NAMING_FIX, "upgrade"),
      db("downgrade"),
      db("upgrade", "1a0000000001"),
    ],
  },
  {
    name: "tutorial with a naming convention: both tools succeed identically",
    namingConvention: SPEC_CONVENTION,
    steps: [
      ROLES_USERS,
      db("init"),
      db("migrate", "-m", "initial migration", "--rev-id", "1b0000000001"),
      db("upgrade"),
      SOME_USERS,
      ROLES_USERS_EMAIL,
      db("migrate", "-m", "Added email field", "--rev-id", "1b0000000002"),
      db("migrate", "-m", "nothing", "--rev-id", "1b0000000003"),
      db("upgrade"),
      db("migrate", "-m", "nothing", "--rev-id", "1b0000000003"),
      db("downgrade"),
      db("upgrade"),
      db("current"),
      db("heads"),
      db("history"),
      db("downgrade", "base"),
      db("current"),
      db("upgrade", "head"),
      db("current"),
    ],
  },
];
