// Failures: each exits non-zero with a line that says what failed and how to fix it, and
// runCommand never throws, whatever goes wrong underneath.
import { describe, expect, test } from "vitest";
import { runCommand } from "../../../src/engine/commands";
import { newWorkspace } from "../../../src/engine/workspace/workspace";
import { FIXED_DATE, query, session, tutorialModels, withoutEnvironment } from "./helpers";

/** `db current` on an initialised tutorial workspace whose database fails to open with `message`. */
async function currentWhenOpenFails(message: string) {
  const ws = { ...newWorkspace("t", tutorialModels()), files: { "models.ts": tutorialModels(), "migrations/README": "" } };
  const r = await runCommand(["current"], ws, { openDatabase: () => Promise.reject(new Error(message)), random: Math.random, clock: () => FIXED_DATE });
  return { ...r, given: ws };
}

describe("failing commands", () => {
  test("every command but init needs the migrations folder", async () => {
    const s = session(tutorialModels());
    for (const argv of [["migrate"], ["upgrade"], ["current"], ["history"], ["heads"], ["stamp", "head"]]) {
      const r = await s.run(...argv);
      expect(r.exitCode).toBe(1);
      expect(s.text(r)).toEqual(["Error: Path doesn't exist: 'migrations'.  Please use the 'init' command to create a new scripts folder."]);
    }
  });

  test("init refuses a folder that exists and is not empty; -d chooses another folder", async () => {
    const s = session(tutorialModels());
    await s.run("init");
    const again = await s.run("init");
    expect(again.exitCode).toBe(1);
    expect(s.text(again)).toEqual(["Error: Directory migrations already exists and is not empty"]);
    const other = await s.run("init", "-d", "db/migrations");
    expect(other.exitCode).toBe(0);
    expect(Object.keys(s.ws.files)).toContain("db/migrations/README");
    const generated = await s.run("revision", "-m", "in the other folder", "--directory=db/migrations", "--rev-id", "aaaa00000001");
    expect(s.text(generated)).toEqual(["Generating db/migrations/versions/aaaa00000001_in_the_other_folder.ts ...  done"]);
    expect(s.text(await s.run("heads"))).toEqual([]);
    expect(s.text(await s.run("heads", "-d", "db/migrations"))).toEqual(["aaaa00000001 (head)"]);
  });

  test("a database that is not SQLite (or is damaged) stops the command with what to do, and stays as it was", async () => {
    const s = session(tutorialModels());
    await s.run("init");
    const garbage = new TextEncoder().encode("this is not a database, just text that someone saved as app.db by mistake ".repeat(3));
    s.ws = { ...s.ws, database: garbage };
    for (const argv of [["current"], ["upgrade"], ["migrate"], ["stamp", "head"]]) {
      const r = await s.run(...argv);
      expect(r.exitCode).toBe(1);
      expect(s.text(r).at(-1)).toBe(
        "Error: The database cannot be read (file is not a database): it is not a SQLite file, or it is damaged. Restore it from a copy, or move it aside to start from an empty database.",
      );
      expect(s.ws.database).toBe(garbage);
    }
  });

  test("a broken migration script stops the command, naming its file, line and column", async () => {
    const s = session(tutorialModels());
    await s.run("init");
    await s.run("revision", "-m", "broken", "--rev-id", "aaaa00000001");
    const path = "migrations/versions/aaaa00000001_broken.ts";
    const text = s.ws.files[path]!.replace("export function upgrade() {}", "export function upgrade() {\n  op.dropTable(;\n}");
    s.ws = { ...s.ws, files: { ...s.ws.files, [path]: text } };
    const r = await s.run("upgrade");
    expect(r.exitCode).toBe(1);
    expect(r.lines[0]?.text).toMatch(new RegExp(`^${path}:\\d+:\\d+: `));
    expect(r.lines.at(-1)?.text).toBe(`Error: ${path} cannot be read as a migration script. Fix the problems above and run the command again.`);
  });

  test("errors in models.ts stop migrate with their places", async () => {
    const s = session(tutorialModels().replace("{ primaryKey: true }", "{ primary_key: true }"));
    await s.run("init");
    const r = await s.run("migrate");
    expect(r.exitCode).toBe(1);
    expect(r.lines[0]?.text).toMatch(/^models\.ts:\d+:\d+: .*primaryKey/);
    expect(r.lines.at(-1)?.text).toMatch(/^Error: models\.ts has 1 error\(s\)\./);
    expect(Object.keys(s.ws.files).filter((p) => p.includes("versions/"))).toEqual([]);
  });

  test("migrate refuses a database that is not at the head", async () => {
    const s = session(tutorialModels());
    await s.run("init");
    await s.run("migrate", "-m", "initial");
    const r = await s.run("migrate", "-m", "again");
    expect(r.exitCode).toBe(1);
    // Flask-Migrate's error through its logger, then Retort's hint through Retort's
    expect(withoutEnvironment(s.printed(r))).toEqual([
      "ERROR [flask_migrate] Error: Target database is not up to date.",
      "ERROR [retort] Run `db upgrade` to bring the database to the head revision, then run this command again.",
    ]);
  });

  test("--sql makes no sense for revision and migrate, as Alembic says", async () => {
    const s = session(tutorialModels());
    await s.run("init");
    expect(s.text(await s.run("migrate", "--sql"))).toEqual(["Error: Using --sql with --autogenerate does not make any sense"]);
    expect(s.text(await s.run("revision", "--sql"))).toEqual([
      "Error: Using --sql with the revision command when revision_environment is not configured does not make any sense",
    ]);
  });

  test("runCommand never throws: a database that cannot open is exit code 1 with its reason", async () => {
    const r = await currentWhenOpenFails("file is not a database");
    expect(r.exitCode).toBe(1);
    const text = "Error: The database cannot be read (file is not a database): it is not a SQLite file, or it is damaged. Restore it from a copy, or move it aside to start from an empty database.";
    expect(r.lines.at(-1)).toEqual({ level: "error", text, log: true, logger: "flask_migrate" });
    expect(r.workspace).toBe(r.given);
  });
});

