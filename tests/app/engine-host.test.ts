// The worker's host, in Node, against the real engine and a real sql.js database: what the page
// sees for each request of the protocol.
import { describe, expect, test } from "vitest";
import { bindEngine } from "../../src/app/engine-binding";
import { EngineHost, QUERY_ROW_LIMIT, rowEditSql } from "../../src/app/engine-host";
import type { ProgressView } from "../../src/app/protocol";
import * as engine from "../../src/engine/index";

function seeded(seed = 1): () => number {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647);
}

async function openHost(): Promise<EngineHost> {
  const host = new EngineHost(bindEngine({ random: seeded(), clock: () => new Date("2026-11-22T05:00:00Z") }));
  await host.open({ kind: "open", title: "Test playground" });
  return host;
}

const noProgress = (_p: ProgressView) => {};
const EMAIL_LINE = '  email = db.Column(db.String(120), { unique: true });\n';

function withEmail(models: string): string {
  const at = models.indexOf("  role_id = db.Column");
  return models.slice(0, at) + EMAIL_LINE + models.slice(at);
}

describe("EngineHost", () => {
  test("a new playground holds the tutorial's models, initialised, with an empty database", async () => {
    const host = await openHost();
    const snapshot = await host.snapshot();
    expect(snapshot.title).toBe("Test playground");
    expect(snapshot.files["models.ts"]).toContain("export class User extends db.Model");
    expect(snapshot.initialized).toBe(true);
    expect(snapshot.tables).toEqual([]);
    expect(snapshot.history).toEqual({ revisions: [], current: [], error: null });
  });

  test("pending changes are autogenerate's lines; a syntax error gives diagnostics instead", async () => {
    const host = await openHost();
    const models = (await host.snapshot()).files["models.ts"]!;
    const pending = await host.setModels(models);
    expect(pending.messages).toContain("Detected added table 'roles'");
    expect(pending.diagnostics).toEqual([]);
    const broken = await host.setModels(models.replace("id = db.Column(db.Integer", "id = = db.Column(db.Integer"));
    expect(broken.messages).toEqual([]);
    expect(broken.diagnostics.some((d) => d.severity === "error" && d.line > 1)).toBe(true);
  });

  test("the tutorial through commands: migrate, upgrade with its SQL, the email column, downgrade", async () => {
    const host = await openHost();
    const models = (await host.snapshot()).files["models.ts"]!;
    const first = await host.command(["migrate", "-m", "initial migration"], noProgress);
    expect(first.exitCode).toBe(0);
    expect(first.lines.map((l) => l.text)).toContain("Detected added table 'roles'");
    // the terminal shows each line whole, its logger prefix apart so that it can be dimmed
    const whole = first.lines.map((l) => `${l.prefix ?? ""}${l.text}`);
    expect(whole).toContain("INFO  [alembic.autogenerate.compare] Detected added table 'roles'");
    expect(whole.at(-1)).toMatch(/^Generating migrations\/versions\/[0-9a-f]{12}_initial_migration\.ts \.\.\.  done$/);
    expect(first.snapshot.history.revisions).toHaveLength(1);
    expect(first.snapshot.history.revisions[0]).toMatchObject({ message: "initial migration", isHead: true, isCurrent: false });

    const progress: string[] = [];
    const up = await host.command(["upgrade"], (p) => progress.push(p.text));
    expect(up.exitCode).toBe(0);
    const rev = first.snapshot.history.revisions[0]!.id;
    expect(up.lines).toContainEqual({ level: "info", log: true, prefix: "INFO  [alembic.runtime.migration] ", text: `Running upgrade  -> ${rev}, initial migration` });
    expect(up.sql.some((s) => s.sql.startsWith("CREATE TABLE roles"))).toBe(true);
    expect(progress).toEqual([`Running upgrade ${rev}…`]);
    expect(up.snapshot.tables.map((t) => t.name)).toEqual(["roles", "users"]);
    expect(up.snapshot.history.current).toEqual([rev]);
    const users = up.snapshot.tables.find((t) => t.name === "users")!;
    expect(users.columns.find((c) => c.name === "role_id")).toMatchObject({ type: "INTEGER", references: "roles.id" });
    expect(users.columns.find((c) => c.name === "username")).toMatchObject({ type: "VARCHAR(64)", unique: true, indexed: true });
    expect(users.columns.find((c) => c.name === "id")).toMatchObject({ primaryKey: true, nullable: false });

    await host.editRow({ kind: "insert", table: "roles", values: { id: 1, name: "admin" } });
    await host.editRow({ kind: "insert", table: "users", values: { id: 1, username: "ann", role_id: 1 } });
    await host.setModels(withEmail(models));
    const second = await host.command(["migrate", "-m", "Added email field"], noProgress);
    expect(second.exitCode).toBe(0);
    const up2 = await host.command(["upgrade"], noProgress);
    expect(up2.exitCode).toBe(0);
    expect(up2.snapshot.tables.find((t) => t.name === "users")!.columns.map((c) => c.name)).toEqual(["id", "username", "role_id", "email"]);
    expect((await host.rows({ kind: "rows", table: "users", limit: 10 })).rows).toEqual([[1, "ann", 1, null]]);

    const down = await host.command(["downgrade"], noProgress);
    expect(down.exitCode).toBe(0);
    expect(down.snapshot.tables.find((t) => t.name === "users")!.columns.map((c) => c.name)).toEqual(["id", "username", "role_id"]);
    expect((await host.rows({ kind: "rows", table: "users", limit: 10 })).rows).toEqual([[1, "ann", 1]]);
    expect(down.snapshot.history.revisions.map((r) => r.message)).toEqual(["Added email field", "initial migration"]);
  });

  test("an edited script is what runs, and its parse errors come back as diagnostics", async () => {
    const host = await openHost();
    const first = await host.command(["migrate", "-m", "initial migration"], noProgress);
    const path = Object.keys(first.snapshot.files).find((p) => p.endsWith("_initial_migration.ts"))!;
    const text = first.snapshot.files[path]!;
    const broken = await host.setScript({ kind: "set-script", path, source: text.replace("op.createTable(", "op.createTabel(") });
    expect(broken.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ severity: "error" })]));
    expect(broken.history.revisions).toEqual([]);
    expect(broken.history.error).toMatch(/_initial_migration\.ts:\d+:\d+: /);
    // Drop the users table from the upgrade: the edited text is what runs.
    const edited = text.replace(/op\.createTable\(\s*"users"[\s\S]*?\n {2}\);\n/, "").replace(/op\.batchAlterTable\("users"[\s\S]*?\n {2}\}\);\n/g, "");
    const fixed = await host.setScript({ kind: "set-script", path, source: edited });
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.history.revisions.map((r) => r.message)).toEqual(["initial migration"]);
    const up = await host.command(["upgrade"], noProgress);
    expect(up.exitCode).toBe(0);
    expect(up.snapshot.tables.map((t) => t.name)).toEqual(["roles"]);
  });

  test("a failing upgrade leaves the tables, rows and current revision as they were", async () => {
    const host = await openHost();
    const models = (await host.snapshot()).files["models.ts"]!;
    await host.command(["migrate", "-m", "initial migration"], noProgress);
    await host.command(["upgrade"], noProgress);
    await host.editRow({ kind: "insert", table: "users", values: { id: 1, username: "ann" } });
    const before = await host.snapshot();
    await host.setModels(models.replace("  role_id = db.Column", "  age = db.Column(db.Integer, { nullable: false });\n  role_id = db.Column"));
    await host.command(["migrate", "-m", "add age"], noProgress);
    const up = await host.command(["upgrade"], noProgress);
    expect(up.exitCode).not.toBe(0);
    expect(up.lines.some((l) => l.level === "error")).toBe(true);
    expect(up.snapshot.tables).toEqual(before.tables);
    expect(up.snapshot.history.current).toEqual(before.history.current);
  });

  test("the grid edits rows by rowid, and the console reports SQLite's errors as text", async () => {
    const host = await openHost();
    await host.command(["migrate", "-m", "initial migration"], noProgress);
    await host.command(["upgrade"], noProgress);
    const added = await host.editRow({ kind: "insert", table: "roles", values: { name: "<b>admin</b>" } });
    expect(added).toMatchObject({ ok: true, rowsChanged: 1 });
    let rows = await host.rows({ kind: "rows", table: "roles", limit: 10 });
    expect(rows).toMatchObject({ columns: ["id", "name"], rows: [[1, "<b>admin</b>"]], rowids: [1], total: 1 });
    await host.editRow({ kind: "update", table: "roles", rowid: 1, values: { name: "staff" } });
    rows = await host.rows({ kind: "rows", table: "roles", limit: 10 });
    expect(rows.rows).toEqual([[1, "staff"]]);
    const dup = await host.editRow({ kind: "insert", table: "roles", values: { id: 2, name: "staff" } });
    expect(dup.ok).toBe(false);
    expect(dup.error).toMatch(/UNIQUE constraint failed: roles\.name/);
    await host.editRow({ kind: "delete", table: "roles", rowid: 1 });
    expect((await host.rows({ kind: "rows", table: "roles", limit: 10 })).total).toBe(0);

    const select = await host.query("SELECT 1 + 1 AS two");
    expect(select).toMatchObject({ ok: true, columns: ["two"], rows: [[2]], rowsNotShown: 0, snapshot: null });
    // a long result comes back cut to what a page can show, with the rest counted
    const long = await host.query(`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT ${QUERY_ROW_LIMIT + 234}) SELECT x FROM c`);
    expect(long.rows).toHaveLength(QUERY_ROW_LIMIT);
    expect(long.rows.at(-1)).toEqual([QUERY_ROW_LIMIT]);
    expect(long.rowsNotShown).toBe(234);
    const bad = await host.query("SELEC 1");
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/syntax error/);
  });
});

