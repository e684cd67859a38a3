// `node bin/retort.js db …` in temporary project folders: the tutorial walk of the seeds, as the
// real `flask db` printed it (logger prefixes included, on the same streams), the SQLite file on disk, and the folder
// handling (-d, atomic writes, nothing written by read-only commands).
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { openTestDatabase } from "../binding";
import { tutorialModels } from "../engine/commands/helpers";

const REPO = resolve(__dirname, "../..");
const BIN = join(REPO, "bin/retort.js");


interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

function retort(cwd: string, ...argv: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: "utf8" });
  const lines = (s: string) => s.split("\n").filter((l, i, all) => !(l === "" && i === all.length - 1));
  return { code: r.status ?? -1, stdout: lines(r.stdout), stderr: lines(r.stderr) };
}

const project = () => mkdtempSync(join(tmpdir(), "retort-cli-"));
const MIGRATION = "INFO  [alembic.runtime.migration]";
const COMPARE = "INFO  [alembic.autogenerate.compare]";
// SPEC §3: Retort says "transactional" where Alembic on SQLite says "non-transactional"
const ENV_LINES = [`${MIGRATION} Context impl SQLiteImpl.`, `${MIGRATION} Will assume transactional DDL.`];

async function tablesIn(dir: string): Promise<string[]> {
  const db = await openTestDatabase(readFileSync(join(dir, "app.db")));
  const names = db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").rows.map((r) => String(r[0]));
  db.close();
  return names;
}

