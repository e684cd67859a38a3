// The oracle's half of a scenario: plays it on the real Flask-Migrate (`/usr/bin/flask db …` and
// an app.py) in a temp folder and records what a user saw after every step.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inputDigest } from "../../oracle/fixture-file";
import { normaliseFile } from "./normalise";
import { comparableLines, describeStep, flaskInput, scriptNames, statusOf, type ScenarioRecording, type StepRecord } from "./recording";
import type { DbStep, Scenario } from "./scenario";
import { editNewestScript, flaskSide, type Side } from "./sides";
import { runSql } from "./sql-file";

// The scenario's SQL is written for Flask's schema: failing there is a bug of the scenario itself.
async function runSqlOrThrow(side: Side, sqlText: string, label: string): Promise<void> {
  const { error } = await runSql(side.dir, sqlText);
  if (error) throw new Error(`${label}: the SQL failed on the Flask side: ${error}\n${sqlText}`);
}

async function recordDbStep(flask: Side, step: DbStep, label: string): Promise<StepRecord> {
  const equivalent = step.flaskEquivalent;
  if (equivalent?.sql) await runSqlOrThrow(flask, equivalent.sql, label);
  const result = await flask.runDb(equivalent?.argv ?? step.argv);
  return {
    step: label,
    status: statusOf(result),
    lines: comparableLines(step, result),
    scripts: scriptNames(flask.dir),
    db: await normaliseFile(join(flask.dir, "app.db")),
  };
}

export async function recordScenario(scenario: Scenario): Promise<ScenarioRecording> {
  const dir = mkdtempSync(join(tmpdir(), "retort-oracle-"));
  try {
    const flask = flaskSide(dir, scenario);
    const steps: StepRecord[] = [];
    for (const [index, step] of scenario.steps.entries()) {
      const label = describeStep(index, step);
      if (step.kind === "db") {
        steps.push(await recordDbStep(flask, step, label));
        continue;
      }
      if (step.kind === "models") flask.writeModels(step.python);
      else if (step.kind === "sql") await runSqlOrThrow(flask, step.sql, label);
      else editNewestScript(dir, step.python);
      steps.push({ step: label });
    }
    return { scenario: scenario.name, input: inputDigest(flaskInput(scenario)), steps };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
