// Proof, with the real Flask-Migrate, that `retort export-flask` writes a project that works:
// each playground of fixtures/ (models.ts and its migration scripts) is upgraded to its heads by
// Retort, exported, and then, in the exported folder, with /usr/bin/flask:
//   1. `flask db upgrade heads` on an empty database gives Retort's database at heads (schema,
//      constraint names, indexes, foreign keys, rows and alembic_version, through the
//      differential tests' one normaliser);
//   2. `flask db migrate` then detects no changes (models.py is the models' MetaData);
//   3. `flask db downgrade base` leaves only alembic_version, empty;
//   4. `flask db upgrade heads` works again, to the same database.
// And migrations/ outside versions/ is what a fresh `flask db init` writes, byte for byte; and
// the revisions after one, exported alone (--after), upgrade a real project that stood at it.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { normaliseFile, type Snapshot } from "../differential/harness/normalise";
import { runProcess, type ProcessResult } from "../differential/harness/process";
import { FLASK, requireFlask, requireRetortCli, RETORT_BIN } from "../differential/harness/sides";

const FIXTURES = join(__dirname, "fixtures");
const PLAYGROUNDS = readdirSync(FIXTURES).sort();
const FLASK_ENV = { FLASK_APP: "app.py", PYTHONDONTWRITEBYTECODE: "1" };

const flask = (cwd: string, ...argv: string[]) => runProcess(FLASK, ["db", ...argv], { cwd, env: FLASK_ENV });
const retort = (cwd: string, ...argv: string[]) => runProcess(process.execPath, [RETORT_BIN, ...argv], { cwd });

function succeeded(what: string, r: ProcessResult): ProcessResult {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

const initFiles = (dir: string) =>
  Object.fromEntries(["alembic.ini", "env.py", "script.py.mako", "README"].map((f) => [f, readFileSync(join(dir, "migrations", f), "utf8")]));

let flaskInit: Record<string, string>;

beforeAll(async () => {
  requireFlask();
  requireRetortCli();
  const dir = mkdtempSync(join(tmpdir(), "retort-flask-init-"));
  cpSync(join(FIXTURES, "tutorial"), dir, { recursive: true, filter: (src) => !src.includes("migrations") });
  mkdirSync(join(dir, "export"));
  // an exported app.py, for `flask db init` to run in
  const exported = join(dir, "export");
  succeeded("retort export-flask", await retort(dir, "export-flask", exported));
  const fresh = join(dir, "fresh");
  mkdirSync(fresh);
  cpSync(join(exported, "app.py"), join(fresh, "app.py"));
  cpSync(join(exported, "models.py"), join(fresh, "models.py"));
  succeeded("flask db init", await flask(fresh, "init"));
  flaskInit = initFiles(fresh);
});

describe.each(PLAYGROUNDS)("the %s playground exported as a Flask-Migrate project", (name) => {
  let project: string;
  let atHeads: Snapshot;

  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), `retort-export-${name}-`));
    const playground = join(work, "playground");
    cpSync(join(FIXTURES, name), playground, { recursive: true });
    succeeded("retort db upgrade heads", await retort(playground, "db", "upgrade", "heads"));
    atHeads = await normaliseFile(join(playground, "app.db"));
    project = join(work, "flask");
    succeeded("retort export-flask", await retort(playground, "export-flask", project));
  });

  test("migrations/ is what flask db init writes", () => {
    expect(initFiles(project)).toEqual(flaskInit);
  });

  test("1. flask db upgrade heads gives Retort's database at heads", async () => {
    succeeded("flask db upgrade heads", await flask(project, "upgrade", "heads"));
    expect(await normaliseFile(join(project, "app.db"))).toEqual(atHeads);
  });

  test("2. flask db migrate detects no changes", async () => {
    const before = readdirSync(join(project, "migrations/versions")).sort();
    const r = succeeded("flask db migrate", await flask(project, "migrate", "-m", "nothing"));
    expect(r.stderr).toContain("No changes in schema detected.");
    expect(r.stderr).not.toMatch(/Detected /);
    expect(readdirSync(join(project, "migrations/versions")).filter((f) => f.endsWith(".py")).sort()).toEqual(before.filter((f) => f.endsWith(".py")));
  });

  test("3. flask db downgrade base leaves only alembic_version", async () => {
    succeeded("flask db downgrade base", await flask(project, "downgrade", "base"));
    const snapshot = await normaliseFile(join(project, "app.db"));
    expect(Object.keys(snapshot.tables)).toEqual(["alembic_version"]);
    expect(snapshot.alembic_version).toEqual([]);
  });

  test("4. flask db upgrade heads works again", async () => {
    succeeded("flask db upgrade heads", await flask(project, "upgrade", "heads"));
    expect(await normaliseFile(join(project, "app.db"))).toEqual(atHeads);
  });
});

// The flow that --after is for: a real project at some revision takes the playground's new
// revisions into its migrations/versions/, and its own `flask db upgrade` runs them.
test("new revisions exported alone drop into a real project at their base and upgrade it to Retort's head", async () => {
  const work = mkdtempSync(join(tmpdir(), "retort-export-after-"));
  const playground = join(work, "playground");
  cpSync(join(FIXTURES, "tutorial"), playground, { recursive: true });
  succeeded("retort db upgrade", await retort(playground, "db", "upgrade"));
  const atHead = await normaliseFile(join(playground, "app.db"));

  // the real project: the playground as it was at its first revision, upgraded by Flask
  const earlier = join(work, "earlier");
  cpSync(playground, earlier, { recursive: true, filter: (src) => !src.endsWith("app.db") && !src.includes("9f3a45b61f3d") });
  const real = join(work, "real");
  succeeded("retort export-flask", await retort(earlier, "export-flask", real));
  succeeded("flask db upgrade", await flask(real, "upgrade"));

  const r = succeeded("retort export-flask --after", await retort(playground, "export-flask", "--after", "33aeb0bd3217", join(real, "migrations/versions")));
  expect(r.stdout).toContain("Wrote 1 migration script into");
  const upgrade = succeeded("flask db upgrade", await flask(real, "upgrade"));
  expect(upgrade.stderr).toContain("Running upgrade 33aeb0bd3217 -> 9f3a45b61f3d, Added email field");
  expect(await normaliseFile(join(real, "app.db"))).toEqual(atHead);
});
