// The one-click fixes, each checked on what it is for: the fixed script or models run on a real
// sql.js database with rows, and do what the warning said could not be done without them.
import { describe, expect, test } from "vitest";
import { applyTextEdits, computeFix, duplicatesQuery, scriptFixOffers, type WarningFix } from "../../../src/engine/fixes";
import { parseModels } from "../../../src/engine/models";
import { openTestDatabase } from "../../binding";
import { query, session, type Session } from "../commands/helpers";

const MODELS = (columns: string, db = "new SQLAlchemy()") => `import { SQLAlchemy } from "retort";

const db = ${db};

export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
${columns}
}
`;

async function exec(s: Session, sql: string): Promise<void> {
  const db = await openTestDatabase(s.ws.database ?? undefined);
  db.exec(sql);
  s.ws = { ...s.ws, database: db.export() };
  db.close();
}

/** users(id, name) upgraded, with 3 rows (two share a name), then `columns` in the models. */
async function withRows(columns: string, db?: string): Promise<Session> {
  const s = session(MODELS(`  name = db.Column(db.String(64));`, db), ["aaaaaaaaaaa1", "bbbbbbbbbbb2", "ccccccccccc3"]);
  await s.run("init");
  await s.run("migrate", "-m", "initial");
  expect((await s.run("upgrade")).exitCode).toBe(0);
  await exec(s, "INSERT INTO users (name) VALUES ('ann'), ('bob'), ('ann');");
  setModels(s, MODELS(columns, db));
  return s;
}

const setModels = (s: Session, text: string) => (s.ws = { ...s.ws, files: { ...s.ws.files, "models.ts": text } });

/** Generates the next migration and returns its path. */
async function generate(s: Session): Promise<string> {
  const before = new Set(Object.keys(s.ws.files));
  const result = await s.run("migrate", "-m", "next");
  expect(result.exitCode).toBe(0);
  const path = Object.keys(s.ws.files).find((p) => !before.has(p));
  if (!path) throw new Error("migrate wrote no script");
  return path;
}

function fix(s: Session, path: string, warningFix: WarningFix): string {
  const result = computeFix(warningFix, s.ws.files[path]!);
  if (!result.ok) throw new Error(result.reason);
  const text = applyTextEdits(s.ws.files[path]!, result.edits);
  s.ws = { ...s.ws, files: { ...s.ws.files, [path]: text } };
  return text;
}

describe("Rename instead", () => {
  test("the drop + add become alterColumn(newColumnName): upgrade keeps the values, downgrade brings them back", async () => {
    const s = await withRows(`  full_name = db.Column(db.String(64));`);
    const path = await generate(s);
    const script = fix(s, path, { kind: "rename-column", table: "users", from: "name", to: "full_name" });
    expect(script).toContain(`    batchOp.alterColumn("name", { newColumnName: "full_name" });\n  });`);
    expect(script).toContain(`    batchOp.alterColumn("full_name", { newColumnName: "name" });\n  });`);
    expect(script).not.toMatch(/dropColumn|addColumn/);
    expect((await s.run("upgrade")).exitCode).toBe(0);
    expect(await query(s.ws, "SELECT id, full_name FROM users ORDER BY id")).toEqual([[1, "ann"], [2, "bob"], [3, "ann"]]);
    expect((await s.run("downgrade")).exitCode).toBe(0);
    expect(await query(s.ws, "SELECT id, name FROM users ORDER BY id")).toEqual([[1, "ann"], [2, "bob"], [3, "ann"]]);
  });

  test("a script without that drop and add is refused with where and why", async () => {
    const result = computeFix({ kind: "rename-column", table: "users", from: "a", to: "b" }, "export function upgrade() {\n}\nexport function downgrade() {\n}\n");
    expect(result).toEqual({ ok: false, reason: `No batchAlterTable("users") block drops 'a' and adds 'b' in upgrade(): the fix only rewrites the drop and add that autogenerate wrote.` });
  });
});

