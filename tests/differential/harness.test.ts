// The harness itself: the normaliser must see every difference a user could see, and nothing
// else; the line filter must keep Alembic's words and order; a recording that is missing, broken
// or stale must fail with what to do. Real SQLite files (through sql.js), no Python.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { fixtureText, inputDigest, writeFixture } from "../oracle/fixture-file";
import { autogenerateLines, inDefinedOrder, runningAsSet, sharedLines, withTransactionalDdl } from "./harness/lines";
import { EMPTY_SNAPSHOT, normaliseFile } from "./harness/normalise";
import { flaskInput, scenarioFixturePath, type ScenarioRecording } from "./harness/recording";
import { withIndexRunsSorted } from "./harness/model-pair";
import { readRecording, runScenario, type SideFactory } from "./harness/run-scenario";
import { db, type Scenario } from "./harness/scenario";
import { SCENARIOS } from "./scenarios";
import { FLASK, PYTHON, requireFlask } from "./harness/sides";
import { runSql } from "./harness/sql-file";

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function dbWith(sqlText: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "retort-harness-"));
  made.push(dir);
  if (sqlText) {
    const { error } = await runSql(dir, sqlText);
    if (error) throw new Error(error);
  }
  return dir;
}

const USERS = "CREATE TABLE users (\n\tid INTEGER NOT NULL, \n\tname VARCHAR(20), \n\tPRIMARY KEY (id)";

const normaliseDbs = (dirs: string[]) => Promise.all(dirs.map((dir) => normaliseFile(join(dir, "app.db"))));

