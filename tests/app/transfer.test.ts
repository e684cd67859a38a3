// Export and import in Node: a zip round trip through a new playground, the database file, and the
// offline SQL of a range without Alembic's log lines.
import { expect, test } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { databaseDownload, fileStem, flaskProjectDownload, importZip, newRevisionsDownload, sqlDownload, sqlRangeArgv, zipDownload } from "../../src/app/transfer";
import { uniqueTitle } from "../../src/app/library.svelte";
import { openSqlJs as openDatabase, type Database } from "../../src/engine/index";
import { openTab, startTab } from "./support/app-harness";

test("file names come from the title", () => {
  expect(fileStem("Tutorial playground (copy)")).toBe("tutorial-playground-copy");
  expect(fileStem("<>")).toBe("playground");
  expect(sqlRangeArgv("", "")).toEqual(["upgrade", "base:head", "--sql"]);
  expect(sqlRangeArgv("abc", "def")).toEqual(["upgrade", "abc:def", "--sql"]);
});

test("a zip of a playground imports back as a new playground with the same files, rows and revision", async () => {
  const tab = openTab();
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.playground.run(["upgrade"]);
  const before = tab.playground.snapshot!;
  const id = tab.library.currentId;
  const zip = await zipDownload(await tab.playground.exportWorkspace());
  expect(zip.name).toBe("tutorial-playground.zip");

  const read = await importZip(zip.bytes, zip.name);
  if (!read.ok) throw new Error(read.message);
  await tab.library.openWorkspace(read.playground);
  expect(tab.library.currentId).not.toBe(id);
  // The zip holds the playground's own files (models and scripts), as the CLI's folder does.
  const own = (files: Readonly<Record<string, string>>) => Object.entries(files).filter(([p]) => p === "models.ts" || p.startsWith("migrations/versions/"));
  expect(own(tab.playground.snapshot!.files)).toEqual(own(before.files));
  expect(own(before.files)).toHaveLength(2);
  expect(tab.playground.snapshot!.tables.map((t) => t.name)).toEqual(before.tables.map((t) => t.name));
  expect(tab.playground.snapshot!.history.current).toEqual(before.history.current);
  expect((await tab.store.list()).map((p) => p.title).sort()).toEqual(["Tutorial playground", "Tutorial playground (imported)"]);
  expect(tab.library.currentTitle).toBe("Tutorial playground (imported)");
  expect(await importZip(new Uint8Array([1, 2, 3]), "bad.zip")).toMatchObject({ ok: false, message: expect.stringMatching(/^'bad.zip' was not imported: /) });
});

test("the database downloads as a .sqlite file; before any command there is none, and it says so", async () => {
  expect(databaseDownload({ title: "T", database: null })).toMatch(/no database yet/);
  const tab = openTab();
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.playground.run(["upgrade"]);
  const file = databaseDownload(await tab.playground.exportWorkspace());
  if (typeof file === "string") throw new Error(file);
  expect(file.name).toBe("tutorial-playground.sqlite");
  expect(new TextDecoder().decode(file.bytes.slice(0, 15))).toBe("SQLite format 3");
});

test("the .sqlite download is compact: a 2-row database after a big delete is small and opens with the same schema and rows", async () => {
  const tab = openTab();
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.playground.run(["upgrade"]);
  await tab.playground.guarded({ kind: "query", sql: "INSERT INTO roles (name) VALUES ('admin'), ('staff')" });
  const fresh = (await tab.playground.exportWorkspace()).database!.length;
  const fill = "INSERT INTO roles (name) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 20000) SELECT printf('%0200d', x) FROM c";
  await tab.playground.guarded({ kind: "query", sql: fill });
  await tab.playground.guarded({ kind: "query", sql: "DELETE FROM roles WHERE id > 2" });
  const live = await tab.playground.exportWorkspace();
  // the freed pages stay in the file until a VACUUM: the playground's own bytes are large
  expect(live.database!.length).toBeGreaterThan(1_000_000);

  const file = databaseDownload(await tab.playground.exportDatabase());
  if (typeof file === "string") throw new Error(file);
  // one page per table and index (4 KiB each, 36 KiB for the tutorial), as before the big insert
  expect(file.bytes.length).toBeLessThanOrEqual(fresh);
  expect(file.bytes.length).toBeLessThan(40_000);
  const db = await openDatabase(file.bytes);
  const schema = (d: Database) => d.query("SELECT type, name, sql FROM sqlite_master ORDER BY name").rows;
  const original = await openDatabase(live.database!);
  expect(schema(db)).toEqual(schema(original));
  expect(db.query("SELECT * FROM roles").rows).toEqual(original.query("SELECT * FROM roles").rows);
  expect(db.query("SELECT * FROM alembic_version").rows).toEqual(original.query("SELECT * FROM alembic_version").rows);
  // the playground itself is left as it was
  const after = (await tab.playground.exportWorkspace()).database!;
  expect(Buffer.compare(after, live.database!)).toBe(0);
});

