// The seeds' starting models: the Role/User tutorial of SPEC §1 with its naming convention, before
// the tutorial's step that adds the email column.

export const EXAMPLE_MODELS = `import { SQLAlchemy } from "retort";

const db = new SQLAlchemy({
  namingConvention: {
    ix: "ix_%(column_0_label)s",
    uq: "uq_%(table_name)s_%(column_0_name)s",
    ck: "ck_%(table_name)s_%(constraint_name)s",
    fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    pk: "pk_%(table_name)s",
  },
});

export class Role extends db.Model {
  static __tablename__ = "roles";
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(64), { unique: true });
  users = db.relationship("User", { backref: "role" });
}

export class User extends db.Model {
  static __tablename__ = "users";
  static __table_args__ = [
    db.UniqueConstraint("username", "role_id", { name: "uq_users_username_role" }),
    db.Index("ix_users_role_username", "role_id", "username"),
    db.CheckConstraint("length(username) > 1", { name: "username_len" }),
  ];
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { unique: true, index: true });
  role_id = db.Column(db.Integer, db.ForeignKey("roles.id", { onDelete: "CASCADE" }));
}
`;
