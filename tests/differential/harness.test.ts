// The harness itself: the normaliser must see every difference a user could see, and nothing
// else; the line filter must keep Alembic's words and order. Real sqlite3 files, no Flask needed.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { inDefinedOrder, runningAsSet, sharedLines } from "./harness/lines";
import { FLASK, normaliseDbs, PYTHON, requireFlask, runSql } from "./harness/sides";

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function dbWith(sqlText: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "retort-harness-"));
  made.push(dir);
  if (sqlText) {
    const result = await runSql(dir, sqlText);
    if (result.code !== 0) throw new Error(result.stderr);
  }
  return dir;
}

const USERS = "CREATE TABLE users (\n\tid INTEGER NOT NULL, \n\tname VARCHAR(20), \n\tPRIMARY KEY (id)";

describe("normalise.py", () => {
  test("two files built the same way normalise the same", async () => {
    const sqlText = `${USERS}\n);\nINSERT INTO users VALUES (1, 'ann');`;
    const [a, b] = await normaliseDbs([await dbWith(sqlText), await dbWith(sqlText)]);
    expect(a).toEqual(b);
  });

  test.each([
    ["a row", `${USERS}\n);\nINSERT INTO users VALUES (1, 'bob');`],
    ["a value's type (12 against '12')", `${USERS}\n);\nINSERT INTO users VALUES (1, 12);`],
    ["whitespace in the CREATE TABLE text", `CREATE TABLE users (\n\tid INTEGER NOT NULL,\n\tname VARCHAR(20), \n\tPRIMARY KEY (id)\n);\nINSERT INTO users VALUES (1, 'ann');`],
    ["the order of the columns", `CREATE TABLE users (\n\tname VARCHAR(20), \n\tid INTEGER NOT NULL, \n\tPRIMARY KEY (id)\n);\nINSERT INTO users VALUES ('ann', 1);`],
    ["an index", `${USERS}\n);\nINSERT INTO users VALUES (1, 'ann');\nCREATE INDEX ix_users_name ON users (name);`],
    ["an alembic_version row", `${USERS}\n);\nINSERT INTO users VALUES (1, 'ann');\nCREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL);\nINSERT INTO alembic_version VALUES ('abc');`],
  ])("sees a difference in %s", async (_what, other) => {
    const base = `${USERS}\n);\nINSERT INTO users VALUES (1, 'ann');`;
    const [a, b] = await normaliseDbs([await dbWith(base), await dbWith(other)]);
    expect(a).not.toEqual(b);
  });

  test("compares the table constraints of a CREATE TABLE as a set, since Alembic's rebuild orders them at random", async () => {
    const check = "CONSTRAINT ck_len CHECK (length(name) > 1)";
    const unique = "CONSTRAINT uq_name UNIQUE (name)";
    const [a, b, c] = await normaliseDbs([
      await dbWith(`${USERS}, \n\t${check}, \n\t${unique}\n);`),
      await dbWith(`${USERS}, \n\t${unique}, \n\t${check}\n);`),
      await dbWith(`${USERS}, \n\t${unique}, \n\tCONSTRAINT ck_len CHECK (length(name) > 2)\n);`),
    ]);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  test("reads alembic_version's rows as a set (their order follows the branches' os.listdir order)", async () => {
    const table = "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL);";
    const [a, b, c] = await normaliseDbs([
      await dbWith(`${table} INSERT INTO alembic_version VALUES ('aa'), ('bb');`),
      await dbWith(`${table} INSERT INTO alembic_version VALUES ('bb'), ('aa');`),
      await dbWith(`${table} INSERT INTO alembic_version VALUES ('bb'), ('cc');`),
    ]);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  test("a missing app.db and an empty one are the same empty database", async () => {
    const missing = await dbWith("");
    const empty = await dbWith("");
    writeFileSync(join(empty, "app.db"), "");
    const [a, b] = await normaliseDbs([missing, empty]);
    expect(a).toEqual(b);
    expect(a).toEqual({ objects: [], tables: {}, alembic_version: null });
  });
});

describe("the shared lines", () => {
  test("sorts the revisions of a merge point, which Alembic lists in os.listdir order", () => {
    expect(inDefinedOrder(["Running upgrade 4ab000000000, 4aa000000000 -> 4ac000000000, merge b, a"])).toEqual([
      "Running upgrade 4aa000000000, 4ab000000000 -> 4ac000000000, merge b, a",
    ]);
  });

  test("compares the Running lines of a step across sibling branches as a set, and only those", () => {
    const a = ["Running upgrade 1 -> 2, a", "Running upgrade 1 -> 3, b"];
    expect(runningAsSet([...a].reverse())).toEqual(runningAsSet(a));
    expect(runningAsSet(a)).not.toEqual(runningAsSet(["Running upgrade 1 -> 2, a"]));
  });

  test("keeps Alembic's Detected/Running/No changes lines and revision listings without the logging prefix, in order", () => {
    const stderr = [
      "INFO  [alembic.runtime.migration] Context impl SQLiteImpl.",
      "INFO  [alembic.autogenerate.compare] Detected added table 'roles'",
      "INFO  [alembic.runtime.migration] Running upgrade  -> 1a, initial",
      "INFO  [alembic.env] No changes in schema detected.",
    ].join("\n");
    const stdout = "Generating x ...  done\nDetected added column 'users.email'\n1b0000000002 (head)\n<base> -> 1b0000000001, initial\n";
    expect(sharedLines(stdout, stderr)).toEqual([
      "Detected added column 'users.email'",
      "1b0000000002 (head)",
      "<base> -> 1b0000000001, initial",
      "Detected added table 'roles'",
      "Running upgrade  -> 1a, initial",
      "No changes in schema detected.",
    ]);
  });

  test("sorts only runs that Alembic iterates as a set (removed tables and columns, foreign keys)", () => {
    expect(
      inDefinedOrder([
        "Detected added table 'b'",
        "Detected added table 'a'",
        "Detected removed table 'z'",
        "Detected removed table 'y'",
        "Detected removed column 't.b'",
        "Detected removed column 't.a'",
        "Detected removed column 'u.c'",
        "Detected added foreign key (b)(id) on table t",
        "Detected added foreign key (a)(id) on table t",
      ]),
    ).toEqual([
      "Detected added table 'b'",
      "Detected added table 'a'",
      "Detected removed table 'y'",
      "Detected removed table 'z'",
      "Detected removed column 't.a'",
      "Detected removed column 't.b'",
      "Detected removed column 'u.c'",
      "Detected added foreign key (a)(id) on table t",
      "Detected added foreign key (b)(id) on table t",
    ]);
  });
});

describe("without Flask", () => {
  test("the suite fails (never skips) and says how to install it", () => {
    expect(() => requireFlask("/nonexistent/flask", PYTHON)).toThrow(
      /apt-get install python3-flask-migrate python3-flask-sqlalchemy/,
    );
    expect(() => requireFlask(FLASK, PYTHON)).not.toThrow();
  });
});
