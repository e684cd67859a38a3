// (a) parse + reflect + compare + render for a 200-table models.ts (10 columns, one index and
// one foreign key per table) against a database holding its previous version (one column fewer
// per table). Target: median ≤ 50 ms. Prints figures; never asserts on times.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { analyzeChanges, compareSchemas, openSqlJs, parseModels, reflectSchema, renderMigrationScript, reverseOps } from "../../src/engine";
import type { Database } from "../../src/engine";
import { bigModels, flaskFolderWithDb, fmt, median, TABLES } from "./fixtures";

const current = bigModels(true);
let db: Database | undefined;

/** Opens the database of the previous version (create_all of the Python models, one column fewer). */
export async function prepareAutogenerate(): Promise<void> {
  const dir = await flaskFolderWithDb(bigModels(false).python, "autogenerate");
  db = await openSqlJs(readFileSync(join(dir, "app.db")));
  rmSync(dir, { recursive: true, force: true });
}

interface StageTimes {
  parse: number;
  reflect: number;
  compare: number;
  render: number;
}

export function pipeline(): { times: StageTimes; script: string; ops: number } {
  if (!db) throw new Error("Call prepareAutogenerate() first.");
  const t0 = performance.now();
  const models = parseModels(current.ts);
  const t1 = performance.now();
  const reflected = reflectSchema(db);
  const t2 = performance.now();
  const { ops } = compareSchemas(reflected, models.schema);
  analyzeChanges(db, reflected, models.schema, ops);
  const t3 = performance.now();
  const script = renderMigrationScript({
    message: "extra columns",
    revision: "abcdef012345",
    downRevision: null,
    branchLabels: null,
    dependsOn: null,
    createDate: new Date(0),
    upgradeOps: ops,
    downgradeOps: reverseOps(ops),
  });
  const t4 = performance.now();
  return { times: { parse: t1 - t0, reflect: t2 - t1, compare: t3 - t2, render: t4 - t3 }, script, ops: ops.length };
}

export function measureAutogenerate(runs: number): void {
  for (let i = 0; i < 5; i++) pipeline(); // warm: JIT and sql.js statement caches
  const samples: StageTimes[] = [];
  let heapPeak = 0;
  let last = pipeline();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < runs; i++) {
    last = pipeline();
    samples.push(last.times);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapBefore);
  }
  const total = samples.map((s) => s.parse + s.reflect + s.compare + s.render);
  const stage = (k: keyof StageTimes) => fmt(median(samples.map((s) => s[k])));
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    [
      "",
      `(a) parse + reflect + compare + render, ${TABLES} tables (${last.ops} ops, ${last.script.length} characters of script), ${runs} runs:`,
      `    median ${fmt(median(total))} ms (target ≤ 50 ms); min ${fmt(Math.min(...total))} ms, max ${fmt(Math.max(...total))} ms`,
      `    stages (medians): parse ${stage("parse")} ms, reflect ${stage("reflect")} ms, compare + analyze ${stage("compare")} ms, render ${stage("render")} ms`,
      `    peak memory: ${fmt(rssMb)} MB RSS for the whole bench process; heap growth within the runs ≤ ${fmt(heapPeak / 2 ** 20)} MB`,
      "",
    ].join("\n"),
  );
}