test("row edits are parameterised, and every name is quoted", () => {
  expect(rowEditSql({ kind: "insert", table: 'we"ird', values: { 'a"b': "x", c: null } }))
    .toEqual(['INSERT INTO "we""ird" ("a""b", "c") VALUES (?, ?)', ["x", null]]);
  expect(rowEditSql({ kind: "insert", table: "t", values: {} })).toEqual(['INSERT INTO "t" DEFAULT VALUES', []]);
  expect(rowEditSql({ kind: "update", table: "t", rowid: 3, values: { name: "'; DROP TABLE t; --" } }))
    .toEqual(['UPDATE "t" SET "name" = ? WHERE rowid = ?', ["'; DROP TABLE t; --", 3]]);
  expect(rowEditSql({ kind: "delete", table: "t", rowid: 3 })).toEqual(['DELETE FROM "t" WHERE rowid = ?', [3]]);
});

test("a playground exported with its database opens again exactly as it was", async () => {
  const host = await openHost();
  await host.command(["migrate", "-m", "initial migration"], noProgress);
  await host.command(["upgrade"], noProgress);
  await host.editRow({ kind: "insert", table: "roles", values: { id: 1, name: "admin" } });
  const saved = host.exportWorkspace();
  expect(saved.database).toBeInstanceOf(Uint8Array);

  const other = new EngineHost(bindEngine());
  const reopened = await other.open({ kind: "open", title: "ignored", workspace: saved });
  expect(reopened).toEqual(await host.snapshot());
  expect((await other.rows({ kind: "rows", table: "roles", limit: 5 })).rows).toEqual([[1, "admin"]]);
});