describe("Add a naming convention", () => {
  test("the unique email of the tutorial: without a convention upgrade fails; with it, it succeeds and the constraint has the convention's name", async () => {
    const columns = `  name = db.Column(db.String(64));\n  email = db.Column(db.String(120), { unique: true });`;
    const s = await withRows(columns);
    const unfixed = await generate(s);
    expect((await s.run("upgrade")).exitCode).not.toBe(0);
    s.ws = { ...s.ws, files: Object.fromEntries(Object.entries(s.ws.files).filter(([p]) => p !== unfixed)) };

    const models = fix(s, "models.ts", { kind: "naming-convention" });
    expect(models).toContain(`const db = new SQLAlchemy({\n  namingConvention: {\n    ix: "ix_%(column_0_label)s",\n    uq: "uq_%(table_name)s_%(column_0_name)s",`);
    expect(parseModels(models).diagnostics).toEqual([]);
    const path = await generate(s);
    expect(s.ws.files[path]).toContain(`batchOp.createUniqueConstraint("uq_users_email", ["email"]);`);
    expect((await s.run("upgrade")).exitCode).toBe(0);
    const [[sql]] = (await query(s.ws, "SELECT sql FROM sqlite_master WHERE name = 'users'")) as [[string]];
    expect(sql).toContain("CONSTRAINT uq_users_email UNIQUE (email)");
  });

  test("goes into an existing options object, and is refused when there is one already", () => {
    const oneLine = computeFix({ kind: "naming-convention" }, MODELS("", "new SQLAlchemy({})"));
    expect(oneLine.ok && parseModels(applyTextEdits(MODELS("", "new SQLAlchemy({})"), oneLine.edits)).namingConvention).toMatchObject({ uq: "uq_%(table_name)s_%(column_0_name)s" });
    const already = MODELS("", `new SQLAlchemy({\n  namingConvention: { uq: "uq_%(table_name)s_%(column_0_name)s" },\n})`);
    expect(computeFix({ kind: "naming-convention" }, already)).toMatchObject({ ok: false, reason: expect.stringContaining("already has a namingConvention") });
  });
});

describe("a NOT NULL column added to a table with rows", () => {
  const columns = `  name = db.Column(db.String(64));\n  age = db.Column(db.Integer, { nullable: false });`;

  test("fails as generated", async () => {
    const s = await withRows(columns);
    await generate(s);
    expect((await s.run("upgrade")).exitCode).not.toBe(0);
  });

  test("Add a server default: upgrade succeeds and every row gets it", async () => {
    const s = await withRows(columns);
    const path = await generate(s);
    const script = fix(s, path, { kind: "server-default", table: "users", column: "age" });
    expect(script).toContain(`batchOp.addColumn(sa.Column("age", sa.Integer(), { nullable: false, serverDefault: "0" }));`);
    expect((await s.run("upgrade")).exitCode).toBe(0);
    expect(await query(s.ws, "SELECT id, age FROM users ORDER BY id")).toEqual([[1, 0], [2, 0], [3, 0]]);
  });

  test("Fill it in a data step: added nullable, filled by an UPDATE, then made NOT NULL", async () => {
    const s = await withRows(`  name = db.Column(db.String(64));\n  nick = db.Column(db.String(20), { nullable: false });`);
    const path = await generate(s);
    const script = fix(s, path, { kind: "fill-in-data-step", table: "users", column: "nick", adding: true });
    expect(script).toContain(
      `    batchOp.addColumn(sa.Column("nick", sa.String(20), { nullable: true }));\n  });\n` +
        `  op.execute("UPDATE users SET nick = '' WHERE nick IS NULL");\n` +
        `  op.batchAlterTable("users", (batchOp) => {\n    batchOp.alterColumn("nick", { existingType: sa.String(20), nullable: false });\n  });\n`,
    );
    expect((await s.run("upgrade")).exitCode).toBe(0);
    expect(await query(s.ws, "SELECT count(*) FROM users WHERE nick = ''")).toEqual([[3]]);
    expect(await query(s.ws, "SELECT \"notnull\" FROM pragma_table_info('users') WHERE name = 'nick'")).toEqual([[1]]);
    // nothing left between the models and the database
    expect(s.text(await s.run("check"))).toContain("No new upgrade operations detected.");
  });

  test("a column made NOT NULL over NULLs is filled before the alterColumn", async () => {
    const s = await withRows(`  name = db.Column(db.String(64));`);
    await exec(s, "INSERT INTO users (name) VALUES (NULL);");
    setModels(s, MODELS(`  name = db.Column(db.String(64), { nullable: false });`));
    const path = await generate(s);
    expect((await s.run("upgrade")).exitCode).not.toBe(0);
    const script = fix(s, path, { kind: "fill-in-data-step", table: "users", column: "name", adding: false });
    expect(script).toContain(`  op.execute("UPDATE users SET name = '' WHERE name IS NULL");\n  op.batchAlterTable("users"`);
    expect((await s.run("upgrade")).exitCode).toBe(0);
    expect(await query(s.ws, "SELECT id, name FROM users ORDER BY id")).toEqual([[1, "ann"], [2, "bob"], [3, "ann"], [4, ""]]);
  });
});

