# Builds Flask-SQLAlchemy 3.0.3 / SQLAlchemy 1.4.46 models and prints their MetaData as the
# plain-data shape Retort's tests compare against (types as SQLite DDL).
import json, sys, importlib
import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateTable
dialect = sqlite.dialect()
from sqlalchemy.sql.compiler import DDLCompiler
ddl = dialect.ddl_compiler(dialect, None)
def dump(md):
    out = []
    for t in md.tables.values():
        cols = []
        for c in t.columns:
            d = ddl.get_column_default_string(c) if c.server_default is not None else None
            cols.append({"name": c.name, "ddl": c.type.compile(dialect=dialect), "nullable": c.nullable, "serverDefault": d, "comment": c.comment})
        pk = t.primary_key
        out.append({
            "name": t.name, "columns": cols,
            "primaryKey": {"name": pk.name, "columns": [c.name for c in pk.columns]} if len(pk.columns) else None,
            "uniqueConstraints": sorted([{"name": u.name, "columns": [c.name for c in u.columns]} for u in t.constraints if isinstance(u, sa.UniqueConstraint)], key=json.dumps),
            "indexes": sorted([{"name": i.name, "columns": [c.name for c in i.columns], "unique": bool(i.unique)} for i in t.indexes], key=json.dumps),
            "foreignKeys": sorted([{"name": f.name, "columns": [c.name for c in f.columns], "referredTable": f.referred_table.name, "referredColumns": [e.column.name for e in f.elements], "onDelete": f.ondelete, "onUpdate": f.onupdate} for f in t.foreign_key_constraints], key=json.dumps),
            "checkConstraints": sorted([{"name": k.name, "sqltext": str(k.sqltext)} for k in t.constraints if isinstance(k, sa.CheckConstraint)], key=json.dumps),
        })
    return out
mod = importlib.import_module(sys.argv[1])
print(json.dumps(dump(mod.db.metadata), indent=1))
