// `db upgrade` / `db downgrade` say what they will do to the rows before they run (Retort's
// "Warning: " lines, as `migrate` prints them), then run as Alembic does: no prompt. checkStep
// answers the same question for the site without changing anything.
import { describe, expect, test } from "vitest";
import { openTestDatabase } from "../../binding";
import { checkStep } from "../../../src/engine/commands";
import { FIXED_DATE, query, session, tutorialModels, withoutEnvironment, type Session } from "./helpers";

const INITIAL = "33aeb0bd3217";
const RENAME = "9f3a45b61f3d";

async function exec(s: Session, sql: string): Promise<void> {
  const db = await openTestDatabase(s.ws.database ?? undefined);
  db.exec(sql);
  s.ws = { ...s.ws, database: db.export() };
  db.close();
}

/** The tutorial with email, 3 users with emails, and a migration that renames email as drop + add. */
async function renamePending(): Promise<Session> {
  const s = session(tutorialModels({ email: true }), [INITIAL, RENAME]);
  await s.run("init");
  await s.run("migrate", "-m", "initial migration");
  await s.run("upgrade");
  await exec(s, "INSERT INTO roles VALUES (1, 'admin'); INSERT INTO users VALUES (1, 'ann', 'a@x', 1), (2, 'bob', 'b@x', 1), (3, 'cy', 'c@x', NULL);");
  const renamed = tutorialModels({ email: true }).replace("email = db.Column", "email_address = db.Column");
  s.ws = { ...s.ws, files: { ...s.ws.files, "models.ts": renamed } };
  expect((await s.run("migrate", "-m", "rename email")).exitCode).toBe(0);
  return s;
}

const deps = { openDatabase: openTestDatabase, random: () => 0, clock: () => FIXED_DATE };

describe("warnings at the moment of a step", () => {
  test("upgrade prints the emails a rename would NULL before running, then runs as Alembic does", async () => {
    const s = await renamePending();
    const up = await s.run("upgrade");
    expect(up.exitCode).toBe(0);
    const lines = withoutEnvironment(s.text(up));
    const warnings = up.lines.filter((l) => l.level === "warning").map((l) => l.text);
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^Warning: Upgrade ${RENAME} \\(rename email\\): Dropping column 'users.email' deletes 3 non-null values\\.`)),
      expect.stringMatching(new RegExp(`^Warning: Upgrade ${RENAME} \\(rename email\\): Column 'users.email' is dropped and 'users.email_address' .* the 3 values of 'email' are lost\\.`)),
    ]);
    expect(lines.slice(2)).toEqual([`Running upgrade ${INITIAL} -> ${RENAME}, rename email`]);
    expect(await query(s.ws, "SELECT count(email_address) FROM users")).toEqual([[0]]);
  });

  test("downgrade to base names every table it drops with its rows", async () => {
    const s = await renamePending();
    const down = await s.run("downgrade", "base");
    expect(down.exitCode).toBe(0);
    const warnings = down.lines.filter((l) => l.level === "warning").map((l) => l.text);
    expect(warnings).toEqual([
      `Warning: Downgrade ${INITIAL} (initial migration): Dropping table 'users' deletes its 3 rows. Back them up first, or remove the drop from the migration if the table should stay.`,
      `Warning: Downgrade ${INITIAL} (initial migration): Dropping table 'roles' deletes its 1 row. Back them up first, or remove the drop from the migration if the table should stay.`,
    ]);
    expect(await query(s.ws, "SELECT count(*) FROM sqlite_master WHERE name IN ('users', 'roles')")).toEqual([[0]]);
  });

  test("checkStep gives the same warnings and leaves the workspace as it was", async () => {
    const s = await renamePending();
    const before = s.ws;
    const warnings = await checkStep(["upgrade", "+1"], s.ws, deps);
    expect(warnings.map((w) => [w.revision, w.kind, w.rows])).toEqual([
      [RENAME, "data-loss", 3],
      [RENAME, "likely-rename", 3],
    ]);
    expect(s.ws).toBe(before);
    expect(await query(s.ws, "SELECT version_num FROM alembic_version")).toEqual([[INITIAL]]);
    expect((await checkStep(["downgrade", "base"], s.ws, deps)).map((w) => w.message.slice(0, 40))).toEqual([
      "Dropping table 'users' deletes its 3 row",
      "Dropping table 'roles' deletes its 1 row",
    ]);
  });

  test("checkStep has nothing to say for a step without warnings, offline SQL, another command or a bad revision", async () => {
    const s = await renamePending();
    await s.run("upgrade");
    expect(await checkStep(["downgrade"], s.ws, deps)).toEqual([]);
    expect(await checkStep(["downgrade", "--sql", `${RENAME}:${INITIAL}`], s.ws, deps)).toEqual([]);
    expect(await checkStep(["current"], s.ws, deps)).toEqual([]);
    expect(await checkStep(["upgrade", "nosuch"], s.ws, deps)).toEqual([]);
  });
});
