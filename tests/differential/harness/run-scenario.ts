// Plays a scenario on both tools, step by step, and collects what must be equal.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inDefinedOrder, isSharedLine, outputLines, runningAsSet, sharedLines } from "./lines";
import type { ProcessResult } from "./process";
import type { Allowance, DbStep, Scenario, Step } from "./scenario";
import { editNewestScript, flaskSide, normaliseDbs, retortSide, runSql, type Side } from "./sides";

/** One comparison: `retort` must equal `expected` (Flask's observation, or what SPEC §3 requires). */
export interface Check {
  readonly label: string;
  readonly expected: unknown;
  readonly retort: unknown;
  /** The tail of both outputs, to read when the check fails. */
  readonly context: string;
}

export interface ScenarioRun {
  readonly checks: Check[];
  readonly dirs: { flask: string; retort: string };
  dispose(): void;
}

interface SnapshotObject {
  readonly type: string;
  readonly name: string;
  readonly sql: string | null;
}
interface SnapshotIndex {
  readonly name: string;
  readonly unique: number;
}
type SnapshotTable = { rows: unknown; indexes: SnapshotIndex[] } & Record<string, unknown>;
type Snapshot = { objects: SnapshotObject[]; tables: Record<string, SnapshotTable> } & Record<string, unknown>;

// Flask's database as it would be had Alembic kept these indexes unique (alembic 1.8's
// DropIndexOp.reverse() re-creates them without unique=True; SPEC §3 does not copy that bug).
function withUniqueIndexes(snapshot: Snapshot, names: readonly string[]): Snapshot {
  const objects = snapshot.objects.map((o) =>
    o.type === "index" && names.includes(o.name) && o.sql ? { ...o, sql: o.sql.replace(/^CREATE INDEX /, "CREATE UNIQUE INDEX ") } : o,
  );
  const tables = Object.fromEntries(
    Object.entries(snapshot.tables).map(([name, t]) => [
      name,
      { ...t, indexes: t.indexes.map((i) => (names.includes(i.name) ? { ...i, unique: 1 } : i)) },
    ]),
  );
  return { ...snapshot, objects, tables };
}

const tail = (r: ProcessResult) => outputLines(r.stdout, r.stderr).slice(-8).join("\n    ");

function describeStep(index: number, step: Step): string {
  if (step.kind === "db") return `step ${index + 1}: db ${step.argv.join(" ")}`;
  return `step ${index + 1}: ${step.kind}`;
}

/** What Retort's database must be after a step, given what SPEC §3 allows there. */
function expectedDb(flaskAfter: Snapshot, retortBefore: Snapshot, allow: Allowance | undefined): Snapshot {
  if (allow?.retortKeepsDb) return retortBefore;
  if (allow?.retortKeepsIndexesUnique) return withUniqueIndexes(flaskAfter, allow.retortKeepsIndexesUnique);
  if (!allow?.retortKeepsRowsOf) return flaskAfter;
  const tables = { ...flaskAfter.tables };
  for (const name of allow.retortKeepsRowsOf) {
    const flaskTable = tables[name];
    if (flaskTable) tables[name] = { ...flaskTable, rows: retortBefore.tables[name]?.rows ?? [] };
  }
  return { ...flaskAfter, tables };
}

// The scripts' names without their extension: SPEC §2 takes Alembic's slug rule.
function scriptNames(dir: string): string[] {
  const versions = join(dir, "migrations/versions");
  if (!existsSync(versions)) return [];
  return readdirSync(versions)
    .filter((f) => /\.(py|ts)$/.test(f))
    .map((f) => f.replace(/\.(py|ts)$/, ""))
    .sort();
}

