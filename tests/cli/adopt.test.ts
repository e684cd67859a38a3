// `node bin/retort.js adopt FILE.sqlite [FOLDER]`: a project folder from the user's own file,
// which `db check` finds equal to its models.ts; the file itself is never written.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";
import { openTestDatabase } from "../binding";

const BIN = join(resolve(__dirname, "../.."), "bin/retort.js");

function retort(cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function writeDatabase(path: string, sql: string): Promise<void> {
  const db = await openTestDatabase();
  db.exec(sql);
  writeFileSync(path, db.export());
  db.close();
}

const SHOP = `CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(120) NOT NULL UNIQUE);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total NUMERIC(8, 2));
CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
INSERT INTO customers VALUES (1, 'ann@example.com');`;

test("adopt writes models.ts, the baseline and a stamped app.db; db check finds no changes", async () => {
  const dir = mkdtempSync(join(tmpdir(), "retort-adopt-"));
  await writeDatabase(join(dir, "shop.sqlite"), SHOP);
  const before = readFileSync(join(dir, "shop.sqlite"));
  const adopt = retort(dir, "adopt", "shop.sqlite");
  expect(adopt.code).toBe(0);
  expect(adopt.stdout).toMatch(/^Adopted shop\.sqlite into .*\/shop: models\.ts \(2 tables\), migrations\/ with the baseline [0-9a-f]{12}, and app\.db stamped at it\.\n/);
  expect(adopt.stderr).toContain("What models.ts only approximates (1):\n  - View 'big_orders' is kept in the database");
  expect(readdirSync(join(dir, "shop")).sort()).toEqual(["app.db", "migrations", "models.ts"]);
  expect(readFileSync(join(dir, "shop.sqlite"))).toEqual(before);
  const check = retort(join(dir, "shop"), "db", "check");
  expect(check.stdout).toContain("No new upgrade operations detected.");
  expect(check.code).toBe(0);
  const current = retort(join(dir, "shop"), "db", "current");
  const baseline = /baseline ([0-9a-f]{12})/.exec(adopt.stdout)![1]!;
  expect(current.stdout.trim()).toBe(`${baseline} (head)`);
});

test("a non-empty folder, a file that is not SQLite and a WAL file without its -wal are refused, and nothing is written", async () => {
  const dir = mkdtempSync(join(tmpdir(), "retort-adopt-"));
  await writeDatabase(join(dir, "shop.sqlite"), SHOP);
  mkdirSync(join(dir, "busy"));
  writeFileSync(join(dir, "busy/keep.txt"), "mine");
  const busy = retort(dir, "adopt", "shop.sqlite", "busy");
  expect(busy.code).toBe(1);
  expect(busy.stderr).toMatch(/^Error: the folder .*busy is not empty, and Retort never writes over a project\./);
  expect(readdirSync(join(dir, "busy"))).toEqual(["keep.txt"]);

  writeFileSync(join(dir, "notes.db"), "just some text\n");
  const text = retort(dir, "adopt", "notes.db");
  expect(text.code).toBe(1);
  expect(text.stderr).toMatch(/^Error: This file is not a SQLite database: its first bytes are "just some text\."/);

  const wal = readFileSync(join(dir, "shop.sqlite"));
  wal[18] = 2;
  wal[19] = 2;
  writeFileSync(join(dir, "wal.db"), wal);
  const walRun = retort(dir, "adopt", "wal.db");
  expect(walRun.stderr).toContain("this database is in WAL mode and its -wal file was not given");
  expect(readdirSync(dir).sort()).toEqual(["busy", "notes.db", "shop.sqlite", "wal.db"]);
});