test("a checkpoint leaves the database out while it is the one the last checkpoint carried", async () => {
  const host = await openHost();
  await host.command(["migrate", "-m", "initial migration"], noProgress);
  await host.command(["upgrade"], noProgress);
  const first = host.checkpoint();
  expect(first.database).toBeInstanceOf(Uint8Array);
  await host.query("SELECT * FROM roles");
  await host.setModels(host.workspace.files["models.ts"]! + "\n");
  const second = host.checkpoint();
  expect("database" in second).toBe(false);
  expect(second.files["models.ts"]).toBe(first.files["models.ts"] + "\n");
  await host.query("INSERT INTO roles (name) VALUES ('admin')");
  const third = host.checkpoint();
  expect(third.database).toBeInstanceOf(Uint8Array);
  expect(third.database).not.toBe(first.database);
});

describe("share links", () => {
  test("a shared playground opens as the same scripts, revision and rows", async () => {
    const host = await openHost();
    await host.command(["migrate", "-m", "initial migration"], noProgress);
    await host.command(["upgrade"], noProgress);
    await host.editRow({ kind: "insert", table: "roles", values: { id: 1, name: "admin" } });
    await host.editRow({ kind: "insert", table: "users", values: { id: 5, username: "ann", role_id: 1 } });
    const { fragment, rowsIncluded, tooLarge } = await host.share();
    expect(fragment).toMatch(/^#r1\.[A-Za-z0-9_-]+$/);
    expect(rowsIncluded).toBe(true);
    expect(tooLarge).toBe(false);

    const other = new EngineHost(bindEngine());
    const opened = await other.openShared(fragment);
    expect(opened.ok).toBe(true);
    const mine = await host.snapshot();
    if (!opened.ok) return;
    expect(opened.snapshot.history).toEqual(mine.history);
    expect(opened.snapshot.tables).toEqual(mine.tables);
    expect(opened.snapshot.files).toEqual(mine.files);
    expect((await other.rows({ kind: "rows", table: "users", limit: 5 })).rows).toEqual([[5, "ann", 1]]);
  });

  test("a damaged link is refused with the reason, and nothing is opened", async () => {
    const host = new EngineHost(bindEngine());
    const result = await host.openShared("#r1.@@@");
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/damaged/) });
    const newer = await host.openShared("#r9.AAAA");
    expect(newer.ok === false && newer.message).toMatch(/newer Retort/);
  });

  test("a link whose script does not parse is refused naming the file and line, and the open playground stays", async () => {
    const host = await openHost();
    await host.command(["migrate", "-m", "initial migration"], noProgress);
    const before = await host.snapshot();
    const shared = await engine.decodeShareFragment((await host.share()).fragment);
    if (!shared.ok) throw new Error(shared.message);
    const [name] = Object.keys(shared.playground.scripts);
    const broken = await engine.encodeShareFragment({ ...shared.playground, scripts: { [name!]: "export const revision = ;" } });
    const result = await host.openShared(broken);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/migration script does not parse.*migrations\/versions\/\w+\.ts:1:\d+/) });
    expect(await host.snapshot()).toEqual(before);
  });
});

