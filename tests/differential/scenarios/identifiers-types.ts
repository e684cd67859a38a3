// Odd identifiers (reserved words, a space, quotes, upper case) and every type of SPEC §1.
import { db, models, sql, SPEC_CONVENTION, type Scenario } from "../harness/scenario";

const ODD_NAMES = models(
  `
class Order(db.Model):
    __tablename__ = "order"
    id = db.Column(db.Integer, primary_key=True)
    first_name = db.Column("first name", db.String(40))
    quote = db.Column("it's \\"quoted\\"", db.String(10))


class Select(db.Model):
    __tablename__ = "select"
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column("group", db.Integer, db.ForeignKey("order.id"), index=True)


class Customer(db.Model):
    __tablename__ = "Customer"
    ID = db.Column(db.Integer, primary_key=True)
    UserName = db.Column(db.String(30), unique=True)
`,
  `
export class Order extends db.Model {
  static __tablename__ = "order";
  id = db.Column(db.Integer, { primaryKey: true });
  first_name = db.Column("first name", db.String(40));
  quote = db.Column("it's \\"quoted\\"", db.String(10));
}

export class Select extends db.Model {
  static __tablename__ = "select";
  id = db.Column(db.Integer, { primaryKey: true });
  order_id = db.Column("group", db.Integer, db.ForeignKey("order.id"), { index: true });
}

export class Customer extends db.Model {
  static __tablename__ = "Customer";
  ID = db.Column(db.Integer, { primaryKey: true });
  UserName = db.Column(db.String(30), { unique: true });
}
`,
);

const ODD_NAMES_CHANGED = models(
  `
class Order(db.Model):
    __tablename__ = "order"
    id = db.Column(db.Integer, primary_key=True)
    first_name = db.Column("first name", db.String(80))
    quote = db.Column("it's \\"quoted\\"", db.String(10))


class Select(db.Model):
    __tablename__ = "select"
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column("group", db.Integer, db.ForeignKey("order.id"), index=True)
    Where = db.Column("Where", db.Text)


class Customer(db.Model):
    __tablename__ = "Customer"
    ID = db.Column(db.Integer, primary_key=True)
    UserName = db.Column(db.String(30), unique=True)
`,
  `
export class Order extends db.Model {
  static __tablename__ = "order";
  id = db.Column(db.Integer, { primaryKey: true });
  first_name = db.Column("first name", db.String(80));
  quote = db.Column("it's \\"quoted\\"", db.String(10));
}

export class Select extends db.Model {
  static __tablename__ = "select";
  id = db.Column(db.Integer, { primaryKey: true });
  order_id = db.Column("group", db.Integer, db.ForeignKey("order.id"), { index: true });
  Where = db.Column("Where", db.Text);
}

export class Customer extends db.Model {
  static __tablename__ = "Customer";
  ID = db.Column(db.Integer, { primaryKey: true });
  UserName = db.Column(db.String(30), { unique: true });
}
`,
);

const ALL_TYPES = (extra: { python: string; ts: string }) =>
  models(
    `
class Everything(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    big = db.Column(db.BigInteger)
    small = db.Column(db.SmallInteger)
    name = db.Column(db.String(64))
    free = db.Column(db.String)
    uname = db.Column(db.Unicode(30))
    body = db.Column(db.Text)
    ubody = db.Column(db.UnicodeText)
    flag = db.Column(db.Boolean, nullable=False, server_default="0")
    ratio = db.Column(db.Float)
    price = db.Column(db.Numeric(8, 2))
    plain = db.Column(db.Numeric)
    day = db.Column(db.Date)
    stamp = db.Column(db.DateTime, server_default=db.text("CURRENT_TIMESTAMP"))
    clock = db.Column(db.Time)
    data = db.Column(db.LargeBinary)
    doc = db.Column(db.JSON)
    status = db.Column(db.Enum("new", "shipped", name="status"))
${extra.python}`,
    `
export class Everything extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  big = db.Column(db.BigInteger);
  small = db.Column(db.SmallInteger);
  name = db.Column(db.String(64));
  free = db.Column(db.String);
  uname = db.Column(db.Unicode(30));
  body = db.Column(db.Text);
  ubody = db.Column(db.UnicodeText);
  flag = db.Column(db.Boolean, { nullable: false, serverDefault: "0" });
  ratio = db.Column(db.Float);
  price = db.Column(db.Numeric(8, 2));
  plain = db.Column(db.Numeric);
  day = db.Column(db.Date);
  stamp = db.Column(db.DateTime, { serverDefault: db.text("CURRENT_TIMESTAMP") });
  clock = db.Column(db.Time);
  data = db.Column(db.LargeBinary);
  doc = db.Column(db.JSON);
  status = db.Column(db.Enum("new", "shipped", { name: "status" }));
${extra.ts}}
`,
  );

export const IDENTIFIER_AND_TYPE_SCENARIOS: readonly Scenario[] = [
  {
    name: "odd identifiers: reserved words, a space, quotes and upper case",
    namingConvention: SPEC_CONVENTION,
    steps: [
      ODD_NAMES,
      db("init"),
      db("migrate", "-m", "odd names", "--rev-id", "3c0000000001"),
      db("upgrade"),
      sql(`INSERT INTO "order" (id, "first name", "it's ""quoted""") VALUES (1, 'Ann', 'x'), (2, 'O''Brien', 'y');
           INSERT INTO "select" (id, "group") VALUES (1, 1), (2, 2);
           INSERT INTO "Customer" ("ID", "UserName") VALUES (1, 'Zed');`),
      ODD_NAMES_CHANGED,
      db("migrate", "-m", "wider name and a Where", "--rev-id", "3c0000000002"),
      db("upgrade"),
      db("downgrade", "base"),
      db("upgrade"),
    ],
  },
  {
    name: "every type of SPEC §1 in one table, then a batch rebuild that copies each of them",
    namingConvention: SPEC_CONVENTION,
    steps: [
      ALL_TYPES({ python: "", ts: "" }),
      db("init"),
      db("migrate", "-m", "everything", "--rev-id", "3d0000000001"),
      db("upgrade"),
      sql(`INSERT INTO everything (id, big, small, name, free, uname, body, ubody, flag, ratio, price, plain,
             day, stamp, clock, data, doc, status)
           VALUES (1, 9007199254740993, 7, 'n', 'f', 'ü', 'long text', 'ünï', 1, 0.25, 12.5, 3,
             '2026-11-22', '2026-11-22 04:00:00.000000', '04:00:00.000000', X'00FF10', '{"a": [1, 2]}', 'shipped'),
             (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);`),
      ALL_TYPES({
        python: "    extra = db.Column(db.Integer, nullable=False, server_default=db.text(\"42\"))\n",
        ts: "  extra = db.Column(db.Integer, { nullable: false, serverDefault: db.text(\"42\") });\n",
      }),
      db("migrate", "-m", "extra", "--rev-id", "3d0000000002"),
      db("upgrade"),
      // Reflection reads every type back as the models say it: nothing left to migrate.
      db("migrate", "-m", "nothing", "--rev-id", "3d0000000003"),
      db("downgrade"),
    ],
  },
];
