// SCRATCH (not committed): Retort vs real Flask-Migrate on random evolutions.
import { test } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { runCommand } from "../../src/engine/commands";
import { openSqlJs } from "../../src/engine/db/sqljs";
import { newWorkspace, withFile, type Workspace } from "../../src/engine/workspace/workspace";
import { colName, randomModel, rngOf, type ModelSpec, type ColSpec, type ColType, type TableSpec } from "./evolution-model";
import { evolve } from "./evolution-change";
import { modelsSource } from "./evolution-source";
import { randomRows, type TableRows } from "./evolution-rows";
import { insertRows, normaliseSql } from "./evolution-dump";

const py = (s: string) => JSON.stringify(s);
function pyType(t: ColType): string {
  if (t.kind === "Enum") return `db.Enum(${[...(t.enumValues ?? []).map(py), ...(t.enumName ? [`name=${py(t.enumName)}`] : [])].join(", ")})`;
  if (t.length !== undefined) return `db.${t.kind}(${t.length})`;
  if (t.precision !== undefined) return `db.${t.kind}(${t.precision.join(", ")})`;
  return `db.${t.kind}()`;
}
function pyDefault(sd: string): string {
  const m = /^db\.text\((.*)\)$/.exec(sd);
  if (m) return `db.text(${m[1]})`;
  if (sd.startsWith('"')) return sd;
  return py(sd);
}
function fkOpts(c: ColSpec): string {
  const f = c.fk!;
  return [f.onDelete && `ondelete=${py(f.onDelete)}`, f.onUpdate && `onupdate=${py(f.onUpdate)}`, f.name && `name=${py(f.name)}`].filter(Boolean).map((x) => `, ${x}`).join("");
}
function pyCol(c: ColSpec): string {
  const args = [py(colName(c)), pyType(c.type)];
  if (c.fk && !c.fk.tableLevel) args.push(`db.ForeignKey(${py(c.fk.table + ".id")}${fkOpts(c)})`);
  if (c.attr === "id") args.push("primary_key=True");
  else if (!c.nullable) args.push("nullable=False");
  if (c.unique) args.push("unique=True");
  if (c.index) args.push("index=True");
  if (c.serverDefault !== undefined) args.push(`server_default=${pyDefault(c.serverDefault)}`);
  if (c.comment !== undefined) args.push(`comment=${py(c.comment)}`);
  return `    locals()[${py("a_" + c.attr)}] = db.Column(${args.join(", ")})`;
}
function pyTable(t: TableSpec): string {
  const targs = [
    ...t.args.map((a) => a.kind === "unique" ? `db.UniqueConstraint(${a.cols.map(py).join(", ")}, name=${py(a.name)})` : `db.Index(${py(a.name)}, ${a.cols.map(py).join(", ")}${a.unique ? ", unique=True" : ""})`),
    ...(t.check ? [`db.CheckConstraint(${py(t.check)}, name="positive_id")`] : []),
    ...t.cols.filter((c) => c.fk?.tableLevel).map((c) => `db.ForeignKeyConstraint([${py(colName(c))}], [${py(c.fk!.table + ".id")}]${fkOpts(c)})`),
  ];
  return [`class ${t.cls}(db.Model):`, `    __tablename__ = ${py(t.tablename)}`, ...(targs.length ? [`    __table_args__ = (${targs.join(", ")},)`] : []), ...t.cols.map(pyCol)].join("\n");
}
const NAMING_PY = `MetaData(naming_convention={"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s", "ck": "ck_%(table_name)s_%(constraint_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "pk": "pk_%(table_name)s"})`;
function pyApp(v1: ModelSpec, v2: ModelSpec): string {
  const body = (s: ModelSpec) => s.tables.map(pyTable).join("\n\n").split("\n").map((l) => "    " + l).join("\n");
  return `from os.path import abspath
import os
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from flask_migrate import Migrate
from sqlalchemy import MetaData
app = Flask(__name__)
app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///' + abspath('app.db')
db = SQLAlchemy(app${v1.naming ? `, metadata=${NAMING_PY}` : ""})
migrate = Migrate(app, db, compare_type=True, render_as_batch=True)
if os.environ.get("V") == "1":
${body(v1)}
else:
${body(v2)}
`;
}

async function retort(v1: ModelSpec, v2: ModelSpec, data: TableRows[]) {
  let ws: Workspace = newWorkspace("x", modelsSource(v1));
  const out: string[] = [];
  let n = 0;
  const run = async (...argv: string[]) => {
    const r = await runCommand(argv, ws, { openDatabase: openSqlJs, random: () => ((n++ * 7) % 16) / 16, clock: () => new Date() });
    ws = r.workspace;
    out.push(...r.lines.map((l) => l.text).filter((t) => t.startsWith("Detected") || t.startsWith("Error") || t.includes("No changes")));
    return r;
  };
  await run("init"); await run("migrate", "-m", "first"); await run("upgrade");
  ws = { ...ws, database: await insertRows(ws.database, data) };
  ws = withFile(ws, "models.ts", modelsSource(v2));
  await run("migrate", "-m", "second");
  const up = await run("upgrade");
  const db = await openSqlJs(ws.database ?? undefined);
  const master = db.query("SELECT type, name, sql FROM sqlite_master WHERE name != 'alembic_version' ORDER BY type, name").rows.map((r) => r.join(" | "));
  db.close();
  return { out, ok: up.exitCode === 0, master };
}

