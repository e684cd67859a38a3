// `node bin/retort.js export-flask FOLDER` (SPEC §6) in temporary folders. What the files say is
// tested in tests/engine/export/; the real Flask-Migrate runs them in npm run test:export-flask.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";

const REPO = resolve(__dirname, "../..");
const BIN = join(REPO, "bin/retort.js");

function retort(cwd: string, argv: readonly string[]) {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The tutorial playground of the export proof, in a new folder. */
function tutorial(): string {
  const dir = mkdtempSync(join(tmpdir(), "retort-export-flask-"));
  cpSync(join(REPO, "tests/export/fixtures/tutorial"), dir, { recursive: true });
  return dir;
}

test("writes the project into a new folder, with versions/ and the scripts as .py files", () => {
  const dir = tutorial();
  const r = retort(dir, ["export-flask", "flask-app"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(`Wrote a Flask-Migrate project in ${join(dir, "flask-app")}. In that folder, run: FLASK_APP=app.py flask db upgrade\n`);
  expect(readdirSync(join(dir, "flask-app")).sort()).toEqual(["app.py", "migrations", "models.py"]);
  expect(readdirSync(join(dir, "flask-app/migrations")).sort()).toEqual(["README", "alembic.ini", "env.py", "script.py.mako", "versions"]);
  expect(readdirSync(join(dir, "flask-app/migrations/versions")).sort()).toEqual(["33aeb0bd3217_initial_migration.py", "9f3a45b61f3d_added_email_field.py"]);
});

test("an empty folder that exists is used; versions/ is made even with no revision yet", () => {
  const dir = mkdtempSync(join(tmpdir(), "retort-export-flask-"));
  writeFileSync(join(dir, "models.ts"), readFileSync(join(REPO, "tests/export/fixtures/tutorial/models.ts"), "utf8"));
  mkdirSync(join(dir, "out"));
  expect(retort(dir, ["export-flask", "out"]).code).toBe(0);
  expect(readdirSync(join(dir, "out/migrations/versions"))).toEqual([]);
});

describe("refusals: nothing is written over", () => {
  test("a folder that is not empty", () => {
    const dir = tutorial();
    mkdirSync(join(dir, "app"));
    writeFileSync(join(dir, "app/notes.txt"), "mine");
    const r = retort(dir, ["export-flask", "app"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: the folder ${join(dir, "app")} is not empty, and Retort never writes over a project. Name a new folder: retort export-flask new-folder\n`);
    expect(readdirSync(join(dir, "app"))).toEqual(["notes.txt"]);
  });

  test("no FOLDER, or an unknown option", () => {
    const dir = tutorial();
    expect(retort(dir, ["export-flask"]).stderr).toContain("Error: Missing argument 'FOLDER'.");
    expect(retort(dir, ["export-flask", "--since", "x", "out"]).stderr).toContain("Error: No such option: --since");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  test("models.ts with an error names the line", () => {
    const dir = tutorial();
    writeFileSync(join(dir, "models.ts"), readFileSync(join(dir, "models.ts"), "utf8").replace("{ primaryKey: true }", "{ primary_key: true }"));
    const r = retort(dir, ["export-flask", "out"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: models\.ts:\d+:\d+: /);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe("--after REV: the new revisions alone, into an existing project's versions/", () => {
  test("writes the scripts after REV next to the ones there, as the whole export writes them", () => {
    const dir = tutorial();
    expect(retort(dir, ["export-flask", "whole"]).code).toBe(0);
    const versions = join(dir, "project/migrations/versions");
    mkdirSync(versions, { recursive: true });
    writeFileSync(join(versions, "33aeb0bd3217_initial_migration.py"), "# the real project's own\n");
    const r = retort(dir, ["export-flask", "--after", "33ae", versions]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`Wrote 1 migration script into ${versions}.\n`);
    expect(readFileSync(join(versions, "9f3a45b61f3d_added_email_field.py"), "utf8")).toBe(
      readFileSync(join(dir, "whole/migrations/versions/9f3a45b61f3d_added_email_field.py"), "utf8"),
    );
    expect(readFileSync(join(versions, "33aeb0bd3217_initial_migration.py"), "utf8")).toBe("# the real project's own\n");
  });

  test("a file of the same name is never written over", () => {
    const dir = tutorial();
    mkdirSync(join(dir, "v"));
    writeFileSync(join(dir, "v/9f3a45b61f3d_added_email_field.py"), "# edited by hand\n");
    const r = retort(dir, ["export-flask", "--after", "base", "v"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: ${join(dir, "v/9f3a45b61f3d_added_email_field.py")} exists already, and Retort never writes over a file. Move it aside, or export into another folder.\n`);
    expect(readdirSync(join(dir, "v"))).toEqual(["9f3a45b61f3d_added_email_field.py"]);
  });
});
