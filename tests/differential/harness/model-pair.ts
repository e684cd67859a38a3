// The model-pair autogenerate check: one database, built by SQLAlchemy's create_all from the
// "before" models, then autogenerate against the "after" models. The oracle records the
// database's schema and the "Detected" lines Flask-Migrate printed (recordPair); the test builds
// the same database for Retort and compares its lines (runModelPair), in Alembic's order where
// it has one.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqlJs } from "../../../src/engine/db/sqljs";
import { inputDigest } from "../../oracle/fixture-file";
import { autogenerateLines, inDefinedOrder, outputLines } from "./lines";
import { normaliseFile } from "./normalise";
import { runProcess, type ProcessResult } from "./process";
import { pairInput, statusOf, type PairObservation, type PairRecording } from "./recording";
import type { ModelsStep, NamingConvention, Scenario } from "./scenario";
import { flaskSide, PYTHON, retortSide, type Side } from "./sides";
import { runSql, writeDatabase } from "./sql-file";

export interface ModelPair {
  readonly name: string;
  readonly namingConvention?: NamingConvention;
  readonly before: ModelsStep;
  readonly after: ModelsStep;
  /** Rows inserted before autogenerate (Retort's SPEC §3 warnings count them; Alembic ignores them). */
  readonly rows?: string;
}

export interface PairOutcome {
  readonly retort: PairObservation;
  readonly context: string;
  readonly root: string;
}

const REV_ID = "abcdef012345";

// The Python driver: Flask-SQLAlchemy's create_all on the app in the current folder.
const CREATE_ALL = "from app import app, db\nwith app.app_context():\n    db.create_all()\n";

const scenarioOf = (pair: ModelPair): Scenario => ({ name: pair.name, namingConvention: pair.namingConvention, steps: [] });

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

async function insertRows(dir: string, rows: string | undefined): Promise<void> {
  if (!rows) return;
  const { error } = await runSql(dir, rows);
  if (error) throw new Error(`The pair's rows did not insert: ${error}\n${rows}`);
}

/**
 * The SQL that rebuilds a database's schema: sqlite_master's statements in creation order, except
 * that each run of CREATE INDEX is sorted. create_all makes a table's indexes in the order of a
 * Python set (SQLAlchemy 1.4's Table.indexes), which changes from one run to the next, so the
 * recording would otherwise differ every other time (as gen_alembic_pairs.py's stable_ddl).
 */
async function schemaOf(dbPath: string): Promise<string[]> {
  const db = await openSqlJs(readFileSync(dbPath));
  try {
    const rows = db.query("SELECT sql, type FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").rows;
    return withIndexRunsSorted(rows.map((r) => ({ sql: `${String(r[0])};`, isIndex: r[1] === "index" })));
  } finally {
    db.close();
  }
}

export function withIndexRunsSorted(statements: readonly { readonly sql: string; readonly isIndex: boolean }[]): string[] {
  const out: string[] = [];
  let indexes: string[] = [];
  for (const { sql, isIndex } of statements) {
    if (isIndex) {
      indexes.push(sql);
      continue;
    }
    out.push(...indexes.sort(), sql);
    indexes = [];
  }
  return [...out, ...indexes.sort()];
}

/** The oracle's half: the real create_all and `flask db migrate`, and what they left and printed. */
export async function recordPair(pair: ModelPair, flaskMigrations: string): Promise<PairRecording> {
  const root = mkdtempSync(join(tmpdir(), "retort-pair-oracle-"));
  try {
    const flask = flaskSide(join(root, "flask"), scenarioOf(pair));
    mkdirSync(flask.dir);
    flask.writeModels(pair.before.python);
    await mustSucceed("create_all of the before models", runProcess(PYTHON, ["-c", CREATE_ALL], { cwd: flask.dir }));
    const schema = await schemaOf(join(flask.dir, "app.db"));
    await insertRows(flask.dir, pair.rows);
    // The test rebuilds the database from `schema`: it must be the database Flask had.
    const rebuilt = join(root, "rebuilt");
    mkdirSync(rebuilt);
    await writeDatabase(join(rebuilt, "app.db"), schema.join("\n"));
    await insertRows(rebuilt, pair.rows);
    if (!isDeepStrictEqual(await normaliseFile(join(rebuilt, "app.db")), await normaliseFile(join(flask.dir, "app.db")))) {
      throw new Error(`${pair.name}: the schema read from create_all's database does not rebuild the same database.`);
    }
    cpSync(flaskMigrations, join(flask.dir, "migrations"), { recursive: true });
    flask.writeModels(pair.after.python);
    const run = await flask.runDb(["migrate", "-m", "pair", "--rev-id", REV_ID]);
    return { input: inputDigest(pairInput(pair)), schema, status: statusOf(run), detected: inDefinedOrder(autogenerateLines(run.stdout, run.stderr)) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const tail = (r: ProcessResult) => outputLines(r.stdout, r.stderr).slice(-10).join("\n    ");

/** Retort's half: the recorded database, the "after" models, `db init` and `db migrate`. */
export async function runModelPair(
  pair: ModelPair,
  recording: Pick<PairRecording, "schema">,
  makeRetort: (dir: string, scenario: Scenario) => Side = retortSide,
): Promise<PairOutcome> {
  const root = mkdtempSync(join(tmpdir(), "retort-pair-"));
  const retort = makeRetort(root, scenarioOf(pair));
  await writeDatabase(join(root, "app.db"), recording.schema.join("\n"));
  await insertRows(root, pair.rows);
  retort.writeModels(pair.after[retort.language]);
  await retort.runDb(["init"]);
  const run = await retort.runDb(["migrate", "-m", "pair", "--rev-id", REV_ID]);
  return {
    retort: { status: statusOf(run), detected: inDefinedOrder(autogenerateLines(run.stdout, run.stderr)) },
    context: `retort:\n    ${tail(run)}\n  folder: ${root}`,
    root,
  };
}

export function disposePair(outcome: PairOutcome): void {
  rmSync(outcome.root, { recursive: true, force: true });
}