describe("the SQL console's count of changed rows", () => {
  test("belongs to the statement just run: none after VACUUM, DDL or a SELECT that follow an INSERT", async () => {
    const host = await openHost();
    await host.command(["migrate", "-m", "initial migration"], noProgress);
    await host.command(["upgrade"], noProgress);
    const insert = await host.query("INSERT INTO roles (name) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 50) SELECT 'r' || x FROM c");
    expect(insert).toMatchObject({ ok: true, rowsChanged: 50 });
    expect(await host.query("VACUUM")).toMatchObject({ ok: true, rowsChanged: 0 });
    expect(await host.query("CREATE TABLE notes (id INTEGER PRIMARY KEY)")).toMatchObject({ ok: true, rowsChanged: 0 });
    expect(await host.query("SELECT count(*) FROM roles")).toMatchObject({ ok: true, rowsChanged: 0, rows: [[50]] });
    expect(await host.query("UPDATE roles SET name = name || '!' WHERE id <= 3")).toMatchObject({ ok: true, rowsChanged: 3 });
    expect(await host.query("DROP TABLE notes")).toMatchObject({ ok: true, rowsChanged: 0 });
  });

  test("is the statement's own, as sqlite3 counts it: not the rows a cascade or a trigger changed", async () => {
    const host = await openHost();
    for (const sql of [
      "PRAGMA foreign_keys = ON",
      "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT)",
      "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE)",
      "CREATE TABLE audit (what TEXT)",
      "CREATE TRIGGER renamed AFTER UPDATE ON parent BEGIN INSERT INTO audit VALUES ('renamed'); INSERT INTO audit VALUES ('again'); END",
      "INSERT INTO parent (id, name) VALUES (1, 'p')",
      "INSERT INTO child (parent_id) VALUES (1), (1), (1), (1), (1)",
    ]) expect(await host.query(sql)).toMatchObject({ ok: true });
    expect(await host.query("UPDATE parent SET name = 'q'")).toMatchObject({ ok: true, rowsChanged: 1 });
    expect(await host.query("DELETE FROM parent WHERE id = 1")).toMatchObject({ ok: true, rowsChanged: 1 });
    expect(await host.query("SELECT count(*) FROM child")).toMatchObject({ ok: true, rows: [[0]] });
    expect(await host.query("CREATE TABLE later (id INTEGER)")).toMatchObject({ ok: true, rowsChanged: 0 });
  });
});