function flask(v1: ModelSpec, v2: ModelSpec, data: TableRows[]) {
  const dir = "/tmp/evdiff/w";
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/app.py`, pyApp(v1, v2));
  writeFileSync(`${dir}/rows.json`, JSON.stringify(data.map((t) => ({ ...t, rows: t.rows.map((r) => r.map((v) => (v instanceof Uint8Array ? { hex: Buffer.from(v).toString("hex") } : v))) }))));
  writeFileSync(`${dir}/ins.py`, `import json, sqlite3
c = sqlite3.connect('app.db')
for t in json.load(open('rows.json')):
    for r in t['rows']:
        vals = [bytes.fromhex(v['hex']) if isinstance(v, dict) else v for v in r]
        c.execute('INSERT INTO "%s" (%s) VALUES (%s)' % (t['table'].replace('"','""'), ', '.join('"%s"' % x.replace('"','""') for x in t['columns']), ', '.join('?' for _ in r)), vals)
c.commit()
`);
  const sh = (cmd: string, v: string) => { try { return execFileSync("bash", ["-c", cmd], { cwd: dir, env: { ...process.env, FLASK_APP: "app.py", V: v }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }); } catch (e) { const x = e as { stdout: string; stderr: string }; return `FAILED ${x.stdout}${x.stderr}`; } };
  const out: string[] = [];
  const keep = (s: string) => out.push(...s.split("\n").map((l) => l.replace(/^INFO  \[[^\]]+\] /, "")).filter((t) => t.startsWith("Detected") || t.includes("No changes") || t.startsWith("FAILED") || /Error/.test(t)));
  keep(sh("/usr/bin/flask db init && /usr/bin/flask db migrate -m first 2>&1 && /usr/bin/flask db upgrade 2>&1", "1"));
  sh("/usr/bin/python3 ins.py", "1");
  keep(sh("/usr/bin/flask db migrate -m second 2>&1", "2"));
  const up = sh("/usr/bin/flask db upgrade 2>&1", "2");
  const master = execFileSync("/usr/bin/python3", ["-c", `import sqlite3;c=sqlite3.connect('app.db')
for r in c.execute("SELECT type, name, sql FROM sqlite_master WHERE name != 'alembic_version' ORDER BY type, name"): print(' | '.join('' if x is None else x for x in r).replace(chr(10), '@@'))`], { cwd: dir, encoding: "utf8" }).trim().split("\n").filter(Boolean).map((l) => l.replace(/@@/g, "\n"));
  return { out, ok: !up.startsWith("FAILED"), master, up };
}

test("scratch diff", async () => {
  const seeds = (process.env.SEEDS ?? "1,2,3").split(",").map(Number);
  for (const seed of seeds) {
    const rng = rngOf(seed);
    const naming = seed % 2 === 0;
    const v1 = randomModel(rng, 1 + (seed % 4), naming);
    const { spec: v2 } = evolve(rng, v1, 1 + (seed % 5));
    const data = randomRows(rng, v1, v2);
    if (/dash-table|quote|odd table/.test(modelsSource(v1) + modelsSource(v2))) { console.log(`seed ${seed}: skipped`); continue; }
    const a = await retort(v1, v2, data);
    const b = flask(v1, v2, data);
    const diffs: string[] = [];
    if (JSON.stringify(a.out.filter((l) => !l.startsWith("Error"))) !== JSON.stringify(b.out.filter((l) => !l.startsWith("FAILED") && !/Error/.test(l)))) diffs.push(`messages:\nretort ${JSON.stringify(a.out)}\nflask  ${JSON.stringify(b.out)}`);
    if (a.ok !== b.ok) diffs.push(`upgrade ok: retort ${a.ok} flask ${b.ok}\n${b.up?.slice(-600)}\n${a.out.join("\n")}`);
    if (a.ok && b.ok) {
      const norm = (x: string) => { const [t, n, sql] = x.split(" | "); return `${t} | ${n} | ${normaliseSql(sql ?? null)}`; };
      const ma = a.master.map(norm), mb = b.master.map(norm);
      const miss = mb.filter((x) => !ma.includes(x)), extra = ma.filter((x) => !mb.includes(x));
      if (miss.length || extra.length) diffs.push(`schema:\nflask  ${miss.join("\n       ")}\nretort ${extra.join("\n       ")}`);
    }
    console.log(`seed ${seed}: ${diffs.length === 0 ? "same" : "DIFF\n" + diffs.join("\n") + "\n" + modelsSource(v1) + "\n=== v2\n" + modelsSource(v2)}`);
    if (diffs.length) writeFileSync(`/tmp/evdiff/seed-${seed}.py`, pyApp(v1, v2));
  }
}, 600_000);
