// The model-pair autogenerate check: one database, built by SQLAlchemy's create_all from the
// "before" models, is handed to both tools, which then autogenerate against the "after"
// models. Their "Detected" lines must be the same, in Alembic's order where it has one.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inDefinedOrder, outputLines, sharedLines } from "./lines";
import { runProcess, type ProcessResult } from "./process";
import type { ModelsStep, NamingConvention, Scenario } from "./scenario";
import { flaskSide, PYTHON, retortSide, runSql, type Side } from "./sides";

export interface ModelPair {
  readonly name: string;
  readonly namingConvention?: NamingConvention;
  readonly before: ModelsStep;
  readonly after: ModelsStep;
  /** Rows inserted before autogenerate (Retort's SPEC §3 warnings count them; Alembic ignores them). */
  readonly rows?: string;
}

export interface PairOutcome {
  readonly flask: { status: string; detected: string[] };
  readonly retort: { status: string; detected: string[] };
  readonly context: string;
  readonly root: string;
}

const REV_ID = "abcdef012345";

// The Python driver: Flask-SQLAlchemy's create_all on the app in the current folder.
const CREATE_ALL = "from app import app, db\nwith app.app_context():\n    db.create_all()\n";

/** `flask db init` once, copied into every pair: init itself is not what these pairs check. */
export async function makeFlaskMigrationsTemplate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "retort-pairs-template-"));
  flaskSide(dir, { name: "template", steps: [] }).writeModels("");
  const init = await flaskSide(dir, { name: "template", steps: [] }).runDb(["init"]);
  if (init.code !== 0) throw new Error(`flask db init failed:\n${init.stderr}`);
  return join(dir, "migrations");
}

async function mustSucceed(what: string, run: Promise<ProcessResult>): Promise<void> {
  const r = await run;
  if (r.code !== 0) throw new Error(`${what} failed:\n${r.stdout}${r.stderr}`);
}

const status = (r: ProcessResult) => (r.code === 0 ? "succeeds" : "fails");
const tail = (r: ProcessResult) => outputLines(r.stdout, r.stderr).slice(-10).join("\n    ");

/** `makeRetort` builds the side compared with Flask (another Flask, to test the harness itself). */
export async function runModelPair(
  pair: ModelPair,
  flaskMigrations: string,
  makeRetort: (dir: string, scenario: Scenario) => Side = retortSide,
): Promise<PairOutcome> {
  const root = mkdtempSync(join(tmpdir(), "retort-pair-"));
  const scenario: Scenario = { name: pair.name, namingConvention: pair.namingConvention, steps: [] };
  const flask = flaskSide(join(root, "flask"), scenario);
  const retort = makeRetort(join(root, "retort"), scenario);
  mkdirSync(flask.dir);
  mkdirSync(retort.dir);
  flask.writeModels(pair.before.python);
  await mustSucceed("create_all of the before models", runProcess(PYTHON, ["-c", CREATE_ALL], { cwd: flask.dir }));
  if (pair.rows) await mustSucceed("the rows", runSql(flask.dir, pair.rows));
  copyFileSync(join(flask.dir, "app.db"), join(retort.dir, "app.db"));
  cpSync(flaskMigrations, join(flask.dir, "migrations"), { recursive: true });
  flask.writeModels(pair.after.python);
  retort.writeModels(pair.after[retort.language]);
  const [flaskRun, retortRun] = await Promise.all([
    flask.runDb(["migrate", "-m", "pair", "--rev-id", REV_ID]),
    retort.runDb(["init"]).then(() => retort.runDb(["migrate", "-m", "pair", "--rev-id", REV_ID])),
  ]);
  return {
    flask: { status: status(flaskRun), detected: inDefinedOrder(sharedLines(flaskRun.stdout, flaskRun.stderr)) },
    retort: { status: status(retortRun), detected: inDefinedOrder(sharedLines(retortRun.stdout, retortRun.stderr)) },
    context: `flask:\n    ${tail(flaskRun)}\n  retort:\n    ${tail(retortRun)}\n  folder: ${root}`,
    root,
  };
}

export function disposePair(outcome: PairOutcome): void {
  rmSync(outcome.root, { recursive: true, force: true });
}
