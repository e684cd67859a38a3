// Generated inputs for the benchmarks: a 200-table schema as models.ts and as a Flask app,
// the database of its previous version (one column fewer per table), and processes timed
// from outside (wall time and peak RSS of the child).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProcess, type ProcessResult } from "../differential/harness/process";
import { flaskApp, FLASK, PYTHON, retortModels } from "../differential/harness/sides";

export const TABLES = 200;

const name = (i: number) => `t${String(i).padStart(3, "0")}`;
const cls = (i: number) => `T${String(i).padStart(3, "0")}`;

// Ten columns, one index (name) and one foreign key (parent_id) per table. `extra` is the column
// the previous version lacks. Each table refers to the first of its group of ten (which refers to
// itself): a 200-long chain of foreign keys makes Alembic's autogenerate fail now and then with
// "maximum recursion depth exceeded".
const parentOf = (i: number) => name(i - (i % 10));

function pythonClass(i: number, withExtra: boolean): string {
  const parent = parentOf(i);
  return [
    `class ${cls(i)}(db.Model):`,
    `    __tablename__ = "${name(i)}"`,
    "    id = db.Column(db.Integer, primary_key=True)",
    "    name = db.Column(db.String(64), index=True)",
    `    parent_id = db.Column(db.Integer, db.ForeignKey("${parent}.id"))`,
    "    title = db.Column(db.String(200))",
    "    body = db.Column(db.Text)",
    '    qty = db.Column(db.Integer, nullable=False, server_default="0")',
    "    price = db.Column(db.Numeric(10, 2))",
    "    active = db.Column(db.Boolean)",
    "    created = db.Column(db.DateTime)",
    ...(withExtra ? ["    extra = db.Column(db.String(50))"] : []),
  ].join("\n");
}

function tsClass(i: number, withExtra: boolean): string {
  const parent = parentOf(i);
  return [
    `export class ${cls(i)} extends db.Model {`,
    `  static __tablename__ = "${name(i)}";`,
    "  id = db.Column(db.Integer, { primaryKey: true });",
    "  name = db.Column(db.String(64), { index: true });",
    `  parent_id = db.Column(db.Integer, db.ForeignKey("${parent}.id"));`,
    "  title = db.Column(db.String(200));",
    "  body = db.Column(db.Text);",
    '  qty = db.Column(db.Integer, { nullable: false, serverDefault: "0" });',
    "  price = db.Column(db.Numeric(10, 2));",
    "  active = db.Column(db.Boolean);",
    "  created = db.Column(db.DateTime);",
    ...(withExtra ? ["  extra = db.Column(db.String(50));"] : []),
    "}",
  ].join("\n");
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const NO_CONVENTION = {};

export function bigModels(withExtra: boolean): { python: string; ts: string } {
  return {
    python: flaskApp(NO_CONVENTION, range(TABLES).map((i) => pythonClass(i, withExtra)).join("\n\n\n")),
    ts: retortModels(NO_CONVENTION, range(TABLES).map((i) => tsClass(i, withExtra)).join("\n\n")),
  };
}

export function requireTools(): void {
  for (const tool of [FLASK, PYTHON]) {
    if (!existsSync(tool)) {
      throw new Error(
        `The benchmarks compare with the real Flask-Migrate at ${tool}. Install it with ` +
          "`apt-get install python3-flask-migrate python3-flask-sqlalchemy`, then run `npm run bench` again.",
      );
    }
  }
}

export async function mustRun(what: string, run: Promise<ProcessResult>): Promise<ProcessResult> {
  const r = await run;
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** A folder with the Flask app of `pythonApp` whose app.db create_all built. */
export async function flaskFolderWithDb(pythonApp: string, label: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `retort-bench-${label}-`));
  writeFileSync(join(dir, "app.py"), pythonApp);
  const createAll = "from app import app, db\nwith app.app_context():\n    db.create_all()\n";
  await mustRun("create_all", runProcess(PYTHON, ["-c", createAll], { cwd: dir }));
  return dir;
}

/** A sibling folder holding a copy of `from`'s app.db, for the other tool. */
export function copyOfDb(from: string, label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `retort-bench-${label}-`));
  copyFileSync(join(from, "app.db"), join(dir, "app.db"));
  mkdirSync(join(dir, "migrations"), { recursive: true });
  return dir;
}

export interface Timed {
  readonly seconds: number;
  /** Peak resident set size of the child, in MB. */
  readonly peakMb: number;
  readonly result: ProcessResult;
}

// Times a child from a tiny Python parent: wall time from just before the spawn to its exit,
// and the child's ru_maxrss (RUSAGE_CHILDREN), which Node cannot read for its children.
const TIMER = [
  "import json, resource, subprocess, sys, time",
  "t = time.perf_counter()",
  "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)",
  "wall = time.perf_counter() - t",
  "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss",
  'print(json.dumps({"wall": wall, "peak_kb": peak, "code": p.returncode, "stdout": p.stdout, "stderr": p.stderr}))',
].join("\n");

export async function timeProcess(argv: readonly string[], cwd: string, env?: Record<string, string>): Promise<Timed> {
  const r = await runProcess(PYTHON, ["-c", TIMER, ...argv], { cwd, env, timeoutMs: 600_000 });
  if (r.code !== 0) throw new Error(`the timer failed:\n${r.stderr}`);
  const out = JSON.parse(r.stdout) as { wall: number; peak_kb: number; code: number; stdout: string; stderr: string };
  return { seconds: out.wall, peakMb: out.peak_kb / 1024, result: { code: out.code, stdout: out.stdout, stderr: out.stderr } };
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const fmt = (x: number, digits = 1) => x.toFixed(digits);
