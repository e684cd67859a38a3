// A lesson step's checks read the real state: the reflected database, the scripts, the models and
// the last command. A check is met only by the state it names; each unmet one says what is missing.
import { describe, expect, test } from "vitest";
import { evaluateChecks, newWorkspace, runCommand, type LessonCheck, type Workspace } from "../../../src/engine/index";
import { openTestDatabase } from "../../binding";

const MODELS = (extra: string) => `import { SQLAlchemy } from "retort";
const db = new SQLAlchemy({ namingConvention: { uq: "uq_%(table_name)s_%(column_0_name)s" } });
export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64));
${extra}}
`;

let seed = 0;
const deps = { openDatabase: openTestDatabase, random: () => (seed = (seed + 0.1372) % 1), clock: () => new Date("2026-12-07T00:00:00Z") };
const INITIAL = "aaaaaaaaaaaa";

async function run(ws: Workspace, ...argv: string[]): Promise<Workspace> {
  const result = await runCommand(argv, ws, deps);
  return result.workspace;
}

async function sql(ws: Workspace, statement: string): Promise<Workspace> {
  const db = await openTestDatabase(ws.database ?? undefined);
  db.exec(statement);
  const database = db.export();
  db.close();
  return { ...ws, database };
}

/** users with 3 rows at the first revision, and a second one adding a unique email written. */
async function emailWritten(): Promise<Workspace> {
  let ws = newWorkspace("t", MODELS(""));
  ws = await run(ws, "init");
  ws = await run(ws, "migrate", "-m", "initial", "--rev-id", INITIAL);
  ws = await run(ws, "upgrade");
  ws = await sql(ws, "INSERT INTO users (id, username) VALUES (1, 'ann'), (2, 'bob'), (3, 'cy')");
  ws = { ...ws, files: { ...ws.files, "models.ts": MODELS(`  email = db.Column(db.String(120), { unique: true });\n`) } };
  return run(ws, "migrate", "-m", "add email");
}

async function check(ws: Workspace, checks: readonly LessonCheck[], lastCommand = null as Parameters<typeof evaluateChecks>[1]["lastCommand"]) {
  const db = await openTestDatabase(ws.database ?? undefined);
  try {
    return evaluateChecks(checks, { db, files: ws.files, lastCommand });
  } finally {
    db.close();
  }
}

const STEP_DONE: readonly LessonCheck[] = [
  { kind: "at-head" },
  { kind: "column", table: "users", column: "email", type: "VARCHAR(120)", unique: true },
  { kind: "constraint", table: "users", name: "uq_users_email" },
  { kind: "rows", table: "users", count: 3 },
];

describe("lesson checks", () => {
  test("the email step is met by the upgrade that keeps the rows", async () => {
    const ws = await run(await emailWritten(), "upgrade");
    const results = await check(ws, STEP_DONE);
    expect(results.map((r) => r.missing)).toEqual([null, null, null, null]);
    expect(results.map((r) => r.label)).toEqual([
      "the database is at head", "users has a column email VARCHAR(120), unique", "users has a constraint named uq_users_email", "users holds 3 rows",
    ]);
  });

  test("the email column added but the rows lost is not done, and says so", async () => {
    let ws = await run(await emailWritten(), "upgrade");
    ws = await sql(ws, "DELETE FROM users");
    const results = await check(ws, STEP_DONE);
    expect(results.map((r) => r.met)).toEqual([true, true, true, false]);
    expect(results[3]!.missing).toBe("users holds 0 rows, not 3.");
  });

  test("before the upgrade: not at head, no column, no constraint", async () => {
    const results = await check(await emailWritten(), STEP_DONE);
    expect(results.map((r) => r.missing)).toEqual([
      "The database is not at head yet: run flask db upgrade.", "users has no column email yet.", "users has no constraint or index named uq_users_email yet.", null,
    ]);
  });

  test("a column of another type, or not unique, is not the one asked for", async () => {
    let ws = await emailWritten();
    ws = await sql(ws, "ALTER TABLE users ADD COLUMN email TEXT");
    const [typed, unique] = await check(ws, [
      { kind: "column", table: "users", column: "email", type: "VARCHAR(120)" },
      { kind: "column", table: "users", column: "email", unique: true },
    ]);
    expect(typed!.missing).toBe("users.email is TEXT, not VARCHAR(120).");
    expect(unique!.missing).toBe("users.email is not unique yet.");
  });

  test("scripts, models, revisions and heads are read from the files", async () => {
    const ws = await emailWritten();
    const results = await check(ws, [
      { kind: "script", pattern: `addColumn\\(sa\\.Column\\("email"`, label: "adds email", says: "no script adds email" },
      { kind: "script", pattern: `dropColumn\\("username"\\)`, exists: false, label: "keeps username", says: "a script drops username" },
      { kind: "models", table: "users", column: "email" },
      { kind: "models", table: "users", column: "phone" },
      { kind: "revisions", count: 2 },
      { kind: "heads", count: 2 },
    ]);
    expect(results.map((r) => r.missing)).toEqual([null, null, null, "models.ts does not declare users.phone yet.", null, "The history has 1 head, not 2."]);
  });

  test("two revisions on the same parent are two heads", async () => {
    const ws = await run(await emailWritten(), "revision", "-m", "teammate", "--head", INITIAL, "--splice");
    const [heads] = await check(ws, [{ kind: "heads", count: 2 }]);
    expect(heads!.met).toBe(true);
  });

  test("models that do not parse meet no models check", async () => {
    const ws = await emailWritten();
    const [declared] = await check({ ...ws, files: { ...ws.files, "models.ts": "export class {" } }, [{ kind: "models", table: "users", column: "email" }]);
    expect(declared!.missing).toBe("models.ts does not parse: fix the error marked in the editor first.");
  });

  test("the last command must be the named one, failed, with the words", async () => {
    const ws = await emailWritten();
    const failed: LessonCheck = { kind: "last-command", command: "upgrade", failed: true, output: "Constraint must have a name", label: "failed", says: "run upgrade" };
    const words = "Error: … (Alembic: \"Constraint must have a name\") …";
    expect((await check(ws, [failed], { argv: ["upgrade"], exitCode: 1, output: words }))[0]!.met).toBe(true);
    expect((await check(ws, [failed], { argv: ["upgrade"], exitCode: 0, output: words }))[0]!.met).toBe(false);
    expect((await check(ws, [failed], { argv: ["migrate"], exitCode: 1, output: words }))[0]!.met).toBe(false);
    expect((await check(ws, [failed], null))[0]!.missing).toBe("run upgrade");
  });

  test("a query's answer, and a table's absence", async () => {
    const ws = await run(await emailWritten(), "upgrade");
    const results = await check(ws, [
      { kind: "query", sql: "SELECT count(*) FROM users WHERE email IS NULL", equals: 3, label: "no emails", says: "some have emails" },
      { kind: "query", sql: "SELECT nonsense FROM nowhere", equals: 1, label: "broken", says: "the query fails" },
      { kind: "table", table: "users", exists: false },
    ]);
    expect(results.map((r) => r.missing)).toEqual([null, "the query fails", "The database still has the table users."]);
  });
});
