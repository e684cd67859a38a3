// Plays a scenario on Retort, step by step, and collects what must equal the oracle's recording
// of the real Flask-Migrate (tests/differential/fixtures/scenarios, see record-scenario.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FixtureError, readFixture, requireSameInput } from "../../oracle/fixture-file";
import { isSharedLine, outputLines, withTransactionalDdl } from "./lines";
import { normaliseFile, type Snapshot, type SnapshotTable } from "./normalise";
import type { ProcessResult } from "./process";
import {
  comparableLines,
  describeStep,
  flaskInput,
  scenarioFixturePath,
  scriptNames,
  statusOf,
  type DbObservation,
  type ScenarioRecording,
  type StepRecord,
} from "./recording";
import type { Allowance, DbStep, Scenario } from "./scenario";
import { editNewestScript, retortSide, type Side } from "./sides";
import { runSql } from "./sql-file";

/** One comparison: `retort` must equal `expected` (Flask's observation, or what SPEC §3 requires). */
export interface Check {
  readonly label: string;
  readonly expected: unknown;
  readonly retort: unknown;
  /** Retort's output and folder, to read when the check fails. */
  readonly context: string;
}

export interface ScenarioRun {
  readonly checks: Check[];
  readonly dir: string;
  dispose(): void;
}

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

/** What Retort's database must be after a step, given what SPEC §3 allows there. */
function expectedDb(flaskAfter: Snapshot, retortBefore: Snapshot, allow: Allowance | undefined): Snapshot {
  if (allow?.retortKeepsDb) return retortBefore;
  if (allow?.retortKeepsIndexesUnique) return withUniqueIndexes(flaskAfter, allow.retortKeepsIndexesUnique);
  if (!allow?.retortKeepsRowsOf) return flaskAfter;
  const tables: Record<string, SnapshotTable> = { ...flaskAfter.tables };
  for (const name of allow.retortKeepsRowsOf) {
    const flaskTable = tables[name];
    if (flaskTable) tables[name] = { ...flaskTable, rows: retortBefore.tables[name]?.rows ?? [] };
  }
  return { ...flaskAfter, tables };
}

const tail = (r: ProcessResult) => outputLines(r.stdout, r.stderr).slice(-8).join("\n    ");

/** The recording of `scenario`, checked to be one of this scenario as it is now, step by step. */
export function readRecording(scenario: Scenario, root?: string): ScenarioRecording {
  const path = scenarioFixturePath(scenario);
  const recording = readFixture<ScenarioRecording>(path, root);
  requireSameInput(path, recording.input, flaskInput(scenario), `the scenario "${scenario.name}"`);
  const labels = scenario.steps.map((s, i) => describeStep(i, s));
  const recorded = (recording.steps ?? []).map((s) => s.step);
  if (JSON.stringify(labels) !== JSON.stringify(recorded)) {
    throw new FixtureError(`The oracle's recording ${path} lists other steps than the scenario (${recorded.length} against ${labels.length}): re-record it with \`npm run oracle:record\`.`);
  }
  return recording;
}

function dbChecks(step: DbStep, recorded: DbObservation, retort: ProcessResult, dir: string, label: string): Check[] {
  const context = `retort:\n    ${tail(retort)}\n  folder: ${dir}`;
  const checks: Check[] = [
    { label: `${label}: exit status`, expected: recorded.status, retort: statusOf(retort), context },
    {
      label: `${label}: Alembic's lines${step.runningOrderUndefined ? ` (as a set: ${step.runningOrderUndefined})` : ""}`,
      expected: step.argv.includes("--sql") ? recorded.lines : withTransactionalDdl(recorded.lines),
      retort: comparableLines(step, retort),
      context,
    },
    { label: `${label}: migration scripts (<rev>_<slug>)`, expected: recorded.scripts, retort: scriptNames(dir), context },
  ];
  const says = step.retortSays;
  if (says) {
    checks.push({
      label: `${label}: Retort prints ${says} (SPEC §3)`,
      expected: true,
      // Among Retort's own lines only: the shared Alembic lines must not satisfy it.
      retort: outputLines(retort.stdout, retort.stderr).some((l) => !isSharedLine(l) && says.test(l)),
      context,
    });
  }
  return checks;
}

function asObservation(record: StepRecord, path: string): DbObservation {
  if (!record.status || !record.lines || !record.scripts || !record.db) {
    throw new FixtureError(`The oracle's recording ${path} has no observation for "${record.step}": re-record it with \`npm run oracle:record\`.`);
  }
  return record as DbObservation;
}

/** Builds the side compared with the recording: Retort's CLI, or (to test the harness) a stand-in. */
export type SideFactory = (dir: string, scenario: Scenario) => Side;

export async function runScenario(scenario: Scenario, recording: ScenarioRecording, makeRetort: SideFactory = retortSide): Promise<ScenarioRun> {
  const dir = mkdtempSync(join(tmpdir(), "retort-differential-"));
  const retort = makeRetort(dir, scenario);
  const appDb = join(dir, "app.db");
  const checks: Check[] = [];
  let before = await normaliseFile(appDb);
  for (const [index, step] of scenario.steps.entries()) {
    const label = describeStep(index, step);
    if (step.kind === "models") retort.writeModels(step.ts);
    else if (step.kind === "edit") editNewestScript(dir, step.ts);
    else if (step.kind === "sql") {
      const { error } = await runSql(dir, step.sql);
      checks.push({ label: `${label}: the SQL runs`, expected: "", retort: error, context: step.sql });
      before = await normaliseFile(appDb);
    } else {
      const recorded = asObservation(recording.steps[index]!, scenarioFixturePath(scenario));
      const result = await retort.runDb(step.argv);
      checks.push(...dbChecks(step, recorded, result, dir, label));
      const after = await normaliseFile(appDb);
      const why = step.allow ? ` (allowed by SPEC §3: ${step.allow.reason})` : "";
      checks.push({
        label: `${label}: database${why}`,
        expected: expectedDb(recorded.db, before, step.allow),
        retort: after,
        context: `folder: ${dir}`,
      });
      before = after;
    }
  }
  return { checks, dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