async function runDbStep(sides: [Side, Side], step: DbStep, label: string, checks: Check[]): Promise<void> {
  const equivalent = step.flaskEquivalent;
  if (equivalent?.sql) await runSqlOrThrow(sides[0], equivalent.sql, label);
  const [flask, retort] = await Promise.all([
    sides[0].runDb(equivalent?.argv ?? step.argv),
    sides[1].runDb(step.argv),
  ]);
  const context = `flask:\n    ${tail(flask!)}\n  retort:\n    ${tail(retort!)}`;
  const status = (r: ProcessResult) => (r.code === 0 ? "succeeds" : "fails");
  checks.push({ label: `${label}: exit status`, expected: status(flask!), retort: status(retort!), context });
  const comparable = (r: ProcessResult) => {
    const lines = inDefinedOrder(sharedLines(r.stdout, r.stderr));
    return step.runningOrderUndefined ? runningAsSet(lines) : lines;
  };
  const why = step.runningOrderUndefined ? ` (as a set: ${step.runningOrderUndefined})` : "";
  checks.push({ label: `${label}: Alembic's lines${why}`, expected: comparable(flask!), retort: comparable(retort!), context });
  checks.push({
    label: `${label}: migration scripts (<rev>_<slug>)`,
    expected: scriptNames(sides[0].dir),
    retort: scriptNames(sides[1].dir),
    context,
  });
  if (step.retortSays) {
    const says = step.retortSays;
    checks.push({
      label: `${label}: Retort prints ${says} (SPEC §3)`,
      expected: true,
      // Among Retort's own lines only: the shared Alembic lines must not satisfy it.
      retort: outputLines(retort!.stdout, retort!.stderr).some((l) => !isSharedLine(l) && says.test(l)),
      context,
    });
  }
}

// The scenario's SQL is written for Flask's schema: failing there is a bug of the scenario itself.
async function runSqlOrThrow(side: Side, sqlText: string, label: string): Promise<ProcessResult> {
  const result = await runSql(side.dir, sqlText);
  if (result.code !== 0) throw new Error(`${label}: the SQL failed on the ${side.name} side:\n${result.stderr}`);
  return result;
}

async function runOtherStep(sides: [Side, Side], step: Step, label: string, checks: Check[]): Promise<void> {
  if (step.kind === "models") {
    for (const side of sides) side.writeModels(step[side.language]);
  } else if (step.kind === "sql") {
    const [, retort] = await Promise.all([runSqlOrThrow(sides[0], step.sql, label), runSql(sides[1].dir, step.sql)]);
    checks.push({ label: `${label}: the SQL runs`, expected: "", retort: retort.stderr.trim(), context: step.sql });
  } else if (step.kind === "edit") {
    for (const side of sides) editNewestScript(side.dir, step[side.language]);
  }
}

/** Builds the side compared with Flask: Retort's CLI, or (to test the harness itself) another Flask. */
export type SideFactory = (dir: string, scenario: Scenario) => Side;

export async function runScenario(scenario: Scenario, makeRetort: SideFactory = retortSide): Promise<ScenarioRun> {
  const root = mkdtempSync(join(tmpdir(), "retort-differential-"));
  const dirs = { flask: join(root, "flask"), retort: join(root, "retort") };
  mkdirSync(dirs.flask);
  mkdirSync(dirs.retort);
  const sides: [Side, Side] = [flaskSide(dirs.flask, scenario), makeRetort(dirs.retort, scenario)];
  const checks: Check[] = [];
  let [, retortBefore] = (await normaliseDbs([dirs.flask, dirs.retort])) as Snapshot[];
  for (const [index, step] of scenario.steps.entries()) {
    const label = describeStep(index, step);
    if (step.kind !== "db") {
      await runOtherStep(sides, step, label, checks);
      if (step.kind === "sql") [, retortBefore] = (await normaliseDbs([dirs.flask, dirs.retort])) as Snapshot[];
      continue;
    }
    await runDbStep(sides, step, label, checks);
    const [flaskAfter, retortAfter] = (await normaliseDbs([dirs.flask, dirs.retort])) as Snapshot[];
    const why = step.allow ? ` (allowed by SPEC §3: ${step.allow.reason})` : "";
    checks.push({
      label: `${label}: database${why}`,
      expected: expectedDb(flaskAfter!, retortBefore!, step.allow),
      retort: retortAfter,
      context: `folders: ${dirs.flask} and ${dirs.retort}`,
    });
    retortBefore = retortAfter;
  }
  return { checks, dirs, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
