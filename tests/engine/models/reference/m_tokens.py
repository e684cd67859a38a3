from flask import Flask
from flask_sqlalchemy import SQLAlchemy
import sqlalchemy as sa
app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db = SQLAlchemy(app, metadata=sa.MetaData(naming_convention={
    "ix": "%(table_name)s_%(column_0_N_key)s_idx", "uq": "uq_%(column_0N_name)s_%(column_0_N_label)s",
    "ck": "ck_%(table_name)s_%(column_0_name)s", "fk": "fk_%(column_0_key)s_%(referred_column_0_N_name)s_%(referred_column_0N_name)s",
    "pk": "pk_%(column_0_N_name)s"}))
class Account(db.Model):
    __table_args__ = (db.PrimaryKeyConstraint("org_id", "num"), db.UniqueConstraint("account_label", "org_id"), db.CheckConstraint("num > 0"))
    org = db.Column("org_id", db.Integer)
    num = db.Column(db.Integer)
    label = db.Column("account_label", db.String(20), index=True, unique=True)
class Entry(db.Model):
    __table_args__ = (db.ForeignKeyConstraint(["acct_org_id", "acct_num"], ["account.org_id", "account.num"], ondelete="CASCADE"), db.Index(None, "acct_num", "acct_org_id", unique=True))
    id = db.Column(db.Integer, primary_key=True)
    acct_org = db.Column("acct_org_id", db.Integer)
    acct_num = db.Column(db.Integer, nullable=False)
    parent = db.Column(db.Integer, db.ForeignKey("entry.id"))