describe("revision and check", () => {
  test("revision without -m writes an empty script named '<rev>_.ts' with 'empty message'", async () => {
    const s = session(tutorialModels());
    await s.run("init");
    const r = await s.run("revision", "--rev-id", "aaaa00000001");
    expect(s.text(r)).toEqual(["Generating migrations/versions/aaaa00000001_.ts ...  done"]);
    const script = s.ws.files["migrations/versions/aaaa00000001_.ts"]!;
    expect(script).toContain(" * empty message");
    expect(script).toContain("export function upgrade() {}");
  });

  test("revision --autogenerate is migrate", async () => {
    const s = session(tutorialModels());
    await s.run("init");
    const r = await s.run("revision", "--autogenerate", "-m", "auto", "--rev-id", "aaaa00000001");
    expect(withoutEnvironment(s.text(r))).toContain("Detected added table 'roles'");
    expect(s.ws.files["migrations/versions/aaaa00000001_auto.ts"]).toContain('op.createTable("roles"');
  });

  test("check: exit 1 while the models differ, then 'No new upgrade operations detected.'", async () => {
    const s = session(tutorialModels());
    await s.run("init");
    const pending = await s.run("check");
    expect(pending.exitCode).toBe(1);
    expect(withoutEnvironment(s.printed(pending))).toEqual([
      "INFO  [alembic.autogenerate.compare] Detected added table 'roles'",
      "INFO  [alembic.autogenerate.compare] Detected added table 'users'",
      "INFO  [alembic.autogenerate.compare] Detected added index 'ix_users_username' on '['username']'",
      "ERROR [flask_migrate] Error: New upgrade operations detected (3 changes, listed above). Run `db migrate` to write a migration for them.",
    ]);
    expect(Object.keys(s.ws.files)).toEqual(["models.ts", "migrations/README"]);
    await s.run("migrate", "-m", "initial");
    await s.run("upgrade");
    const clean = await s.run("check");
    expect(clean.exitCode).toBe(0);
    // Alembic 1.9 prints it on stdout, with no logger
    expect(withoutEnvironment(s.printed(clean))).toEqual(["No new upgrade operations detected."]);
    expect(clean.lines.at(-1)?.log).toBeUndefined();
  });

  test("read-only commands leave the workspace's database untouched", async () => {
    const s = session(tutorialModels());
    await s.run("init");
    await s.run("migrate", "-m", "initial");
    await s.run("upgrade");
    const before = s.ws.database;
    for (const argv of [["current"], ["history", "-i"], ["check"], ["migrate"], ["show", "current"]]) {
      await s.run(...argv);
      expect(s.ws.database).toBe(before);
    }
  });
});

describe("the database file", () => {
  test("is created on first use, even by a command that only reads", async () => {
    const s = session(tutorialModels());
    await s.run("init");
    expect(s.ws.database).toBeNull();
    await s.run("heads");
    expect(s.ws.database).toBeNull();
    await s.run("current");
    expect(s.ws.database).toBeInstanceOf(Uint8Array);
  });
});

describe("alembic_version", () => {
  const versionTable = "SELECT name FROM sqlite_master WHERE name = 'alembic_version'";

  test("migrate, check and history -i create it when missing, as env.py's run_migrations does; current does not", async () => {
    for (const argv of [["migrate", "-m", "x"], ["check"], ["history", "-i"], ["show", "current"]]) {
      const s = session(tutorialModels());
      await s.run("init");
      await s.run(...argv);
      expect(await query(s.ws, versionTable)).toEqual([["alembic_version"]]);
    }
    const s = session(tutorialModels());
    await s.run("init");
    await s.run("current");
    expect(await query(s.ws, versionTable)).toEqual([]);
  });
});

describe("alembic_version before a failure", () => {
  test("upgrade and stamp to an unknown revision still leave the version table, as Alembic creates it first", async () => {
    for (const argv of [["upgrade", "abcd"], ["stamp", "abcd"]]) {
      const s = session(tutorialModels());
      await s.run("init");
      const r = await s.run(...argv);
      expect(r.exitCode).toBe(1);
      expect(await query(s.ws, "SELECT name FROM sqlite_master WHERE name = 'alembic_version'")).toEqual([["alembic_version"]]);
    }
  });

  test("a database that fails to open for another reason is reported in its own words, not blamed on the file", async () => {
    const r = await currentWhenOpenFails("both async and sync fetching of the wasm failed");
    expect(r.exitCode).toBe(1);
    expect(r.lines.at(-1)?.text).toContain("both async and sync fetching of the wasm failed");
    expect(r.lines.at(-1)?.text).not.toContain("not a SQLite file");
  });
});
