# Prints the names SQLAlchemy 1.4.46 gives for each naming-convention token; naming.test.ts holds
# the results. Run: /usr/bin/python3 tests/engine/schema/naming-reference.py
import sqlalchemy as sa

def tables(md):
    sa.Table("parent", md, sa.Column("id", sa.Integer, primary_key=True), sa.Column("code", sa.Integer, key="codekey"))
    return sa.Table("child", md, sa.Column("id", sa.Integer, primary_key=True), sa.Column("pid_col", sa.Integer, key="pid"),
                    sa.Column("pcode", sa.Integer), sa.UniqueConstraint("pid", "pcode"), sa.CheckConstraint("pid > 0"),
                    sa.ForeignKeyConstraint(["pid", "pcode"], ["parent.id", "parent.codekey"]))

for kind, tokens in {
    "uq": ["table_name", "column_0_name", "column_0N_name", "column_0_N_name", "column_0_label", "column_0N_label",
           "column_0_N_label", "column_0_key", "column_0N_key", "column_0_N_key", "column_1_name", "column_3_name"],
    "ck": ["column_0_name"],
    "fk": ["referred_table_name", "referred_column_0_name", "referred_column_0N_name", "referred_column_0_N_name",
           "referred_column_1_name", "column_0_N_label", "column_0_N_name", "column_2_name"],
}.items():
    for tok in tokens:
        child = tables(sa.MetaData(naming_convention={kind: "%s_%%(%s)s" % (kind, tok)}))
        names = [c.name for c in child.constraints if type(c).__name__[:2].lower() == {"uq": "un", "ck": "ch", "fk": "fo"}[kind]]
        print(kind, tok, names)

md = sa.MetaData(naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s", "ck": "ck_%(table_name)s_%(constraint_name)s"})
t = sa.Table("t", md, sa.Column("a", sa.Integer), sa.UniqueConstraint("a", name="myuq"), sa.CheckConstraint("a > 1", name="myck"))
print(sorted(str(c.name) for c in t.constraints))
md = sa.MetaData(naming_convention={"pk": "pk_%(column_0N_name)s_%(column_0_N_label)s"})
print(sa.Table("t", md, sa.Column("a", sa.Integer, primary_key=True), sa.Column("b", sa.Integer, primary_key=True)).primary_key.name)
md = sa.MetaData(naming_convention={"uq": "100%% %(table_name)s"})
print([c.name for c in sa.Table("t", md, sa.Column("a", sa.Integer, unique=True)).constraints if c.name])
for conv in ({}, {"uq": "uq_%(table_name)s"}):
    print([i.name for i in sa.Table("t", sa.MetaData(naming_convention=conv), sa.Column("a", sa.Integer, index=True)).indexes])