describe("node bin/retort.js", () => {
  test("the seeds' tutorial: the same lines as flask db, and a real app.db", async () => {
    const dir = project();
    writeFileSync(join(dir, "models.ts"), tutorialModels());
    expect(retort(dir, "db", "init")).toEqual({
      code: 0,
      stdout: ["Creating directory migrations ...  done", "Creating directory migrations/versions ...  done", "Generating migrations/README ...  done"],
      stderr: [],
    });
    expect(statSync(join(dir, "migrations/versions")).isDirectory()).toBe(true);

    const first = retort(dir, "db", "migrate", "-m", "initial migration", "--rev-id", "33aeb0bd3217");
    expect(first.stderr).toEqual([
      ...ENV_LINES,
      `${COMPARE} Detected added table 'roles'`,
      `${COMPARE} Detected added table 'users'`,
      `${COMPARE} Detected added index 'ix_users_username' on '['username']'`,
    ]);
    expect(first.stdout).toEqual(["Generating migrations/versions/33aeb0bd3217_initial_migration.ts ...  done"]);
    // created on first use, as SQLite creates the file when Flask-SQLAlchemy first connects
    expect(existsSync(join(dir, "app.db"))).toBe(true);

    expect(retort(dir, "db", "upgrade")).toEqual({ code: 0, stdout: [], stderr: [...ENV_LINES, `${MIGRATION} Running upgrade  -> 33aeb0bd3217, initial migration`] });
    expect(retort(dir, "db", "migrate", "-m", "nothing")).toEqual({ code: 0, stdout: [], stderr: [...ENV_LINES, "INFO  [alembic.env] No changes in schema detected."] });
    expect(await tablesIn(dir)).toEqual(["alembic_version", "roles", "users"]);

    writeFileSync(join(dir, "models.ts"), tutorialModels({ email: true }));
    const second = retort(dir, "db", "migrate", "-m", "Added email field", "--rev-id", "9f3a45b61f3d");
    expect(second.stderr.slice(2)).toEqual([`${COMPARE} Detected added column 'users.email'`, `${COMPARE} Detected added unique constraint 'uq_users_email' on '['email']'`]);
    expect(retort(dir, "db", "upgrade").stderr.at(-1)).toBe(`${MIGRATION} Running upgrade 33aeb0bd3217 -> 9f3a45b61f3d, Added email field`);
    expect(retort(dir, "db", "downgrade").stderr.at(-1)).toBe(`${MIGRATION} Running downgrade 9f3a45b61f3d -> 33aeb0bd3217, Added email field`);
    expect(retort(dir, "db", "current")).toEqual({ code: 0, stdout: ["33aeb0bd3217"], stderr: ENV_LINES });
    expect(retort(dir, "db", "history")).toEqual({
      code: 0,
      stdout: ["33aeb0bd3217 -> 9f3a45b61f3d (head), Added email field", "<base> -> 33aeb0bd3217, initial migration"],
      stderr: [],
    });
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("SQLite reads the file: its integrity check passes", async () => {
    const dir = project();
    writeFileSync(join(dir, "models.ts"), tutorialModels());
    retort(dir, "db", "init");
    retort(dir, "db", "migrate", "-m", "initial");
    retort(dir, "db", "upgrade");
    const db = await openTestDatabase(readFileSync(join(dir, "app.db")));
    try {
      expect(db.query("SELECT count(*) FROM alembic_version").rows).toEqual([[1]]);
      expect(db.query("PRAGMA integrity_check").rows).toEqual([["ok"]]);
    } finally {
      db.close();
    }
  });

  test("read-only commands and failures leave app.db as it was", () => {
    const dir = project();
    writeFileSync(join(dir, "models.ts"), tutorialModels());
    retort(dir, "db", "init");
    retort(dir, "db", "migrate", "-m", "initial");
    retort(dir, "db", "upgrade");
    const before = readFileSync(join(dir, "app.db"));
    const mtime = statSync(join(dir, "app.db")).mtimeMs;
    for (const argv of [["current"], ["history", "-i"], ["heads"], ["check"], ["upgrade", "nope"]]) retort(dir, "db", ...argv);
    expect(readFileSync(join(dir, "app.db")).equals(before)).toBe(true);
    expect(statSync(join(dir, "app.db")).mtimeMs).toBe(mtime);
    // a revision that fails while its SQL runs: rolled back, app.db untouched, no copy left behind
    retort(dir, "db", "revision", "-m", "broken", "--rev-id", "b0b0b0b0b0b0");
    const script = join(dir, "migrations/versions/b0b0b0b0b0b0_broken.ts");
    writeFileSync(script, readFileSync(script, "utf8").replace("export function upgrade() {}", 'export function upgrade() {\n  op.execute("INSERT INTO users (id) VALUES (1)");\n  op.execute("INSERT INTO nowhere VALUES (1)");\n}'));
    const failed = retort(dir, "db", "upgrade");
    expect(failed.code).toBe(1);
    expect(failed.stderr.join("\n")).toContain("no such table: nowhere");
    expect(readFileSync(join(dir, "app.db")).equals(before)).toBe(true);
    expect(statSync(join(dir, "app.db")).mtimeMs).toBe(mtime);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("exit codes: 1 for a command error, 2 for a usage error, 0 for help", () => {
    const dir = project();
    expect(retort(dir, "db", "current")).toEqual({
      code: 1,
      stdout: [],
      stderr: [`ERROR [flask_migrate] Error: Path doesn't exist: 'migrations'.  Please use the 'init' command to create a new scripts folder.`],
    });
    expect(retort(dir, "db", "upgrade", "--bogus").code).toBe(2);
    expect(retort(dir, "db", "upgrade", "--help").stdout[0]).toBe("Usage: retort db upgrade [OPTIONS] [REVISION]");
    expect(retort(dir, "--help").code).toBe(0);
    expect(retort(dir, "frob").code).toBe(2);
  });

  test("-d works on another migrations folder; an existing non-empty folder blocks init", () => {
    const dir = project();
    writeFileSync(join(dir, "models.ts"), tutorialModels());
    expect(retort(dir, "db", "init", "-d", "db/migrations").code).toBe(0);
    expect(retort(dir, "db", "revision", "-m", "x", "-d", "db/migrations", "--rev-id", "aaaa00000001").stdout).toEqual([
      "Generating db/migrations/versions/aaaa00000001_x.ts ...  done",
    ]);
    expect(existsSync(join(dir, "db/migrations/versions/aaaa00000001_x.ts"))).toBe(true);
    // an absolute path names the same folder
    expect(retort(dir, "db", "heads", `--directory=${join(dir, "db/migrations")}`).stdout).toEqual(["aaaa00000001 (head)"]);
    mkdirSync(join(dir, "migrations"));
    writeFileSync(join(dir, "migrations/env.py"), "");
    expect(retort(dir, "db", "init").stderr).toEqual(["ERROR [flask_migrate] Error: Directory migrations already exists and is not empty"]);
  });

  test("init in an existing empty folder creates only versions/; a file in the folder's place is refused before anything", () => {
    const dir = project();
    mkdirSync(join(dir, "migrations"));
    expect(retort(dir, "db", "init")).toEqual({
      code: 0,
      stdout: ["Creating directory migrations/versions ...  done", "Generating migrations/README ...  done"],
      stderr: [],
    });
    const other = project();
    writeFileSync(join(other, "migrations"), "not a folder");
    const refused = { code: 1, stdout: [], stderr: ["Error: migrations is a file, not a folder, so it cannot hold migration scripts. Move it aside, or choose another folder with -d."] };
    expect(retort(other, "db", "init")).toEqual(refused);
    expect(retort(other, "db", "current")).toEqual(refused);
    expect(readFileSync(join(other, "migrations"), "utf8")).toBe("not a folder");
  });

  test("edit starts $EDITOR on the script and prints nothing, as Flask-Migrate; a failing editor is an error", () => {
    const dir = project();
    writeFileSync(join(dir, "models.ts"), tutorialModels());
    retort(dir, "db", "init");
    retort(dir, "db", "revision", "-m", "x", "--rev-id", "aaaa00000001");
    const editor = join(dir, "editor.sh");
    writeFileSync(editor, `#!/bin/sh\necho "$1" >> "${join(dir, "edited.log")}"\nexit "\${EDIT_EXIT:-0}"\n`);
    chmodSync(editor, 0o755);
    const edit = (env: Record<string, string>) => {
      const r = spawnSync(process.execPath, [BIN, "db", "edit", "aaaa"], { cwd: dir, encoding: "utf8", env: { ...process.env, ...env } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    expect(edit({ EDITOR: editor })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(dir, "edited.log"), "utf8")).toBe(`${join(dir, "migrations/versions/aaaa00000001_x.ts")}\n`);
    const failing = edit({ EDITOR: editor, EDIT_EXIT: "3" });
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/^ERROR \[flask_migrate\] Error: Error executing editor \(Command .* returned non-zero exit status 3\.\)\n$/);
    const none = edit({ EDITOR: "no-such-editor-here", VISUAL: "", PATH: dir });
    expect(none).toEqual({ code: 1, stdout: "", stderr: 'ERROR [flask_migrate] Error: Error executing editor (No suitable editor found. Please set the "EDITOR" or "VISUAL" environment variables)\n' });
  });

  test("bin/retort.js says how to build the bundle when it is missing", () => {
    const dir = project();
    mkdirSync(join(dir, "bin"));
    copyFileSync(BIN, join(dir, "bin/retort.js"));
    const r = spawnSync(process.execPath, [join(dir, "bin/retort.js"), "db", "current"], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("npm run build:cli");
  });
});
