// "Paste your models.py" (issue 12): the round trip. Flask-Migrate runs each scenario's models.py
// as it is; Retort runs what convertModelsPy makes of that same whole app.py. The recordings then
// say whether both give the same schema.
import { convertModelsPy } from "../../../src/engine/index";
import { db, SPEC_CONVENTION, type ModelsStep, type NamingConvention, type Scenario } from "../harness/scenario";
import { flaskApp, retortModels } from "../harness/sides";

/** What a models.py may hold that models.ts leaves out, by design: app code, plain classes and methods. */
const LEFT_OUT_BY_DESIGN = /is not a model \(it does not derive from db.Model\); it is left out\.$|is not part of the models; it is left out\.$|^Class \w+: methods and properties are left out|^Column\(onupdate=…\) is left out/;

/**
 * A models step whose models.ts is the conversion of the whole app.py. Throws (so every test that
 * loads the scenarios fails) when the conversion reports a problem beyond app code and methods,
 * or when its SQLAlchemy() line differs from the one the scenario's naming convention gives.
 */
function pasted(namingConvention: NamingConvention | undefined, python: string): ModelsStep {
  const converted = convertModelsPy(flaskApp({ namingConvention }, python));
  const unexpected = converted.problems.filter((p) => !LEFT_OUT_BY_DESIGN.test(p.message));
  if (unexpected.length > 0) throw new Error(`convertModelsPy reported: ${unexpected.map((p) => `${p.line}:${p.column} ${p.message}`).join("; ")}`);
  const start = converted.text.indexOf(");\n", converted.text.indexOf("new SQLAlchemy(")) + 3;
  const classes = converted.text.slice(start);
  if (retortModels({ namingConvention }, classes) !== converted.text) {
    throw new Error(`convertModelsPy's models.ts does not start as the scenario's does:\n${converted.text.slice(0, start)}`);
  }
  return { kind: "models", python, ts: classes };
}

function roundTrip(name: string, python: string, namingConvention?: NamingConvention): Scenario {
  return {
    name: `pasted models.py: ${name}`,
    ...(namingConvention && { namingConvention }),
    steps: [pasted(namingConvention, python), db("init"), db("migrate", "-m", "pasted models", "--rev-id", "0a11ce0a11ce"), db("upgrade"), db("migrate", "-m", "nothing left", "--rev-id", "0b11ce0b11ce")],
  };
}

const FLASKY = `
from datetime import datetime
from werkzeug.security import generate_password_hash, check_password_hash


class Permission:
    FOLLOW = 1
    WRITE = 4


# Flasky's roles and users (Grinberg, Flask Web Development, ch. 9-12)
class Role(db.Model):
    __tablename__ = 'roles'
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(64), unique=True)
    default = db.Column(db.Boolean, default=False, index=True)
    permissions = db.Column(db.Integer)
    users = db.relationship('User', backref='role', lazy='dynamic')

    def __init__(self, **kwargs):
        super(Role, self).__init__(**kwargs)
        if self.permissions is None:
            self.permissions = 0


class Follow(db.Model):
    __tablename__ = 'follows'
    follower_id = db.Column(db.Integer, db.ForeignKey('users.id'), primary_key=True)
    followed_id = db.Column(db.Integer, db.ForeignKey('users.id'), primary_key=True)
    timestamp = db.Column(db.DateTime, default=datetime.utcnow)


class User(db.Model):
    __tablename__ = 'users'
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(64), unique=True, index=True)
    username = db.Column(db.String(64), unique=True, index=True)
    role_id = db.Column(db.Integer, db.ForeignKey('roles.id'))
    password_hash = db.Column(db.String(128))
    confirmed = db.Column(db.Boolean, default=False)
    about_me = db.Column(db.Text())
    member_since = db.Column(db.DateTime(), default=datetime.utcnow)
    posts = db.relationship('Post', backref='author', lazy='dynamic')

    @property
    def password(self):
        raise AttributeError('password is not a readable attribute')

    def verify_password(self, password):
        return check_password_hash(self.password_hash, password)


class Post(db.Model):
    __tablename__ = 'posts'
    id = db.Column(db.Integer, primary_key=True)
    body = db.Column(db.Text)
    timestamp = db.Column(db.DateTime, index=True, default=datetime.utcnow)
    author_id = db.Column(db.Integer, db.ForeignKey('users.id'))
`;

const EVERY_TYPE = `
import sqlalchemy as sa
from sqlalchemy import Column, Integer, String, Enum


class Base(db.Model):
    __abstract__ = True
    id = Column(Integer, primary_key=True)


class Everything(Base):
    __tablename__ = "everything"
    big = Column(sa.BigInteger, server_default="7")
    small = Column(sa.SmallInteger, nullable=False, server_default=sa.text("0"))
    name = Column("display_name", String(40), nullable=False, server_default="it's")
    uni = Column(sa.Unicode(20))
    body = Column(sa.Text)
    utext = Column(sa.UnicodeText())
    flag = Column(sa.Boolean, server_default=sa.text("1"))
    ratio = Column(sa.Float)
    price = Column(sa.Numeric(8, 2))
    exact = Column(sa.Numeric(precision=10, scale=3))
    day = Column(sa.Date)
    at = Column(sa.DateTime, server_default=sa.text("CURRENT_TIMESTAMP"))
    clock = Column(sa.Time)
    blob = Column(sa.LargeBinary)
    doc = Column(sa.JSON)
    status = Column(Enum("new", "shipped", "delivered", name="status"), nullable=False, server_default="new")
    note = Column(String, comment="free text")
`;

const TABLE_ARGS = `
class Team(db.Model):
    __tablename__ = "teams"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40), nullable=False, unique=True)


class Member(db.Model):
    __tablename__ = "members"
    __table_args__ = (
        db.UniqueConstraint("username", "team_id"),
        db.Index(None, "team_id", "username"),
        db.CheckConstraint("length(username) > 1", name="username_len"),
        db.ForeignKeyConstraint(["mentor_team", "mentor_name"], ["mentors.team", "mentors.name"], ondelete="SET NULL"),
    )
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), nullable=False)
    team_id = db.Column(db.Integer, db.ForeignKey("teams.id", ondelete="CASCADE", onupdate="CASCADE"), nullable=False)
    mentor_team = db.Column(db.Integer)
    mentor_name = db.Column(db.String(64))


class Mentor(db.Model):
    __tablename__ = "mentors"
    __table_args__ = (db.PrimaryKeyConstraint("team", "name"),)
    team = db.Column(db.Integer)
    name = db.Column(db.String(64))
`;

export const PASTED_SCENARIOS: readonly Scenario[] = [
  roundTrip("Flasky's roles, users, follows and posts, with methods left out", FLASKY),
  roundTrip("every type of SPEC 1, imported names, sa., an abstract base and server defaults", EVERY_TYPE),
  roundTrip("__table_args__ with composite constraints, FKs with ondelete and a naming convention", TABLE_ARGS, SPEC_CONVENTION),
];