describe("a batch rebuild of a table that a view reads and a trigger watches", () => {
  const unique = `  name = db.Column(db.String(64));\n  static __table_args__ = [db.UniqueConstraint("name", { name: "uq_users_name" })];`;
  const VIEW = "CREATE VIEW names AS SELECT name FROM users";
  const TRIGGER = "CREATE TRIGGER users_log AFTER INSERT ON users BEGIN INSERT INTO log (name) VALUES (new.name); END";
  const LOG = `\nexport class Log extends db.Model {\n  static __tablename__ = "log";\n  id = db.Column(db.Integer, { primaryKey: true });\n  name = db.Column(db.String(64));\n}\n`;

  async function withViewAndTrigger(): Promise<Session> {
    const s = await withRows(`  name = db.Column(db.String(64));`);
    await exec(s, `DELETE FROM users WHERE id = 3; CREATE TABLE log (id INTEGER NOT NULL, name VARCHAR(64), PRIMARY KEY (id)); ${VIEW}; ${TRIGGER};`);
    setModels(s, MODELS(unique) + LOG);
    return s;
  }

  test("fails as generated, as in Alembic: SQLite refuses the rename while the view reads the table", async () => {
    const s = await withViewAndTrigger();
    await generate(s);
    const result = await s.run("upgrade");
    expect(result.exitCode).not.toBe(0);
    expect(s.text(result).join("\n")).toContain("error in view names: no such table: main.users");
  });

  test("Keep the views and triggers: upgrade and downgrade pass, and both are there after each", async () => {
    const s = await withViewAndTrigger();
    const path = await generate(s);
    const script = fix(s, path, { kind: "keep-views-and-triggers", table: "users", views: [{ name: "names", sql: VIEW }], triggers: [{ name: "users_log", sql: TRIGGER }] });
    expect(script).toContain(`  op.execute("DROP VIEW IF EXISTS names");\n  op.batchAlterTable("users", (batchOp) => {\n    batchOp.createUniqueConstraint("uq_users_name", ["name"]);\n  });\n` +
      `  op.execute(${JSON.stringify(TRIGGER)});\n  op.execute(${JSON.stringify(VIEW)});\n`);
    const objects = () => query(s.ws, "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY name");
    for (const step of ["upgrade", "downgrade", "upgrade"]) {
      const result = await s.run(step);
      expect(result.exitCode, step).toBe(0);
      // nothing left to warn of before it ran: the script does what the warnings asked, both ways
      expect(s.text(result).join("\n"), step).not.toContain("Warning");
      expect(await objects(), step).toEqual([["view", "names"], ["trigger", "users_log"]]);
    }
    await exec(s, "INSERT INTO users (name) VALUES ('cy')");
    expect(await query(s.ws, "SELECT name FROM log")).toEqual([["cy"]]);
  });

  test("a script without a batch block on the table is refused, saying what to do by hand", () => {
    expect(computeFix({ kind: "keep-views-and-triggers", table: "users", views: [{ name: "names", sql: VIEW }], triggers: [] }, "export function upgrade() {}\nexport function downgrade() {}\n")).toMatchObject({
      ok: false, reason: expect.stringContaining("drop its views before the rebuild and create them and its triggers again after it, by hand"),
    });
  });
});

describe("Show the duplicates", () => {
  test("the query lists every row that shares a value, with how many share it; NULLs never collide", async () => {
    const db = await openTestDatabase();
    db.exec(`CREATE TABLE "my users" (id INTEGER PRIMARY KEY, email TEXT);
      INSERT INTO "my users" VALUES (1, 'a@x'), (2, 'b@x'), (3, 'a@x'), (4, NULL), (5, NULL), (6, 'a@x');`);
    expect(db.query(duplicatesQuery("my users", ["email"])).rows.map((r) => [...r])).toEqual([[3, 1, "a@x"], [3, 3, "a@x"], [3, 6, "a@x"]]);
    db.close();
  });
});

describe("quick fixes where the script's ops are", () => {
  test("a drop + add offers the rename, a NOT NULL add both of its fixes, each on its op's lines", async () => {
    const s = await withRows(`  full_name = db.Column(db.String(64));\n  age = db.Column(db.Integer, { nullable: false });`);
    const path = await generate(s);
    const script = s.ws.files[path]!;
    const lineOf = (text: string) => script.split("\n").findIndex((l) => l.includes(text)) + 1;
    const offers = scriptFixOffers(script);
    expect(offers.map((o) => [o.fix.kind, o.line])).toEqual([
      ["server-default", lineOf(`sa.Column("age"`)],
      ["fill-in-data-step", lineOf(`sa.Column("age"`)],
      ["rename-column", lineOf(`batchOp.dropColumn("name")`)],
    ]);
    expect(offers[2]!.fix).toEqual({ kind: "rename-column", table: "users", from: "name", to: "full_name" });
  });
});

describe("model diagnostics carry the replacement their quick fix puts in", () => {
  test("primary_key -> primaryKey, server_default -> serverDefault, db.Strin -> db.String", () => {
    const source = MODELS(`  name = db.Column(db.Strin(64), { server_default: "x" });`).replace("primaryKey", "primary_key");
    const { diagnostics } = parseModels(source);
    expect(diagnostics.map((d) => [d.message, d.replacement])).toEqual([
      ["Unknown option 'primary_key'. Did you mean 'primaryKey'?", "primaryKey"],
      ["Unknown column type 'db.Strin'. Did you mean 'db.String'?", "db.String"],
      ["Unknown option 'server_default'. Did you mean 'serverDefault'?", "serverDefault"],
    ]);
    const edits = diagnostics.map((d) => ({ ...d, text: d.replacement! }));
    expect(parseModels(applyTextEdits(source, edits)).diagnostics).toEqual([]);
  });
});
