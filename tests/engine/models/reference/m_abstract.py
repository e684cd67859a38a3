from flask import Flask
from flask_sqlalchemy import SQLAlchemy
import sqlalchemy as sa
app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db = SQLAlchemy(app)
class Base(db.Model):
    __abstract__ = True
    id = db.Column(db.Integer, primary_key=True)
    created = db.Column(db.DateTime, server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False)
class Timestamped(Base):
    __abstract__ = True
    updated = db.Column(db.DateTime)
    created = db.Column(db.Date)
class BlogPost(Timestamped):
    title = db.Column(db.String(200), nullable=False, server_default="untitled")
    body = db.Column(db.Text)
    views = db.Column(db.Integer, server_default="0", index=True)
class HTTPResponse(Base):
    code = db.Column(db.SmallInteger, comment="status")
    id = db.Column(db.BigInteger, primary_key=True, autoincrement=False)
    post_id = db.Column(db.Integer, db.ForeignKey("blog_post.id", onupdate="CASCADE", ondelete="SET NULL", name="fk_resp_post"))
class User2(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    a = db.Column(db.Boolean, server_default=sa.text("0"))
    b = db.Column(db.Float)
    c = db.Column(db.Numeric(8, 2))
    d = db.Column(db.Numeric)
    e = db.Column(db.Time)
    f = db.Column(db.LargeBinary)
    g = db.Column(db.JSON)
    h = db.Column(db.Enum("new", "shipped", name="status"))
    i = db.Column(db.Unicode(30))
    j = db.Column(db.UnicodeText)
    k = db.Column(db.String)
    l = db.Column(db.Numeric(10))
    m = db.Column(db.Text(50))
