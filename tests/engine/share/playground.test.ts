// shareWorkspace / openSharedPlayground on real workspaces made by runCommand and real sql.js
// databases: round trips, the budgets, and every refusal.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { openTestDatabase } from "../../binding";
import { decodeShareFragment, encodeShareFragment, type SharedPlayground } from "../../../src/engine/share/link";
import { openSharedPlayground, ROWS_BUDGET_CHARS, shareWorkspace, TOO_LARGE_CHARS } from "../../../src/engine/share/playground";
import { withFile, type Workspace } from "../../../src/engine/workspace/workspace";
import { query, session, tutorialModels } from "../commands/helpers";

const deps = { openDatabase: openTestDatabase };

/** The seeds' tutorial: initial migration, upgrade, then the email column, upgrade, and a handful of rows. */
async function tutorial(): Promise<Workspace> {
  const s = session(tutorialModels(), ["33aeb0bd3217", "bb3d8d9c1e22"]);
  await s.run("init");
  await s.run("migrate", "-m", "initial migration");
  await s.run("upgrade");
  s.ws = withFile(s.ws, "models.ts", tutorialModels({ email: true }));
  await s.run("migrate", "-m", "add email");
  await s.run("upgrade");
  return withRows(s.ws, [
    "INSERT INTO roles (id, name) VALUES (1, 'Admin'), (2, 'User')",
    "INSERT INTO users (id, username, email, role_id) VALUES (1, 'john', 'john@example.com', 1), (2, 'susan', 'susan@example.com', 2), (3, 'david', NULL, 2)",
  ]);
}

async function withRows(ws: Workspace, statements: readonly string[], params: readonly (readonly (string | number | Uint8Array | null)[])[] = []): Promise<Workspace> {
  const db = await openTestDatabase(ws.database ?? undefined);
  for (const sql of statements) db.exec(sql);
  for (const p of params) db.exec("INSERT INTO roles (id, name) VALUES (?, ?)", p);
  const bytes = db.export();
  db.close();
  return { ...ws, database: bytes };
}

/** What a `sqlite3 .dump` compares: every object's DDL and every table's rows. */
async function dump(ws: Workspace): Promise<unknown> {
  const objects = await query(ws, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name");
  const tables = objects.filter((o) => o[0] === "table").map((o) => String(o[1]));
  const rows: Record<string, unknown> = {};
  for (const t of tables) rows[t] = await query(ws, `SELECT * FROM "${t.replace(/"/g, '""')}" ORDER BY 1`);
  return { objects, rows };
}

const versions = (ws: Workspace) => Object.fromEntries(Object.entries(ws.files).filter(([p]) => p.startsWith("migrations/versions/") || p === "models.ts"));

async function sharedOf(ws: Workspace): Promise<SharedPlayground> {
  const decoded = await decodeShareFragment((await shareWorkspace(ws, deps)).fragment);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.playground;
}

async function openEdited(ws: Workspace, edit: (p: SharedPlayground) => SharedPlayground) {
  return openSharedPlayground(await encodeShareFragment(edit(await sharedOf(ws))), deps);
}

describe("share and open", () => {
  test("the tutorial's link is at most 2,000 characters and reopens as the same database, files and revision", async () => {
    const ws = await tutorial();
    const shared = await shareWorkspace(ws, deps);
    expect(shared.fragment.length).toBeLessThanOrEqual(2000);
    expect(shared).toMatchObject({ rowsLeftOut: false, tooLarge: false, heads: ["bb3d8d9c1e22"] });
    const opened = await openSharedPlayground(shared.fragment, deps);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.notes).toEqual([]);
    expect(await dump(opened.workspace)).toEqual(await dump(ws));
    expect(versions(opened.workspace)).toEqual(versions(ws));
    expect(await query(opened.workspace, "SELECT version_num FROM alembic_version")).toEqual([["bb3d8d9c1e22"]]);
  });

  test("a database behind its head reopens at the same revision, with the later script present", async () => {
    const s = session(tutorialModels(), ["33aeb0bd3217", "bb3d8d9c1e22"]);
    await s.run("init");
    await s.run("migrate", "-m", "initial migration");
    await s.run("upgrade");
    s.ws = withFile(s.ws, "models.ts", tutorialModels({ email: true }));
    await s.run("migrate", "-m", "add email");
    const ws = await withRows(s.ws, [], [[4, "behind"]]);
    const opened = await openSharedPlayground((await shareWorkspace(ws, deps)).fragment, deps);
    if (!opened.ok) throw new Error(opened.message);
    expect(await dump(opened.workspace)).toEqual(await dump(ws));
    expect(Object.keys(versions(opened.workspace)).sort()).toEqual(Object.keys(versions(ws)).sort());
  });

  test("blobs, reals, NULLs and markup come back as data", async () => {
    const ws = await withRows({ ...(await tutorial()), title: "<img src=x onerror=alert(1)>" }, [], [[10, "<script>alert(1)</script>"], [11, "'); DROP TABLE roles; --"]]);
    const withBlob = await withRows(ws, ["INSERT INTO users (id, username, email, role_id) VALUES (9, 2.5, x'00ff10', NULL)"]);
    const opened = await openSharedPlayground((await shareWorkspace(withBlob, deps)).fragment, deps);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.workspace.title).toBe("<img src=x onerror=alert(1)>");
    expect(await dump(opened.workspace)).toEqual(await dump(withBlob));
  });

  test("a data migration's rows are replaced by the shared rows, not doubled", async () => {
    const ws = await tutorial();
    const path = Object.keys(ws.files).find((p) => p.includes("initial_migration"))!;
    // the last statement of upgrade(): after the tables exist
    const seeded = ws.files[path]!.replace(/\n\}\n(?=[\s\S]*export function downgrade)/, `\n  op.execute("INSERT INTO roles (id, name) VALUES (99, 'seeded')");\n}\n`);
    expect(seeded).not.toBe(ws.files[path]);
    const fragment = await encodeShareFragment({ ...(await sharedOf(ws)), scripts: { ...(await sharedOf(ws)).scripts, [path.slice("migrations/versions/".length)]: seeded } });
    const opened = await openSharedPlayground(fragment, deps);
    if (!opened.ok) throw new Error(opened.message);
    expect(await query(opened.workspace, "SELECT id, name FROM roles ORDER BY id")).toEqual([[1, "Admin"], [2, "User"]]);
  });
});