test("the SQL of a range is upgrade --sql's output without the log lines; a bad range says why", async () => {
  const tab = openTab();
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  const result = await tab.playground.run(sqlRangeArgv("base", "head"));
  expect(result.lines.some((l) => l.log)).toBe(true);
  const file = sqlDownload("T", "base", "head", result);
  if (typeof file === "string") throw new Error(file);
  const sql = new TextDecoder().decode(file.bytes);
  expect(sql).toContain("CREATE TABLE alembic_version");
  expect(sql).toContain("CREATE TABLE roles");
  expect(sql).not.toContain("Generating static SQL");
  const bad = await tab.playground.run(sqlRangeArgv("nosuchrev", "head"));
  expect(sqlDownload("T", "nosuchrev", "head", bad)).toMatch(/could not be made: /);
});

test("an imported title that is taken gets a suffix that is free", () => {
  expect(uniqueTitle("A", new Set(["B"]), "imported")).toBe("A");
  expect(uniqueTitle("A", new Set(["A", "A (imported)"]), "imported")).toBe("A (imported 2)");
});

test("Export as Flask project: a zip of app.py, models.py and migrations/ with each revision as a .py script", async () => {
  const tab = openTab();
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first", "--rev-id", "aaaa00000001"]);
  const file = await flaskProjectDownload(await tab.playground.exportWorkspace(), new Date(2026, 11, 7));
  if (typeof file === "string") throw new Error(file);
  expect(file.name).toBe("tutorial-playground-flask.zip");
  const entries = unzipSync(file.bytes);
  expect(Object.keys(entries).sort()).toEqual([
    "app.py",
    "migrations/README",
    "migrations/alembic.ini",
    "migrations/env.py",
    "migrations/script.py.mako",
    "migrations/versions/",
    "migrations/versions/aaaa00000001_first.py",
    "models.py",
  ]);
  expect(strFromU8(entries["migrations/versions/aaaa00000001_first.py"]!)).toMatch(/^"""first\n\nRevision ID: aaaa00000001\n[^]*\ndef upgrade\(\):\n    # ### commands auto generated by Alembic - please adjust! ###\n    op\.create_table\(/);
});

test("Export new revisions as .py: one script alone, several as migrations/versions/ in a zip, none said so", async () => {
  const tab = openTab();
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first", "--rev-id", "aaaa00000001"]);
  await tab.playground.run(["upgrade"]);
  await tab.playground.run(["revision", "-m", "second", "--rev-id", "aaaa00000002"]);
  await tab.playground.run(["revision", "-m", "third", "--rev-id", "aaaa00000003"]);
  const ws = await tab.playground.exportWorkspace();
  const now = new Date(2026, 11, 7);

  const one = await newRevisionsDownload(ws, "aaaa00000002", now);
  if (typeof one === "string") throw new Error(one);
  expect(one.name).toBe("aaaa00000003_third.py");
  expect(new TextDecoder().decode(one.bytes)).toContain("revision = 'aaaa00000003'\ndown_revision = 'aaaa00000002'\n");

  const two = await newRevisionsDownload(ws, "aaaa00000001", now);
  if (typeof two === "string") throw new Error(two);
  expect(two.name).toBe("tutorial-playground-new-revisions.zip");
  expect(Object.keys(unzipSync(two.bytes)).sort()).toEqual(["migrations/versions/aaaa00000002_second.py", "migrations/versions/aaaa00000003_third.py"]);

  expect(await newRevisionsDownload(ws, "aaaa00000003", now)).toBe(
    "The new revisions could not be exported: No revision comes after aaaa00000003: it is a head. Make a new revision first.",
  );
});
