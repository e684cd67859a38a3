// The native binding on files (src/cli/database-file.ts): bytes read from app.db (or a reference
// to it) open as a copy of app.db, the copy's export is a reference to the copy, writing it is a
// rename, and a copy that is not renamed is deleted. app.db itself is never written.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { databaseBytes, fileBackedOpen, fileHolding, readDatabaseFile, referToDatabaseFile, removeStaleCopies, renameCopyOver } from "../../src/cli/database-file";
import { readProject, writeProject } from "../../src/cli/project";
import { loadNativeSqlite, type NativeBinding } from "../../src/cli/native/sqlite-native";
import { openTestDatabase } from "../binding";

function native(): NativeBinding {
  const loaded = loadNativeSqlite();
  if (!loaded.ok) throw new Error(`the native binding does not load: ${loaded.reason}`);
  return loaded;
}

async function appDb(): Promise<{ dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), "retort-dbfile-"));
  const db = await openTestDatabase();
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT); INSERT INTO t VALUES (1, 'one')");
  const path = join(dir, "app.db");
  writeFileSync(path, db.export());
  return { dir, path };
}

const tempsIn = (dir: string) => readdirSync(dir).filter((f) => f.includes(".tmp"));

describe("app.db on disk for the native binding", () => {
  test("a change goes to a copy; the export refers to the copy, and a rename puts it in place", async () => {
    const { dir, path } = await appDb();
    const original = readFileSync(path);
    const bytes = readDatabaseFile(path)!;
    expect(fileHolding(bytes)).toBe(path);
    const files = fileBackedOpen(native());
    const db = await files.open(bytes);
    db.exec("INSERT INTO t VALUES (2, 'two')");
    const exported = db.export();
    db.close();
    expect(readFileSync(path).equals(original)).toBe(true);
    const copy = fileHolding(exported)!;
    expect(tempsIn(dir)).toEqual([copy.slice(dir.length + 1)]);
    expect(readFileSync(copy).equals(Buffer.from(databaseBytes(exported)))).toBe(true);
    expect(renameCopyOver(exported, path)).toBe(true);
    files.cleanUp();
    expect(tempsIn(dir)).toEqual([]);
    const reopened = await openTestDatabase(readFileSync(path));
    expect(reopened.query("SELECT s FROM t ORDER BY id").rows).toEqual([["one"], ["two"]]);
  });

  test("a copy that was not renamed (nothing changed, or the command failed) is deleted", async () => {
    const { dir, path } = await appDb();
    const files = fileBackedOpen(native());
    const db = await files.open(readDatabaseFile(path)!);
    db.exec("BEGIN; DELETE FROM t; ROLLBACK");
    db.close();
    expect(tempsIn(dir)).toHaveLength(1);
    files.cleanUp();
    expect(tempsIn(dir)).toEqual([]);
    expect(existsSync(path)).toBe(true);
  });

  test("bytes that came from no file, or no bytes, open in memory", async () => {
    const { dir } = await appDb();
    const files = fileBackedOpen(native());
    const fresh = await files.open();
    fresh.exec("CREATE TABLE x (a)");
    const exported = fresh.export();
    expect(fileHolding(exported)).toBeUndefined();
    expect(renameCopyOver(exported, join(dir, "app.db"))).toBe(false);
    expect(tempsIn(dir)).toEqual([]);
  });

  test("a user's journal_mode=WAL on the copy: export checkpoints, so no committed row is missing", async () => {
    const { path } = await appDb();
    const files = fileBackedOpen(native());
    const db = await files.open(readDatabaseFile(path)!);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("INSERT INTO t VALUES (3, 'three')");
    const exported = databaseBytes(db.export());
    db.close();
    files.cleanUp();
    const check = await openTestDatabase(exported);
    expect(check.query("SELECT count(*) FROM t").rows).toEqual([[2]]);
    expect(tempsIn(dirname(path))).toEqual([]);
  });

  test("where no copy can be made (a read-only folder, a full disk), the bytes open in memory", async () => {
    const { dir, path } = await appDb();
    // the copy's name taken by a folder: copying fails as it would in a read-only folder
    mkdirSync(join(dir, `.app.db.${process.pid}.0.tmp`));
    const files = fileBackedOpen(native());
    const bytes = readDatabaseFile(path)!;
    const db = await files.open(bytes);
    expect(db.query("SELECT s FROM t").rows).toEqual([["one"]]);
    db.exec("INSERT INTO t VALUES (2, 'two')");
    const exported = db.export();
    db.close();
    expect(renameCopyOver(exported, path)).toBe(false);
    files.cleanUp();
    expect(statSync(join(dir, `.app.db.${process.pid}.0.tmp`)).isDirectory()).toBe(true);
  });

  test("the CLI writes a changed database by renaming the copy, not by writing the bytes again", async () => {
    const { dir, path } = await appDb();
    const before = readProject(dir, "migrations");
    const files = fileBackedOpen(native());
    const db = await files.open(before.database!);
    db.exec("INSERT INTO t VALUES (2, 'two')");
    const exported = db.export();
    db.close();
    const copy = fileHolding(exported)!;
    const content = readFileSync(copy);
    writeProject(dir, "migrations", before, { ...before, database: exported });
    expect(existsSync(copy)).toBe(false);
    expect(readFileSync(path).equals(content)).toBe(true);
    files.cleanUp();
    expect(tempsIn(dir)).toEqual([]);
  });

  test("a db command's app.db is referred to, unread: it opens as a copy of app.db, and is read only on demand", async () => {
    const { dir, path } = await appDb();
    const before = readProject(dir, "migrations", "by reference");
    const reference = before.database!;
    expect(fileHolding(reference)).toBe(path);
    expect(Buffer.from(databaseBytes(reference)).equals(readFileSync(path))).toBe(true);
    const files = fileBackedOpen(native());
    const db = await files.open(reference);
    db.exec("INSERT INTO t VALUES (2, 'two')");
    const exported = db.export();
    db.close();
    writeProject(dir, "migrations", before, { ...before, database: exported });
    files.cleanUp();
    expect(tempsIn(dir)).toEqual([]);
    const reopened = await openTestDatabase(readFileSync(path));
    expect(reopened.query("SELECT s FROM t ORDER BY id").rows).toEqual([["one"], ["two"]]);
  });

  test("where no copy can be made, a reference to app.db opens app.db's content in memory, written back whole", async () => {
    const { dir, path } = await appDb();
    mkdirSync(join(dir, `.app.db.${process.pid}.0.tmp`));
    const before = readProject(dir, "migrations", "by reference");
    const files = fileBackedOpen(native());
    const db = await files.open(before.database!);
    expect(db.query("SELECT s FROM t").rows).toEqual([["one"]]);
    db.exec("INSERT INTO t VALUES (2, 'two')");
    const exported = db.export();
    db.close();
    writeProject(dir, "migrations", before, { ...before, database: exported });
    files.cleanUp();
    const reopened = await openTestDatabase(readFileSync(path));
    expect(reopened.query("SELECT s FROM t ORDER BY id").rows).toEqual([["one"], ["two"]]);
  });

  test("an empty or missing app.db is no database, by reference as when read", async () => {
    const { dir, path } = await appDb();
    writeFileSync(path, "");
    expect(referToDatabaseFile(path)).toBeNull();
    expect(referToDatabaseFile(join(dir, "missing.db"))).toBeNull();
  });

  test("a journal the user's pragmas leave next to a copy goes with it", async () => {
    const { dir, path } = await appDb();
    const files = fileBackedOpen(native());
    const db = await files.open(readDatabaseFile(path)!);
    db.exec("PRAGMA journal_mode=PERSIST");
    db.exec("INSERT INTO t VALUES (2, 'two')");
    db.close();
    expect(tempsIn(dir).some((f) => f.endsWith("-journal"))).toBe(true);
    files.cleanUp();
    expect(tempsIn(dir)).toEqual([]);
  });

  test("copies left by a killed run (Ctrl-C) are removed by the next one; a running one's are kept", async () => {
    const { dir, path } = await appDb();
    const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    const deadPid = Number(gone.stdout.trim());
    const stale = [`.app.db.${deadPid}.0.tmp`, `.app.db.${deadPid}.0.tmp-journal`, `.app.db.${deadPid}.tmp`];
    const live = `.app.db.${process.ppid}.0.tmp`;
    for (const name of [...stale, live, "notes.tmp"]) writeFileSync(join(dir, name), "x");
    removeStaleCopies(dir, "app.db");
    expect(tempsIn(dir).sort()).toEqual([live, "notes.tmp"].sort());
    const files = fileBackedOpen(native());
    (await files.open(readDatabaseFile(path)!)).close();
    files.cleanUp();
    expect(tempsIn(dir).sort()).toEqual([live, "notes.tmp"].sort());
  });
});
