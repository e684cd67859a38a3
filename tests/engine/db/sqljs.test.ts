import { describe, expect, test } from "vitest";
import initSqlJs from "sql.js";
import { openSqlJs, withGrowthRoom } from "../../../src/engine/db/sqljs";

const REBUILD = "BEGIN; CREATE TABLE u AS SELECT * FROM t; DROP TABLE t; ALTER TABLE u RENAME TO t; COMMIT;";

async function bigDatabase(): Promise<Uint8Array> {
  const db = await openSqlJs();
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)");
  db.exec("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 20000) INSERT INTO t SELECT i, printf('%0100d', i) FROM c");
  return db.export();
}

describe("sql.js binding", () => {
  test("a large file gets room to grow, which SQLite ignores: rows, integrity and the exported size are unchanged", async () => {
    const bytes = await bigDatabase();
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    expect(withGrowthRoom(bytes).length).toBe(bytes.length * 2);
    const db = await openSqlJs(bytes);
    expect(db.query("PRAGMA integrity_check").rows).toEqual([["ok"]]);
    expect(db.query("SELECT count(*), sum(id) FROM t").rows).toEqual([[20000, 200010000]]);
    db.exec(REBUILD);
    const after = db.export();
    const plain = new (await initSqlJs()).Database(bytes);
    plain.exec(REBUILD);
    expect(Buffer.from(after).equals(Buffer.from(plain.export()))).toBe(true);
    const reopened = await openSqlJs(after);
    expect(reopened.query("PRAGMA integrity_check").rows).toEqual([["ok"]]);
    expect(reopened.query("SELECT count(*) FROM t").rows).toEqual([[20000]]);
  });

  test("a file whose header does not vouch for its page count, or a small one, is left as it is", async () => {
    const bytes = await bigDatabase();
    const stale = bytes.slice();
    stale[95] = stale[95]! ^ 0xff; // version-valid-for no longer matches the change counter
    expect(withGrowthRoom(stale)).toBe(stale);
    const small = (await openSqlJs()).export();
    expect(withGrowthRoom(small)).toBe(small);
  });

  test("every connection keeps its journal in memory with a larger page cache, also after an export", async () => {
    const db = await openSqlJs(await bigDatabase());
    const tuning = () => [db.query("PRAGMA journal_mode").rows[0]![0], db.query("PRAGMA cache_size").rows[0]![0]];
    expect(tuning()).toEqual(["memory", -65536]);
    db.export();
    expect(tuning()).toEqual(["memory", -65536]);
  });

  test("a rollback in the memory journal restores the rows and the schema byte for byte", async () => {
    const bytes = await bigDatabase();
    const db = await openSqlJs(bytes);
    const before = db.export();
    db.exec("BEGIN");
    db.exec("CREATE TABLE u AS SELECT * FROM t");
    db.exec("DELETE FROM t WHERE id % 2 = 0");
    db.exec("DROP TABLE u");
    db.exec("ROLLBACK");
    expect(Buffer.from(db.export()).equals(Buffer.from(before))).toBe(true);
    expect(db.query("SELECT count(*) FROM t").rows).toEqual([[20000]]);
  });

  test("an export keeps the connection's foreign_keys setting, whichever it was", async () => {
    const db = await openSqlJs();
    const foreignKeys = () => db.query("PRAGMA foreign_keys").rows[0]![0];
    db.exec("PRAGMA foreign_keys=ON");
    db.export();
    expect(foreignKeys()).toBe(1);
    db.exec("PRAGMA foreign_keys=OFF");
    db.export();
    expect(foreignKeys()).toBe(0);
  });
});
