// (b) `db migrate` end to end through the CLI on the 200-table schema, against `flask db migrate`
// on the equivalent Python app (target ≤ 0.20× Flask's wall time), then `db current` (target
// ≤ 150 ms) and `db history` in the folders it leaves, beside Flask's; (c) `db upgrade` of a batch
// migration (a type change and a NOT NULL column with a server default) on a 1,000,000-row table,
// Retort against Flask on identical inputs (target ≤ 0.60× for the CLI's native binding, issue 13), with peak memory and a check that
// every row was kept. Prints figures; never asserts on times.
import { copyFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { runProcess } from "../differential/harness/process";
import { flaskApp, FLASK, PYTHON, RETORT_BIN, retortModels } from "../differential/harness/sides";
import { bigModels, copyOfDb, flaskFolderWithDb, fmt, median, mustRun, TABLES, timeProcess, type Timed } from "./fixtures";

const FLASK_ENV = { FLASK_APP: "app.py", PYTHONDONTWRITEBYTECODE: "1" };
const node = process.execPath;
const flaskDb = (argv: readonly string[]) => [FLASK, "db", ...argv];
const retortDb = (argv: readonly string[]) => [node, RETORT_BIN, "db", ...argv];

// The CLI's two SQLite bindings, timed one after the other on the same input: native
// (better-sqlite3, the CLI's default when it is built) and sql.js (the browser's, the fallback).
const BINDINGS = ["native", "sqljs"] as const;
const bindingEnv = (binding: (typeof BINDINGS)[number]) => ({ RETORT_SQLITE: binding });

function clearVersions(dir: string): void {
  const versions = join(dir, "migrations/versions");
  for (const f of readdirSync(versions)) rmSync(join(versions, f), { recursive: true, force: true });
}

async function timeRuns(runs: number, argv: readonly string[], cwd: string, before: () => void, env?: Record<string, string>): Promise<Timed[]> {
  const timed: Timed[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const t = await timeProcess(argv, cwd, env);
    if (t.result.code !== 0) throw new Error(`${argv.join(" ")} failed in ${cwd}:\n${t.result.stdout}\n${t.result.stderr}`);
    timed.push(t);
  }
  return timed;
}

/** "123 ms [110–140]": the median and the range of the runs, since other work shares the cores. */
function spread(runs: readonly Timed[]): string {
  const ms = runs.map((t) => t.seconds * 1000);
  return `${fmt(median(ms), 0)} ms [${fmt(Math.min(...ms), 0)}–${fmt(Math.max(...ms), 0)}]`;
}

const load = () => `load average ${loadavg().map((l) => fmt(l, 2)).join(" ")}`;

const detected = (t: Timed) => `${t.result.stdout}\n${t.result.stderr}`.split("\n").filter((l) => l.includes("Detected ")).length;

export async function benchMigrate(): Promise<void> {
  const previous = bigModels(false);
  const current = bigModels(true);
  const flaskDir = await flaskFolderWithDb(previous.python, "migrate-flask");
  const retortDir = copyOfDb(flaskDir, "migrate-retort");
  rmSync(join(retortDir, "migrations"), { recursive: true, force: true });
  await mustRun("flask db init", runProcess(FLASK, ["db", "init"], { cwd: flaskDir, env: FLASK_ENV }));
  await mustRun("retort db init", runProcess(node, [RETORT_BIN, "db", "init"], { cwd: retortDir }));
  writeFileSync(join(flaskDir, "app.py"), current.python);
  writeFileSync(join(retortDir, "models.ts"), current.ts);
  const argv = ["migrate", "-m", "extra columns", "--rev-id", "abcdef012345"];
  const retort: Timed[][] = [];
  for (const binding of BINDINGS) retort.push(await timeRuns(7, retortDb(argv), retortDir, () => clearVersions(retortDir), bindingEnv(binding)));
  const flask = await timeRuns(5, flaskDb(argv), flaskDir, () => clearVersions(flaskDir), FLASK_ENV);
  const f = median(flask.map((t) => t.seconds));
  const lines = ["", `(b) db migrate end to end, ${TABLES} tables against their previous version (medians [ranges] of 7 runs per binding, ${flask.length} of flask; ${load()}):`];
  BINDINGS.forEach((binding, i) => {
    const runs = retort[i]!;
    const r = median(runs.map((t) => t.seconds));
    lines.push(`    retort (${binding}): ${spread(runs)} wall, peak ${fmt(Math.max(...runs.map((t) => t.peakMb)))} MB RSS, ${detected(runs[0]!)} Detected lines; ratio retort/flask ${fmt(r / f, 2)}× (target ≤ 0.20×)`);
  });
  lines.push(`    flask: ${spread(flask)} wall, peak ${fmt(Math.max(...flask.map((t) => t.peakMb)))} MB RSS, ${detected(flask[0]!)} Detected lines`, "");
  console.log(lines.join("\n"));
  // the folders now hold the migration each tool wrote: the commands that only read the graph
  await benchGraphCommands(retortDir, flaskDir);
  for (const dir of [flaskDir, retortDir]) rmSync(dir, { recursive: true, force: true });
}

const GRAPH_COMMANDS = [["current"], ["history"]] as const;

/** `db current` and `db history` in the folders `benchMigrate` left: each reads the one migration script. */
async function benchGraphCommands(retortDir: string, flaskDir: string): Promise<void> {
  const script = readdirSync(join(retortDir, "migrations/versions")).find((f) => f.endsWith(".ts"))!;
  const kb = statSync(join(retortDir, "migrations/versions", script)).size / 1024;
  const lines = [`(b2) read-only commands in the same folders, one ${fmt(kb, 0)} KB migration script (medians [ranges] of 9 runs each; ${load()}):`];
  const noop = () => {};
  for (const argv of GRAPH_COMMANDS) {
    const flask = await timeRuns(9, flaskDb(argv), flaskDir, noop, FLASK_ENV);
    const f = median(flask.map((t) => t.seconds));
    // Flask runs with PYTHONDONTWRITEBYTECODE=1, so it compiles the script every time: Retort is
    // timed with its script cache (as it runs) and without it (RETORT_SCRIPT_CACHE=off)
    for (const binding of BINDINGS) {
      for (const cache of ["on", "off"] as const) {
        const runs = await timeRuns(9, retortDb(argv), retortDir, noop, { ...bindingEnv(binding), RETORT_SCRIPT_CACHE: cache });
        const target = argv[0] === "current" ? " (target ≤ 150 ms)" : "";
        lines.push(`    db ${argv[0]}, retort (${binding}, script cache ${cache}): ${spread(runs)} wall${target}; ratio retort/flask ${fmt(median(runs.map((t) => t.seconds)) / f, 2)}×`);
      }
    }
    lines.push(`    db ${argv[0]}, flask: ${spread(flask)} wall`);
  }
  console.log([...lines, ""].join("\n"));
}

const ROWS = 1_000_000;
const BIG_BEFORE = {
  python: `
class Big(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))
    email = db.Column(db.String(120))
    n = db.Column(db.Integer)
`,
  ts: "",
};
const BIG_AFTER = {
  python: `
class Big(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100))
    email = db.Column(db.String(120))
    n = db.Column(db.Integer)
    flag = db.Column(db.Integer, nullable=False, server_default="0")
`,
  ts: `
export class Big extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(100));
  email = db.Column(db.String(120));
  n = db.Column(db.Integer);
  flag = db.Column(db.Integer, { nullable: false, serverDefault: "0" });
}
`,
};

// A recursive CTE fills the table in one statement (about a second with Python's sqlite3).
const FILL = `
import sqlite3
con = sqlite3.connect("app.db")
con.execute("""WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${ROWS})
INSERT INTO big (id, name, email, n) SELECT i, 'name ' || i, 'user' || i || '@example.org', i % 1000 FROM c""")
con.commit()
`;

// What "every row kept" means: the same rows, the new column at its server default.
const SUMMARY = `
import json, sqlite3
con = sqlite3.connect("app.db")
flag = "total(flag)" if "flag" in [c[1] for c in con.execute("PRAGMA table_info(big)")] else "0.0"
print(json.dumps(con.execute(f"SELECT count(*), sum(id), total(length(name)), total(length(email)), sum(n), {flag} FROM big").fetchone()))
`;

async function rowSummary(dir: string): Promise<string> {
  return (await mustRun("the row summary", runProcess(PYTHON, ["-c", SUMMARY], { cwd: dir }))).stdout.trim();
}

export async function benchBatchUpgrade(): Promise<void> {
  const flaskDir = await flaskFolderWithDb(flaskApp({}, BIG_BEFORE.python), "upgrade-flask");
  await mustRun("filling the table", runProcess(PYTHON, ["-c", FILL], { cwd: flaskDir, timeoutMs: 300_000 }));
  const retortDir = copyOfDb(flaskDir, "upgrade-retort");
  rmSync(join(retortDir, "migrations"), { recursive: true, force: true });
  copyFileSync(join(flaskDir, "app.db"), join(flaskDir, "base.db"));
  copyFileSync(join(flaskDir, "app.db"), join(retortDir, "base.db"));
  await mustRun("flask db init", runProcess(FLASK, ["db", "init"], { cwd: flaskDir, env: FLASK_ENV }));
  await mustRun("retort db init", runProcess(node, [RETORT_BIN, "db", "init"], { cwd: retortDir }));
  writeFileSync(join(flaskDir, "app.py"), flaskApp({}, BIG_AFTER.python));
  writeFileSync(join(retortDir, "models.ts"), retortModels({}, BIG_AFTER.ts));
  const migrate = ["migrate", "-m", "wider name and a flag", "--rev-id", "0123456789ab"];
  await mustRun("flask db migrate", runProcess(FLASK, ["db", ...migrate], { cwd: flaskDir, env: FLASK_ENV }));
  await mustRun("retort db migrate", runProcess(node, [RETORT_BIN, "db", ...migrate], { cwd: retortDir }));
  const before = await rowSummary(flaskDir);
  const reset = (dir: string) => () => copyFileSync(join(dir, "base.db"), join(dir, "app.db"));
  const kept = (rows: string) => `${rows} — ${rows === before ? "every row kept" : "ROWS DIFFER"}`;
  const lines = ["", `(c) db upgrade of a batch migration (VARCHAR(50) -> VARCHAR(100), NOT NULL column with a server default) on ${ROWS.toLocaleString("en")} rows (medians of 5 runs each):`];
  const flask = await timeRuns(5, flaskDb(["upgrade"]), flaskDir, reset(flaskDir), FLASK_ENV);
  const f = median(flask.map((t) => t.seconds));
  const flaskRows = await rowSummary(flaskDir);
  for (const binding of BINDINGS) {
    const retort = await timeRuns(5, retortDb(["upgrade"]), retortDir, reset(retortDir), bindingEnv(binding));
    const r = median(retort.map((t) => t.seconds));
    lines.push(`    retort (${binding}): ${fmt(r, 2)} s wall, peak ${fmt(Math.max(...retort.map((t) => t.peakMb)))} MB RSS; ratio retort/flask ${fmt(r / f, 2)}× (target ≤ ${binding === "native" ? "0.60" : "1.0"}×); rows after: ${kept(await rowSummary(retortDir))}`);
  }
  lines.push(
    `    flask: ${fmt(f, 2)} s wall, peak ${fmt(Math.max(...flask.map((t) => t.peakMb)))} MB RSS; rows after: ${kept(flaskRows)}`,
    `    rows [count, sum(id), length(name), length(email), sum(n), sum(flag)] before: ${before}`,
    "",
  );
  console.log(lines.join("\n"));
  for (const dir of [flaskDir, retortDir]) rmSync(dir, { recursive: true, force: true });
}
