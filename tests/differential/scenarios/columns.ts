// Column changes on tables that hold rows: drop, NOT NULL with a server default, type and
// nullability changes (SQLite batch mode: "move and copy", SPEC §2).
import { db, edit, models, sql, SPEC_CONVENTION, type Scenario } from "../harness/scenario";

const PERSON_WITH_BIO = models(
  `
class Person(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    bio = db.Column(db.Text)
`,
  `
export class Person extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(50), { nullable: false });
  bio = db.Column(db.Text);
}
`,
);

const PERSON = models(
  `
class Person(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
`,
  `
export class Person extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(50), { nullable: false });
}
`,
);

const ITEM = models(
  `
class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(64))
`,
  `
export class Item extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  title = db.Column(db.String(64));
}
`,
);

// qty: a plain default, which SQLite's ALTER TABLE ADD COLUMN takes; created: a text() default,
// which makes Alembic recreate the table (SQLiteImpl.requires_recreate_in_batch). A constant, so
// that both tools write the same rows (CURRENT_TIMESTAMP would differ between the runs).
const ITEM_WITH_DEFAULTS = models(
  `
class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(64))
    qty = db.Column(db.Integer, nullable=False, server_default="0")
    created = db.Column(db.DateTime, nullable=False, server_default=db.text("'2020-01-01 00:00:00'"))
`,
  `
export class Item extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  title = db.Column(db.String(64));
  qty = db.Column(db.Integer, { nullable: false, serverDefault: "0" });
  created = db.Column(db.DateTime, { nullable: false, serverDefault: db.text("'2020-01-01 00:00:00'") });
}
`,
);

const PRODUCT = models(
  `
class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(64))
    code = db.Column(db.Integer)
    amount = db.Column(db.String(20))
    note = db.Column(db.String(100))
    sku = db.Column(db.String(20), nullable=False)
`,
  `
export class Product extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  title = db.Column(db.String(64));
  code = db.Column(db.Integer);
  amount = db.Column(db.String(20));
  note = db.Column(db.String(100));
  sku = db.Column(db.String(20), { nullable: false });
}
`,
);

// VARCHAR(64) -> VARCHAR(200), INTEGER -> VARCHAR, String -> Integer over '12', 'abc' and NULL
// (Alembic's batch copy CASTs a column whose type affinity changes), NULL -> NOT NULL and back.
const PRODUCT_CHANGED = models(
  `
class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200))
    code = db.Column(db.String(10))
    amount = db.Column(db.Integer)
    note = db.Column(db.String(100), nullable=False)
    sku = db.Column(db.String(20), nullable=True)
`,
  `
export class Product extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  title = db.Column(db.String(200));
  code = db.Column(db.String(10));
  amount = db.Column(db.Integer);
  note = db.Column(db.String(100), { nullable: false });
  sku = db.Column(db.String(20), { nullable: true });
}
`,
);

export const COLUMN_SCENARIOS: readonly Scenario[] = [
  {
    name: "dropping a column of a table with rows, then getting it back by downgrade",
    steps: [
      PERSON_WITH_BIO,
      db("init"),
      db("migrate", "-m", "people", "--rev-id", "2a0000000001"),
      db("upgrade"),
      sql(`INSERT INTO person (id, name, bio) VALUES (1, 'ann', 'likes SQL'), (2, 'bob', NULL), (3, 'cy', '');`),
      PERSON,
      db("migrate", "-m", "drop bio", "--rev-id", "2a0000000002"),
      db("upgrade"),
      db("downgrade"),
      db("upgrade"),
    ],
  },
  {
    name: "adding NOT NULL columns with server defaults to a table with rows",
    steps: [
      ITEM,
      db("init"),
      db("migrate", "-m", "items", "--rev-id", "2b0000000001"),
      db("upgrade"),
      sql(`INSERT INTO item (id, title) VALUES (1, 'pen'), (2, 'ink'), (3, NULL);`),
      ITEM_WITH_DEFAULTS,
      db("migrate", "-m", "qty and created", "--rev-id", "2b0000000002"),
      db("upgrade"),
      db("downgrade"),
      db("upgrade"),
      db("migrate", "-m", "nothing", "--rev-id", "2b0000000003"),
    ],
  },
  {
    name: "type and nullability changes on a table with rows",
    namingConvention: SPEC_CONVENTION,
    steps: [
      PRODUCT,
      db("init"),
      db("migrate", "-m", "products", "--rev-id", "2c0000000001"),
      db("upgrade"),
      sql(`INSERT INTO product (id, title, code, amount, note, sku) VALUES
        (1, 'pen', 10, '12', 'blue', 'P-1'), (2, 'ink', 20, 'abc', 'black', 'I-2'),
        (3, 'cap', NULL, NULL, 'red', 'C-3'), (4, NULL, 7, '3.5', 'none', 'X-4');`),
      PRODUCT_CHANGED,
      // A message past Alembic's 40-character slug, with punctuation and capitals.
      db("migrate", "-m", "Types & nullability: VARCHAR(64)->VARCHAR(200), INTEGER->VARCHAR!", "--rev-id", "2c0000000002"),
      db("upgrade"),
      db("downgrade"),
      db("upgrade"),
    ],
  },
  {
    name: "a data migration edited into the generated script",
    steps: [
      ITEM,
      db("init"),
      db("migrate", "-m", "items", "--rev-id", "2d0000000001"),
      db("upgrade"),
      sql(`INSERT INTO item (id, title) VALUES (1, 'pen'), (2, NULL);`),
      ITEM_WITH_DEFAULTS,
      db("migrate", "-m", "qty", "--rev-id", "2d0000000002"),
      // The first end-of-commands marker closes upgrade(): the data migration runs after the DDL.
      edit(
        {
          find: "    # ### end Alembic commands ###",
          replace: `    op.execute("UPDATE item SET qty = id * 10, created = '2026-01-02', title = coalesce(title, 'unnamed')")\n    # ### end Alembic commands ###`,
        },
        {
          find: "  // ### end Retort commands ###",
          replace: `  op.execute("UPDATE item SET qty = id * 10, created = '2026-01-02', title = coalesce(title, 'unnamed')");\n  // ### end Retort commands ###`,
        },
      ),
      db("upgrade"),
      db("downgrade"),
    ],
  },
];
