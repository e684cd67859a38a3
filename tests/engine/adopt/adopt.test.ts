// Adopting a user's own SQLite file (SPEC §6): models.ts that `db check` finds equal to the file,
// a baseline revision the file is stamped at, and one list of what models.ts only approximates.
import { describe, expect, test } from "vitest";
import { adoptDatabase } from "../../../src/engine/index";
import { adoptDeps, adoptSql, adopted, db, fileFrom } from "./support";

const ODD = `CREATE TABLE roles (id INTEGER PRIMARY KEY, name VARCHAR(64) UNIQUE NOT NULL);
CREATE TABLE "order items" ("Item Id" INTEGER NOT NULL, role_id INT REFERENCES roles(id) ON DELETE CASCADE,
  code CHAR(3) COLLATE NOCASE, price REAL DEFAULT 0, at TIMESTAMP, untyped,
  CONSTRAINT pk_oi PRIMARY KEY ("Item Id"), CONSTRAINT price_ok CHECK (price >= 0));
CREATE INDEX ix_code ON "order items"(code) WHERE code IS NOT NULL;
CREATE INDEX ix_expr ON "order items"(lower(code));
CREATE TABLE nopk (a TEXT, b INTEGER);
CREATE TABLE w (k TEXT PRIMARY KEY, v INT) WITHOUT ROWID;
CREATE TABLE s (id INTEGER PRIMARY KEY AUTOINCREMENT, v ANY) STRICT;
CREATE TABLE pair (a INTEGER NOT NULL, b INTEGER NOT NULL, note TEXT, PRIMARY KEY (b, a));
CREATE TABLE link (x INTEGER, y INTEGER, CONSTRAINT fk_pair FOREIGN KEY (x, y) REFERENCES pair (b, a) ON UPDATE SET NULL,
  CONSTRAINT uq_link UNIQUE (x, y));
CREATE VIEW role_names AS SELECT name FROM roles;
CREATE TRIGGER role_audit AFTER INSERT ON roles BEGIN SELECT 1; END;
INSERT INTO roles VALUES (1, 'admin'), (2, 'user');`;

describe("adopt → check finds no changes", () => {
  test("an odd hand-written schema: quoted names, composite keys, STRICT, WITHOUT ROWID, views, triggers", async () => {
    const ws = await adopted(ODD);
    const check = await db(ws, "check");
    expect(check.text).toContain("No new upgrade operations detected.");
    expect(check.exitCode).toBe(0);
    expect((await db(ws, "current")).text).toContain("ba5e11ce0001 (head)");
    expect(ws.files["migrations/versions/ba5e11ce0001_baseline.ts"]).toContain("// Baseline: the database already has this schema");
  });

  test("what models.ts cannot say is listed once, each with its place", async () => {
    const { warnings, files } = await adopted(ODD);
    const expected = [
      "Table 'order items': COLLATE NOCASE",
      "Index 'ix_code' on 'order items' is partial (WHERE code IS NOT NULL)",
      "Index 'ix_expr' on 'order items' is on an expression",
      "Table 'w': WITHOUT ROWID",
      "Table 's': STRICT",
      "Table 's': AUTOINCREMENT",
      "Table 'order items': column 'untyped' has no declared type",
      "Table 'nopk': no primary key: models.ts declares every column part of one",
      "View 'role_names' is kept in the database",
      "Trigger 'role_audit' on 'roles' is kept in the database, but a batch rebuild of 'roles' drops it",
    ];
    for (const e of expected) expect(warnings.some((w) => w.startsWith(e)), e).toBe(true);
    expect(warnings.some((w) => w.startsWith("models.ts differs"))).toBe(false);
    expect(files["models.ts"]).toContain("// Index 'ix_expr' is on an expression");
    expect(files["models.ts"]).toContain('db.PrimaryKeyConstraint("b", "a")');
    expect(files["models.ts"]).toContain('db.ForeignKeyConstraint(["x", "y"], ["pair.b", "pair.a"], { onUpdate: "SET NULL", name: "fk_pair" })');
    expect(files["models.ts"]).toContain('Item_Id = db.Column("Item Id", db.Integer, { nullable: false });');
  });

  test("the rows stay, and a view and a trigger stay in the file", async () => {
    const ws = await adopted(ODD);
    const out = await db(ws, "upgrade");
    expect(out.exitCode).toBe(0);
    const file = await (await import("../../binding")).openTestDatabase(ws.database!);
    try {
      expect(file.query("SELECT name FROM roles ORDER BY id").rows).toEqual([["admin"], ["user"]]);
      expect(file.query("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY name").rows).toEqual([
        ["trigger", "role_audit"],
        ["view", "role_names"],
      ]);
    } finally {
      file.close();
    }
  });
});

