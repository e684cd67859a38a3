// The database port's contract, which every binding Retort ships must keep the same way: the
// engine's results may not depend on which SQLite runs underneath. Runs once per binding
// (vitest.config.ts projects); the SQLite defaults checked here are those of Python's sqlite3,
// which real Flask-Migrate uses.
import { describe, expect, test } from "vitest";
import { openTestDatabase, TEST_BINDING } from "../../binding";

describe(`the database port on ${TEST_BINDING}`, () => {
  test("a double-quoted word that names no column is a string, in queries and in DDL (SQLite's default)", async () => {
    const db = await openTestDatabase();
    expect(db.query(`SELECT "admin" AS role`).rows).toEqual([["admin"]]);
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, role TEXT DEFAULT "user")`);
    db.exec("INSERT INTO t (id) VALUES (1)");
    db.exec(`UPDATE t SET role = "admin" WHERE id = 1`);
    expect(db.query("SELECT role FROM t").rows).toEqual([["admin"]]);
  });

  test("foreign keys start off, and defensive mode is off (writable_schema works)", async () => {
    const db = await openTestDatabase();
    expect(db.query("PRAGMA foreign_keys").rows).toEqual([[0]]);
    db.exec("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id))");
    db.exec("INSERT INTO c VALUES (1, 42)");
    db.exec("PRAGMA writable_schema=ON");
    db.exec("UPDATE sqlite_master SET sql = replace(sql, 'p_id INTEGER', 'p_id BIGINT') WHERE name = 'c'");
    db.exec("PRAGMA writable_schema=OFF");
    expect(db.query("SELECT count(*) FROM c").rows).toEqual([[1]]);
  });

  test("values come back as sql.js gives them: numbers, strings, null and plain Uint8Array blobs", async () => {
    const db = await openTestDatabase();
    db.exec("CREATE TABLE v (i INTEGER, r REAL, s TEXT, b BLOB, n)");
    db.exec("INSERT INTO v VALUES (?, ?, ?, ?, ?)", [9007199254740991, 1.5, "x'y", new Uint8Array([0, 1, 255]), null]);
    const { columns, rows } = db.query("SELECT * FROM v");
    expect(columns).toEqual(["i", "r", "s", "b", "n"]);
    expect(rows).toEqual([[9007199254740991, 1.5, "x'y", new Uint8Array([0, 1, 255]), null]]);
    expect(Object.getPrototypeOf(rows[0]![3])).toBe(Uint8Array.prototype);
  });

  test("whole numbers bind as integers and fractions as reals, as sql.js and Python's sqlite3 bind them", async () => {
    const db = await openTestDatabase();
    expect(db.query("SELECT typeof(?), typeof(?), typeof(?), typeof(?)", [5, -7, 0, 1.5]).rows).toEqual([["integer", "integer", "integer", "real"]]);
    db.exec("CREATE TABLE t (s TEXT, v VARCHAR(10), b BLOB)");
    db.exec("INSERT INTO t VALUES (?, ?, ?)", [3, 42, 7]);
    expect(db.query("SELECT s, v, b, typeof(b) FROM t").rows).toEqual([["3", "42", 7, "integer"]]);
  });

  test("a query that finds nothing still names its columns; a statement that returns nothing gives no rows", async () => {
    const db = await openTestDatabase();
    db.exec("CREATE TABLE t (a INTEGER, b TEXT)");
    expect(db.query("SELECT a, b FROM t WHERE a > ?", [1])).toEqual({ columns: ["a", "b"], rows: [] });
    expect(db.query("INSERT INTO t VALUES (1, 'one')").rows).toEqual([]);
    expect(db.query("SELECT count(*) AS n FROM t").rows).toEqual([[1]]);
  });

  test("changes() counts the last INSERT, UPDATE or DELETE and outlives queries and DDL", async () => {
    const db = await openTestDatabase();
    db.exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2), (3)");
    expect(db.changes()).toBe(3);
    db.exec("UPDATE t SET a = a + 1 WHERE a > ?", [1]);
    expect(db.changes()).toBe(2);
    db.query("SELECT * FROM t");
    db.exec("CREATE INDEX ix_t_a ON t (a)");
    expect(db.changes()).toBe(2);
    db.exec("DELETE FROM t");
    expect(db.changes()).toBe(3);
  });

  test("SQLite's error words reach the caller unchanged", async () => {
    const db = await openTestDatabase();
    db.exec("CREATE TABLE u (email TEXT UNIQUE, name TEXT NOT NULL)");
    db.exec("INSERT INTO u VALUES ('a@x', 'a')");
    expect(() => db.exec("INSERT INTO u VALUES ('a@x', 'b')")).toThrow("UNIQUE constraint failed: u.email");
    expect(() => db.exec("INSERT INTO u (email) VALUES (?)", ["b@x"])).toThrow("NOT NULL constraint failed: u.name");
    expect(() => db.query("SELECT nope FROM u")).toThrow("no such column: nope");
  });

  test("a rollback undoes DDL and rows; an export mid-transaction is refused; a file round-trips", async () => {
    const db = await openTestDatabase();
    db.exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1)");
    db.exec("BEGIN");
    db.exec("CREATE TABLE _alembic_tmp_t AS SELECT * FROM t; DROP TABLE t");
    expect(() => db.export()).toThrow();
    db.exec("ROLLBACK");
    expect(db.query("SELECT name FROM sqlite_master").rows).toEqual([["t"]]);
    const bytes = db.export();
    expect(new TextDecoder().decode(bytes.slice(0, 15))).toBe("SQLite format 3");
    const copy = await openTestDatabase(bytes);
    expect(copy.query("SELECT a FROM t").rows).toEqual([[1]]);
    copy.close();
  });

  test("the bytes of a WAL-mode file (after a checkpoint) open with their rows", async () => {
    const db = await openTestDatabase();
    db.exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (7)");
    const wal = db.export().slice();
    wal[18] = 2;
    wal[19] = 2;
    const opened = await openTestDatabase(wal);
    expect(opened.query("SELECT a FROM t").rows).toEqual([[7]]);
  });
});
