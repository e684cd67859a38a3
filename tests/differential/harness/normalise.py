"""The one normaliser of the differential tests: reads SQLite files and prints, as JSON,
everything a user can observe of them. Flask's app.db and Retort's app.db both go through
this same script, so that a difference in the JSON is a difference in the files.

Usage: /usr/bin/python3 normalise.py FILE [FILE ...]   -> a JSON array, one entry per file.
A missing or empty file is an empty database: Flask-SQLAlchemy creates a zero-byte app.db on
its first connection while Retort writes the file only when a command changed it, and the
two mean the same to a user (no tables).
"""
import json
import os
import re
import sqlite3
import sys

CONSTRAINT_NAME = re.compile(r'\bCONSTRAINT\s+("(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|[^\s(]+)', re.I)
CHECK_START = re.compile(r'\bCHECK\s*\(', re.I)


TABLE_CONSTRAINT = re.compile(r'(CONSTRAINT\s|PRIMARY KEY|UNIQUE\s*\(|FOREIGN KEY|CHECK\s*\()', re.I)
ITEM_SEPARATOR = ", \n\t"


def canonical_create_table(sql):
    """The CREATE TABLE text, whitespace untouched, with its table constraints in sorted order.

    Alembic's batch "move and copy" rebuilds the table from `Table.constraints`, a Python set
    (alembic/operations/batch.py, ApplyBatchImpl.__init__: `for const in self.table.constraints`),
    so the order of the constraint clauses of a rebuilt table changes from run to run (hash
    randomisation): two runs of Flask-Migrate itself differ. Only that order is loosened; the
    columns, their order and every character of each clause are still compared exactly.
    SQLAlchemy writes one item a line, joined by ", \n\t" (sqlalchemy/sql/compiler.py, visit_create_table).
    """
    if not sql:
        return sql
    start, end = sql.find("(\n\t"), sql.rfind("\n)")
    if start < 0 or end < start:
        return sql
    items = sql[start + 3:end].split(ITEM_SEPARATOR)
    first = next((i for i, item in enumerate(items) if TABLE_CONSTRAINT.match(item)), len(items))
    items = items[:first] + sorted(items[first:])
    return sql[:start + 3] + ITEM_SEPARATOR.join(items) + sql[end:]


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def balanced(text, start):
    """The text inside the parentheses that open at text[start - 1]."""
    depth, i, quote_char = 1, start, None
    while i < len(text) and depth:
        c = text[i]
        if quote_char:
            if c == quote_char:
                quote_char = None
        elif c in "'\"`":
            quote_char = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        i += 1
    return text[start:i - 1]


def value(v):
    # JSON has one number type: keep ints and floats apart, and blobs readable.
    if isinstance(v, bytes):
        return {"blob": v.hex()}
    if isinstance(v, float):
        return {"real": repr(v)}
    return v


def table_info(con, name):
    q = quote(name)
    columns = [
        {"name": r[1], "type": r[2], "notnull": r[3], "default": r[4], "pk": r[5]}
        for r in con.execute(f"PRAGMA table_xinfo({q})")
    ]
    indexes = []
    for r in con.execute(f"PRAGMA index_list({q})"):
        cols = [c[2] for c in con.execute(f"PRAGMA index_info({quote(r[1])})")]
        indexes.append({"name": r[1], "unique": r[2], "origin": r[3], "columns": cols})
    indexes.sort(key=lambda i: i["name"])
    fks = {}
    for r in con.execute(f"PRAGMA foreign_key_list({q})"):
        fk = fks.setdefault(r[0], {"table": r[2], "from": [], "to": [], "on_update": r[5], "on_delete": r[6]})
        fk["from"].append(r[3])
        fk["to"].append(r[4])
    foreign_keys = sorted(fks.values(), key=lambda f: (f["table"], f["from"]))
    sql = con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()[0] or ""
    without_rowid = re.search(r"\)\s*WITHOUT\s+ROWID\s*$", sql, re.I) is not None
    order = "1" if without_rowid else "rowid"
    rows = [[value(v) for v in row] for row in con.execute(f"SELECT * FROM {q} ORDER BY {order}")]
    if name == "alembic_version":
        # A set to Alembic: after `upgrade heads` its row order follows the order in which the
        # branches ran, which Alembic takes from os.listdir (alembic/script/base.py, _list_py_dir).
        rows.sort(key=json.dumps)
    return {
        "columns": columns,
        "indexes": indexes,
        "foreignKeys": foreign_keys,
        # Sorted for the reason given in canonical_create_table.
        "constraintNames": sorted(m.group(1) for m in CONSTRAINT_NAME.finditer(sql)),
        "checks": sorted(balanced(sql, m.end()) for m in CHECK_START.finditer(sql)),
        "rows": rows,
    }


def normalise(path):
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return {"objects": [], "tables": {}, "alembic_version": None}
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
    try:
        # sqlite_master order is creation order, which differs harmlessly between two
        # tools that rebuild tables in a different sequence: compare by (type, name).
        # The SQL text is compared whitespace-exact: it is what `.schema` shows users (only the
        # order of table constraints is loosened, see canonical_create_table).
        objects = sorted(
            ({"type": r[0], "name": r[1], "tbl_name": r[2],
              "sql": canonical_create_table(r[3]) if r[0] == "table" else r[3]}
             for r in con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")),
            key=lambda o: (o["type"], o["name"]),
        )
        tables = {o["name"]: table_info(con, o["name"]) for o in objects if o["type"] == "table"}
        version = None
        if "alembic_version" in tables:
            version = sorted(r[0] for r in con.execute("SELECT version_num FROM alembic_version"))
        return {"objects": objects, "tables": tables, "alembic_version": version}
    finally:
        con.close()


if __name__ == "__main__":
    json.dump([normalise(p) for p in sys.argv[1:]], sys.stdout, ensure_ascii=False)