describe("normalise.ts", () => {
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

  test("keeps apart what JSON would merge: an integer, a real, a text and a blob of the same value, and integers past 2^53", async () => {
    const values = ["1", "1.0", "'1'", "x'31'", "9007199254740993", "9007199254740992"];
    const snapshots = await normaliseDbs(await Promise.all(values.map((v) => dbWith(`CREATE TABLE t (v);\nINSERT INTO t VALUES (${v});`))));
    const rows = snapshots.map((s) => JSON.stringify(s.tables["t"]!.rows));
    expect(new Set(rows).size).toBe(values.length);
    expect(rows[4]).toBe('[[{"integer":"9007199254740993"}]]');
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

  test("keeps Alembic's environment, Detected, Running and No changes lines whole, logger prefix included, and the revision listings, in order", () => {
    const stderr = [
      "INFO  [alembic.runtime.migration] Context impl SQLiteImpl.",
      "INFO  [alembic.runtime.migration] Will assume non-transactional DDL.",
      "INFO  [alembic.autogenerate.compare] Detected added table 'roles'",
      "INFO  [alembic.runtime.migration] Running upgrade  -> 1a, initial",
      "INFO  [alembic.env] No changes in schema detected.",
      "ERROR [flask_migrate] Error: Target database is not up to date.",
    ].join("\n");
    const stdout = "Generating x ...  done\nDetected added column 'users.email'\n1b0000000002 (head)\n<base> -> 1b0000000001, initial\n";
    expect(sharedLines(stdout, stderr)).toEqual([
      // a Detected line printed without its logger is kept as it is: it then differs from Alembic's
      "Detected added column 'users.email'",
      "1b0000000002 (head)",
      "<base> -> 1b0000000001, initial",
      "INFO  [alembic.runtime.migration] Context impl SQLiteImpl.",
      "INFO  [alembic.runtime.migration] Will assume non-transactional DDL.",
      "INFO  [alembic.autogenerate.compare] Detected added table 'roles'",
      "INFO  [alembic.runtime.migration] Running upgrade  -> 1a, initial",
      "INFO  [alembic.env] No changes in schema detected.",
    ]);
    expect(autogenerateLines(stdout, stderr)).toEqual([
      "Detected added column 'users.email'",
      "INFO  [alembic.autogenerate.compare] Detected added table 'roles'",
      "INFO  [alembic.env] No changes in schema detected.",
    ]);
  });

  test("allows SPEC §3's one difference, 'Will assume transactional DDL.', and no other", () => {
    const flask = ["INFO  [alembic.runtime.migration] Will assume non-transactional DDL.", "INFO  [alembic.runtime.migration] Running upgrade  -> 1a, non-transactional"];
    expect(withTransactionalDdl(flask)).toEqual(["INFO  [alembic.runtime.migration] Will assume transactional DDL.", "INFO  [alembic.runtime.migration] Running upgrade  -> 1a, non-transactional"]);
  });

  test("orders and sorts by the message, whatever the prefix", () => {
    const running = (a: string) => `INFO  [alembic.runtime.migration] Running upgrade 1 -> ${a}`;
    expect(runningAsSet([running("3, b"), "INFO  [alembic.runtime.migration] Context impl SQLiteImpl.", running("2, a")])).toEqual([
      "INFO  [alembic.runtime.migration] Context impl SQLiteImpl.",
      running("2, a"),
      running("3, b"),
    ]);
    const removed = (t: string) => `INFO  [alembic.autogenerate.compare] Detected removed table '${t}'`;
    expect(inDefinedOrder([removed("z"), removed("y")])).toEqual([removed("y"), removed("z")]);
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

describe("recording the oracle without Flask", () => {
  test("fails (never skips) and says how to install it", () => {
    expect(() => requireFlask("/nonexistent/flask", PYTHON)).toThrow(/apt-get install python3-flask-migrate python3-flask-sqlalchemy/);
    expect(() => requireFlask(process.execPath, process.execPath)).not.toThrow();
    expect(FLASK).toBe("/usr/bin/flask");
  });
});

describe("the recordings", () => {
  const scenario: Scenario = { name: "a stand-in", steps: [db("init")] };
  const initLine = "INFO  [alembic.autogenerate.compare] Detected added table 'notes'";
  const NOTES_SQL = "CREATE TABLE notes (id INTEGER PRIMARY KEY);";

  // Plays `db init` by creating a table and printing a Detected line: what the comparison sees of Retort.
  function standIn(line: string, status = 0): SideFactory {
    return (dir) => ({
      name: "stand-in",
      language: "ts",
      dir,
      writeModels: () => undefined,
      runDb: async () => {
        const { error } = await runSql(dir, NOTES_SQL);
        return { code: error ? 1 : status, stdout: `${line}\n`, stderr: "" };
      },
    });
  }

  async function recordingOf(lines: string[]): Promise<ScenarioRecording> {
    const dir = await dbWith(NOTES_SQL);
    const snapshot = await normaliseFile(join(dir, "app.db"));
    return { scenario: scenario.name, input: inputDigest(flaskInput(scenario)), steps: [{ step: "step 1: db init", status: "succeeds", lines, scripts: [], db: snapshot }] };
  }

  async function mismatches(recording: ScenarioRecording, side: SideFactory): Promise<string[]> {
    const run = await runScenario(scenario, recording, side);
    made.push(run.dir);
    return run.checks.filter((c) => !isDeepStrictEqual(c.retort, c.expected)).map((c) => c.label);
  }

  test("Retort is compared with what the recording says Flask did, line by line, status and database", async () => {
    const recording = await recordingOf([initLine]);
    expect(await mismatches(recording, standIn(initLine))).toEqual([]);
    expect(await mismatches(recording, standIn("INFO  [alembic.autogenerate.compare] Detected added table 'other'"))).toEqual(["step 1: db init: Alembic's lines"]);
    // the whole line is compared: the same words without the logger prefix are a difference
    expect(await mismatches(recording, standIn("Detected added table 'notes'"))).toEqual(["step 1: db init: Alembic's lines"]);
    expect(await mismatches(recording, standIn(initLine, 1))).toEqual(["step 1: db init: exit status"]);
    const otherDb = { ...recording, steps: [{ ...recording.steps[0]!, db: EMPTY_SNAPSHOT }] };
    expect(await mismatches(otherDb, standIn(initLine))).toEqual(["step 1: db init: database"]);
  });

  test("a missing recording fails and says to run npm run oracle:record", () => {
    const root = mkdtempSync(join(tmpdir(), "retort-harness-"));
    made.push(root);
    expect(() => readRecording(scenario, root)).toThrow(/recording tests\/differential\/fixtures\/scenarios\/a-stand-in\.json is missing.*npm run oracle:record/);
  });

  test("an unreadable recording fails and says to run npm run oracle:record", () => {
    const root = mkdtempSync(join(tmpdir(), "retort-harness-"));
    made.push(root);
    writeFixture(scenarioFixturePath(scenario), {}, root);
    writeFileSync(join(root, scenarioFixturePath(scenario)), "{ half a fil");
    expect(() => readRecording(scenario, root)).toThrow(/is not valid JSON.*npm run oracle:record/);
  });

  test("a recording made for another version of the scenario is stale, and says so", async () => {
    const root = mkdtempSync(join(tmpdir(), "retort-harness-"));
    made.push(root);
    writeFixture(scenarioFixturePath(scenario), await recordingOf([initLine]), root);
    expect(readRecording(scenario, root).steps).toHaveLength(1);
    const changed: Scenario = { ...scenario, steps: [db("init", "--multidb")] };
    expect(() => readRecording(changed, root)).toThrow(/was made for another version of the scenario "a stand-in".*stale.*npm run oracle:record/);
    // Retort's half of a step is not what the oracle answered: changing it needs no re-recording.
    const retortOnly: Scenario = { ...scenario, steps: [{ ...db("init"), retortSays: /x/ }] };
    expect(() => readRecording(retortOnly, root)).not.toThrow();
  });

  test("every scenario has its own recording file", () => {
    const paths = SCENARIOS.map(scenarioFixturePath);
    expect(new Set(paths).size).toBe(paths.length);
  });

  test("a recording's text is the same for the same observations, keys in any order", () => {
    const a = fixtureText({ b: [1, { y: 2, x: 1 }], a: "long ".repeat(30) });
    const b = fixtureText({ a: "long ".repeat(30), b: [1, { x: 1, y: 2 }] });
    expect(a).toBe(b);
    expect(a).toBe(`{\n  "a": ${JSON.stringify("long ".repeat(30))},\n  "b": [1,{"x":1,"y":2}]\n}\n`);
  });
});

describe("the model pairs' recorded schema", () => {
  // create_all makes a table's indexes in Python set order: two recordings must still be equal
  test("sorts each run of CREATE INDEX, and keeps everything else in creation order", () => {
    const table = (sql: string) => ({ sql, isIndex: false });
    const index = (sql: string) => ({ sql, isIndex: true });
    const one = [table("CREATE TABLE b"), index("CREATE INDEX ix_b_y"), index("CREATE INDEX ix_b_x"), table("CREATE TABLE a"), index("CREATE INDEX ix_a_z")];
    const other = [table("CREATE TABLE b"), index("CREATE INDEX ix_b_x"), index("CREATE INDEX ix_b_y"), table("CREATE TABLE a"), index("CREATE INDEX ix_a_z")];
    expect(withIndexRunsSorted(one)).toEqual(["CREATE TABLE b", "CREATE INDEX ix_b_x", "CREATE INDEX ix_b_y", "CREATE TABLE a", "CREATE INDEX ix_a_z"]);
    expect(withIndexRunsSorted(other)).toEqual(withIndexRunsSorted(one));
  });
});