test("a foreign key whose target holds a '.' is not declared, and the warning says check will report it", async () => {
  const { warnings, files } = await adopted(`CREATE TABLE "a.b" (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, ab INTEGER REFERENCES "a.b" (id));`);
  expect(warnings).toContainEqual(expect.stringMatching(/^Table 'c': foreign key \(ab\) -> a\.b\(id\) cannot be written in models\.ts/));
  expect(files["models.ts"]).not.toContain("db.ForeignKey");
});

describe("the baseline", () => {
  test("keeps the id of the file's alembic_version, and a new revision chains onto it", async () => {
    const ws = await adopted(`CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
      INSERT INTO alembic_version VALUES ('3f2a1b4c5d6e');
      CREATE TABLE users (id INTEGER NOT NULL, name VARCHAR(50), PRIMARY KEY (id));`);
    expect(Object.keys(ws.files)).toContain("migrations/versions/3f2a1b4c5d6e_baseline.ts");
    expect(ws.files["models.ts"]).not.toContain("alembic_version");
    expect((await db(ws, "current")).text).toContain("3f2a1b4c5d6e (head)");
    const edited = { ...ws, files: { ...ws.files, "models.ts": ws.files["models.ts"]!.replace("name = db.Column(db.String(50));", "name = db.Column(db.String(50));\n  email = db.Column(db.String(120));") } };
    const migrate = await db(edited, "migrate", "-m", "add email");
    expect(migrate.text).toContain("Detected added column 'users.email'");
    const script = Object.entries(migrate.workspace.files).find(([p]) => p.endsWith("_add_email.ts"))![1];
    expect(script).toContain('export const downRevision = "3f2a1b4c5d6e";');
  });

  test("a new id when the file has no alembic_version, and the file is stamped at it", async () => {
    const result = await adoptSql("CREATE TABLE t (id INTEGER PRIMARY KEY);");
    expect(result.ok && result.baseline).toEqual(["ba5e11ce0001"]);
    const file = await (await import("../../binding")).openTestDatabase(result.ok ? result.workspace.database! : undefined);
    expect(file.query("SELECT version_num FROM alembic_version").rows).toEqual([["ba5e11ce0001"]]);
    file.close();
  });
});

describe("bad input is refused with a reason, and makes nothing", () => {
  const refusal = async (bytes: Uint8Array, wal?: Uint8Array) => {
    const r = await adoptDatabase({ bytes, fileName: "mine.db", ...(wal && { wal }) }, adoptDeps());
    if (r.ok) throw new Error("adopted");
    return r.reason;
  };

  test("a file that is not SQLite names its first bytes", async () => {
    expect(await refusal(new TextEncoder().encode("PK\u0003\u0004 a zip file"))).toMatch(/^This file is not a SQLite database: its first bytes are "PK\.\. a zip file" \(50 4b 03 04 .*Choose a \.sqlite\/\.db file/);
  });

  test("an empty file", async () => {
    expect(await refusal(new Uint8Array())).toBe("mine.db is empty (0 bytes): it holds no database. Choose the .sqlite/.db file that holds your tables.");
  });

  test("a WAL-mode file without its -wal, and with a -wal that holds changes", async () => {
    const bytes = await fileFrom("CREATE TABLE t (id INTEGER PRIMARY KEY);");
    bytes[18] = 2;
    bytes[19] = 2;
    expect(await refusal(bytes)).toContain("this database is in WAL mode and its -wal file was not given");
    expect(await refusal(bytes)).toContain("PRAGMA wal_checkpoint(TRUNCATE)");
    expect(await refusal(bytes, new Uint8Array(32))).toContain("mine.db-wal holds 32 bytes of changes");
    const withEmptyWal = await adoptDatabase({ bytes, fileName: "mine.db", wal: new Uint8Array() }, adoptDeps());
    expect(withEmptyWal.ok).toBe(true);
  });

  test("a damaged file", async () => {
    const bytes = await fileFrom(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); ${Array.from({ length: 300 }, (_, i) => `INSERT INTO t VALUES (${i}, '${"x".repeat(100)}');`).join("")}`);
    const cut = bytes.slice(0, bytes.length / 2);
    expect(await refusal(cut)).toMatch(/^mine\.db is damaged: .*Copy the file again from its source/);
    const scribbled = bytes.slice();
    scribbled.fill(0xff, 4096 + 8, 4096 * 3);
    expect(await refusal(scribbled)).toMatch(/^mine\.db is damaged: /);
  });
});