test("the grid's rows come a page at a time: LIMIT and OFFSET, with the total counted", async () => {
  const host = await openHost();
  await host.command(["migrate", "-m", "initial migration"], noProgress);
  await host.command(["upgrade"], noProgress);
  await host.query("INSERT INTO roles (name) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 450) SELECT 'r' || x FROM c");
  const third = await host.rows({ kind: "rows", table: "roles", limit: 200, offset: 400 });
  expect(third).toMatchObject({ total: 450, offset: 400 });
  expect(third.rows).toHaveLength(50);
  expect(third.rows[0]).toEqual([401, "r401"]);
  expect(third.rowids[0]).toBe(401);
  // an offset past the end (rows deleted meanwhile) gives the last page that has rows
  const past = await host.rows({ kind: "rows", table: "roles", limit: 200, offset: 1000 });
  expect(past).toMatchObject({ total: 450, offset: 400 });
  expect(past.rows).toHaveLength(50);
});

test("a composite foreign key marks each of its columns with the column it refers to, so the diagram draws an edge per pair", async () => {
  const host = await openHost();
  await host.query("CREATE TABLE orders (shop_id INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (shop_id, id))");
  const result = await host.query("CREATE TABLE lines (n INTEGER PRIMARY KEY, shop INTEGER, order_no INTEGER, FOREIGN KEY (shop, order_no) REFERENCES orders (shop_id, id))");
  expect(result.error ?? null).toBeNull();
  const lines = result.snapshot!.tables.find((t) => t.name === "lines")!;
  expect(lines.columns.map((c) => [c.name, c.references])).toEqual([["n", null], ["shop", "orders.shop_id"], ["order_no", "orders.id"]]);
});

describe("the SQL console runs every statement it is given, as the sqlite3 shell does", () => {
  test("all of them run, the last one's rows are shown, and rows changed are counted over all", async () => {
    const host = await openHost();
    const made = await host.query("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2); INSERT INTO t VALUES (3);");
    expect(made).toMatchObject({ ok: true, rowsChanged: 3, error: null });
    expect(made.snapshot!.tables.map((t) => t.name)).toContain("t");
    const read = await host.query("UPDATE t SET n = n * 10 WHERE n > 1; SELECT n FROM t ORDER BY n");
    expect(read).toMatchObject({ ok: true, columns: ["n"], rows: [[1], [20], [30]] });
    // the UPDATE changed rows: the playground is saved with them
    expect(read.snapshot).not.toBeNull();
  });

  test("a failing statement stops the rest and says which it was; those before it stay", async () => {
    const host = await openHost();
    const failed = await host.query("CREATE TABLE t (n INTEGER UNIQUE); INSERT INTO t VALUES (1); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)");
    expect(failed.ok).toBe(false);
    expect(failed.error).toBe("Statement 3 of 4 failed: UNIQUE constraint failed: t.n. The 2 statements before it ran.");
    expect(failed.snapshot!.tables.find((t) => t.name === "t")!.rowCount).toBe(1);
    expect(await host.query("-- nothing here\n;")).toMatchObject({ ok: false, error: "There is no SQL statement to run: the text is empty or only comments." });
  });
});

describe("start: the worker opens the playground it read from storage, the page's thread not involved", () => {
  test("a saved playground opens as it was saved; the record comes back without its database, which stays in the worker", async () => {
    const source = await openHost();
    await source.command(["migrate", "-m", "initial"], noProgress);
    await source.command(["upgrade"], noProgress);
    await source.query("INSERT INTO roles (name) VALUES ('admin')");
    const saved = source.exportWorkspace();
    const record = { format: 2, id: "pg1", title: "Mine", createdAt: 1, updatedAt: 2, saveCount: 3, files: saved.files, database: saved.database, ui: { openTabs: [], activeTab: null, selectedRevision: null } };
    const host = new EngineHost(bindEngine({ random: seeded(), clock: () => new Date("2026-11-22T05:00:00Z") }), async () => record);
    const started = await host.start("Tutorial playground");
    expect(started.record).toEqual({ ...record, database: null });
    expect(started.snapshot.title).toBe("Mine");
    expect(started.snapshot.tables.find((t) => t.name === "roles")?.rowCount).toBe(1);
    expect(host.exportWorkspace().database).toEqual(saved.database);
  });

  test("with nothing saved, or storage that refuses the read, a new playground opens: a first visit", async () => {
    for (const latest of [async () => null, () => Promise.reject(new Error("storage refused"))]) {
      const host = new EngineHost(bindEngine({ random: seeded(), clock: () => new Date("2026-11-22T05:00:00Z") }), latest);
      const started = await host.start("Tutorial playground");
      expect(started.record).toBeNull();
      expect(started.snapshot.title).toBe("Tutorial playground");
      expect(started.snapshot.files["models.ts"]).toContain("class User");
    }
  });
});