describe("rebuilding", () => {
  test("rows go in parents first, so a connection with foreign_keys=ON accepts them in any order in the link", async () => {
    const withForeignKeys = async (bytes?: Uint8Array) => {
      const db = await openTestDatabase(bytes);
      db.exec("PRAGMA foreign_keys = ON");
      return db;
    };
    const ws = await tutorial();
    const shared = await sharedOf(ws);
    // children first in the link: a fill in link order would break the foreign key of users.role_id
    const reordered = { users: shared.rows!["users"]!, roles: shared.rows!["roles"]! };
    const opened = await openSharedPlayground(await encodeShareFragment({ ...shared, rows: reordered }), { openDatabase: withForeignKeys });
    if (!opened.ok) throw new Error(opened.message);
    expect(await dump(opened.workspace)).toEqual(await dump(ws));
  });

  test("a table and columns named with quotes and markup round-trip as names, never as SQL or HTML", async () => {
    const models = `import { SQLAlchemy } from "retort";

const db = new SQLAlchemy();

export class Odd extends db.Model {
  static __tablename__ = 'odd "<b>name</b>"';
  id = db.Column(db.Integer, { primaryKey: true });
  label = db.Column("x\\"); DROP TABLE y; --", db.String(20));
}
`;
    const s = session(models, ["cccc00000003"]);
    await s.run("init");
    expect((await s.run("migrate", "-m", "odd")).exitCode).toBe(0);
    expect((await s.run("upgrade")).exitCode).toBe(0);
    const db = await openTestDatabase(s.ws.database!);
    db.exec(`INSERT INTO "odd ""<b>name</b>""" VALUES (1, '<script>x</script>')`);
    const ws = { ...s.ws, database: db.export() };
    db.close();
    const opened = await openSharedPlayground((await shareWorkspace(ws, deps)).fragment, deps);
    if (!opened.ok) throw new Error(opened.message);
    expect(await dump(opened.workspace)).toEqual(await dump(ws));
    expect(await query(opened.workspace, `SELECT * FROM "odd ""<b>name</b>"""`)).toEqual([[1, "<script>x</script>"]]);
  });

  test("two branch heads are both reached again", async () => {
    const s = session(tutorialModels(), ["aaaa00000001", "bbbb00000002"]);
    await s.run("init");
    await s.run("revision", "-m", "one");
    expect((await s.run("revision", "-m", "two", "--head", "base", "--branch-label", "other")).exitCode).toBe(0);
    expect((await s.run("upgrade", "heads")).exitCode).toBe(0);
    const shared = await shareWorkspace(s.ws, deps);
    expect([...shared.heads].sort()).toEqual(["aaaa00000001", "bbbb00000002"]);
    const opened = await openSharedPlayground(shared.fragment, deps);
    if (!opened.ok) throw new Error(opened.message);
    expect(await query(opened.workspace, "SELECT version_num FROM alembic_version ORDER BY 1")).toEqual([["aaaa00000001"], ["bbbb00000002"]]);
  });

  test("damaged links never throw: every mutation opens or is refused with a reason", async () => {
    const fragment = (await shareWorkspace(await tutorial(), deps)).fragment;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 4, max: fragment.length - 1 }), fc.constantFrom(..."AZaz09-_@#%"), fc.boolean(), async (at, ch, cut) => {
        const damaged = cut ? fragment.slice(0, at) : fragment.slice(0, at) + ch + fragment.slice(at + 1);
        const result = await openSharedPlayground(damaged, deps);
        expect(result.ok || (typeof result.reason === "string" && result.message.length > 20)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe("budgets", () => {
  /** n rows of pseudo-random text (a Park–Miller stream), which deflate cannot shrink much. */
  const noise = (n: number) => {
    let s = 12345;
    const next = () => (s = (s * 16807) % 2147483647);
    return Array.from({ length: n }, (_, i) => [100 + i, Array.from({ length: 6 }, () => next().toString(36)).join("")]);
  };

  test("rows that would make the link longer than the budget are left out, and opening says so", async () => {
    const ws = await withRows(await tutorial(), [], noise(3000));
    const shared = await shareWorkspace(ws, deps);
    expect(shared.rowsLeftOut).toBe(true);
    expect(shared.tooLarge).toBe(false);
    expect(shared.fragment.length).toBeLessThanOrEqual(ROWS_BUDGET_CHARS);
    const opened = await openSharedPlayground(shared.fragment, deps);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.notes.join(" ")).toMatch(/rows did not fit/);
    expect(await query(opened.workspace, "SELECT count(*) FROM roles")).toEqual([[0]]);
    expect(await query(opened.workspace, "SELECT version_num FROM alembic_version")).toEqual([["bb3d8d9c1e22"]]);
  });

  test("a link far above the budget even without rows is marked too large (offer the zip instead)", async () => {
    const ws = await tutorial();
    const big = noise(4000).map((r) => `// ${String(r[1])}`).join("\n");
    const shared = await shareWorkspace(withFile(ws, "models.ts", `${ws.files["models.ts"]!}\n${big}\n`), deps);
    expect(shared.fragment.length).toBeGreaterThan(TOO_LARGE_CHARS);
    expect(shared).toMatchObject({ rowsLeftOut: true, tooLarge: true });
  });
});

describe("refusals", () => {
  test("the format's refusals pass through with their reason", async () => {
    const fragment = (await shareWorkspace(await tutorial(), deps)).fragment;
    expect(await openSharedPlayground("#r1.@@@", deps)).toMatchObject({ ok: false, reason: "damaged" });
    expect(await openSharedPlayground(fragment.slice(0, fragment.length - 40), deps)).toMatchObject({ ok: false, reason: "truncated" });
    expect(await openSharedPlayground(`#r2.${fragment.slice(4)}`, deps)).toMatchObject({ ok: false, reason: "unknown-version" });
    expect(await openSharedPlayground(`#r1.${"A".repeat(1_000_001)}`, deps)).toMatchObject({ ok: false, reason: "too-large" });
    const markupName = await openEdited(await tutorial(), (p) => ({ ...p, scripts: { "<script>alert(1)</script>.ts": "" } }));
    expect(markupName).toMatchObject({ ok: false, reason: "invalid", message: expect.stringMatching(/not a migration file name/) });
  });

  test("a script that does not parse is refused naming its file and line", async () => {
    const result = await openEdited(await tutorial(), (p) => {
      const [name, source] = Object.entries(p.scripts)[0]!;
      return { ...p, scripts: { ...p.scripts, [name]: source.replace("export function upgrade()", "export function upgrade() {{") } };
    });
    expect(result).toMatchObject({ ok: false, reason: "script", message: expect.stringMatching(/migrations\/versions\/\w+\.ts:\d+:\d+: /) });
  });

  test("models that do not parse are refused naming the line", async () => {
    const result = await openEdited(await tutorial(), (p) => ({ ...p, models: `${p.models}\nexport class {\n` }));
    expect(result).toMatchObject({ ok: false, reason: "models", message: expect.stringMatching(/models\.ts:\d+:\d+: Syntax error/) });
  });

  test("a revision cycle and a missing revision are refused with the revision map's words", async () => {
    const ws = await tutorial();
    const cycle = await openEdited(ws, (p) => ({
      ...p,
      scripts: Object.fromEntries(Object.entries(p.scripts).map(([n, s]) => [n, s.replace(/down_revision = None|downRevision = null|down_revision = null/, 'downRevision = "bb3d8d9c1e22"')])),
    }));
    expect(cycle).toMatchObject({ ok: false, reason: "revisions", message: expect.stringMatching(/Cycle is detected in revisions/) });
    const missing = await openEdited(ws, (p) => ({ ...p, scripts: Object.fromEntries(Object.entries(p.scripts).filter(([n]) => !n.startsWith("33aeb0bd3217"))) }));
    expect(missing).toMatchObject({ ok: false, reason: "revisions", message: expect.stringMatching(/Revision 33aeb0bd3217 referenced from .* is not present/) });
    const noHead = await openEdited(ws, (p) => ({ ...p, heads: ["0123456789ab"] }));
    expect(noHead).toMatchObject({ ok: false, reason: "revisions", message: expect.stringMatching(/"0123456789ab" is not one of its migration scripts/) });
  });

  test("a migration that fails, and rows that do not fit the schema, are refused", async () => {
    const ws = await tutorial();
    const failing = await openEdited(ws, (p) => ({
      ...p,
      scripts: Object.fromEntries(Object.entries(p.scripts).map(([n, s]) => [n, n.startsWith("bb3d") ? s.replace(/(export function upgrade\(\)[^{]*\{)/, `$1\n  op.execute("INSERT INTO nowhere VALUES (1)");`) : s])),
    }));
    expect(failing).toMatchObject({ ok: false, reason: "upgrade", message: expect.stringMatching(/do not upgrade to bb3d8d9c1e22: .*nowhere/) });
    const unknownTable = await openEdited(ws, (p) => ({ ...p, rows: { ...p.rows, "<b>ghost</b>": { columns: ["x"], rows: [[1]] } } }));
    expect(unknownTable).toMatchObject({ ok: false, reason: "rows", message: expect.stringMatching(/"<b>ghost<\/b>" that its migrations do not create/) });
    const duplicate = await openEdited(ws, (p) => ({ ...p, rows: { ...p.rows, roles: { columns: ["id", "name"], rows: [[1, "a"], [1, "b"]] } } }));
    expect(duplicate).toMatchObject({ ok: false, reason: "rows", message: expect.stringMatching(/table "roles" refused them .*UNIQUE/) });
    const coerced = await openEdited(ws, (p) => ({ ...p, rows: { ...p.rows, roles: { columns: ["id", "name"], rows: [["7", "a"]] } } }));
    expect(coerced).toMatchObject({ ok: false, reason: "rows", message: expect.stringMatching(/did not come back as shared in "roles"/) });
  });
});

describe("golden links", () => {
  test("a format-1 link made by this version keeps opening", async () => {
    const fragment = readFileSync(join(__dirname, "fixtures/golden-r1.txt"), "utf8").trim();
    const opened = await openSharedPlayground(fragment, deps);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.workspace.title).toBe("Golden tutorial");
    expect(await query(opened.workspace, "SELECT version_num FROM alembic_version")).toEqual([["bb3d8d9c1e22"]]);
    expect(await query(opened.workspace, "SELECT id, username, email, role_id FROM users ORDER BY id")).toEqual([
      [1, "john", "john@example.com", 1], [2, "susan", "susan@example.com", 2], [3, "david", null, 2],
    ]);
    expect(await query(opened.workspace, "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")).toEqual([["ix_users_username"]]);
  });
});
