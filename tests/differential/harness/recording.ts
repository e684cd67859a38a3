// What the oracle records of a scenario: for each step, what Flask-Migrate showed a user (exit
// status, Alembic's lines, the scripts' names, the database as normalise.ts sees it), in a
// form that is the same on every run of the real tool, so that re-recording is byte-stable.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fixtureSlug } from "../../oracle/fixture-file";
import type { ModelPair } from "./model-pair";
import { inDefinedOrder, runningAsSet, sharedLines } from "./lines";
import type { Snapshot } from "./normalise";
import type { ProcessResult } from "./process";
import type { DbStep, Scenario, Step } from "./scenario";

export const SCENARIO_FIXTURES = "tests/differential/fixtures/scenarios";
export const PAIRS_FIXTURE = "tests/differential/fixtures/autogenerate-pairs.json";

export const scenarioFixturePath = (scenario: Scenario): string => `${SCENARIO_FIXTURES}/${fixtureSlug(scenario.name)}.json`;

export interface DbObservation {
  readonly status: "succeeds" | "fails";
  /** Alembic's lines in the order compared (see lines.ts), whole: logger prefixes included. */
  readonly lines: readonly string[];
  /** migrations/versions after the step, as <rev>_<slug> without the extension. */
  readonly scripts: readonly string[];
  readonly db: Snapshot;
}

/** A step's record: its label (so a reordered scenario is caught), and for a db step what Flask showed. */
export type StepRecord = { readonly step: string } & Partial<DbObservation>;

export interface ScenarioRecording {
  readonly scenario: string;
  readonly input: string;
  readonly steps: readonly StepRecord[];
}

export interface PairObservation {
  readonly status: "succeeds" | "fails";
  readonly detected: readonly string[];
}

export interface PairRecording extends PairObservation {
  readonly input: string;
  /** The database SQLAlchemy's create_all built from the "before" models, as SQL that rebuilds it. */
  readonly schema: readonly string[];
}

export interface PairsRecording {
  readonly pairs: Readonly<Record<string, PairRecording>>;
}

export function describeStep(index: number, step: Step): string {
  if (step.kind === "db") return `step ${index + 1}: db ${step.argv.join(" ")}`;
  return `step ${index + 1}: ${step.kind}`;
}

export const statusOf = (r: ProcessResult): "succeeds" | "fails" => (r.code === 0 ? "succeeds" : "fails");

/** A db step's lines as compared: Alembic's order where it has one, a set where it has none. */
export function comparableLines(step: DbStep, r: ProcessResult): string[] {
  const lines = inDefinedOrder(sharedLines(r.stdout, r.stderr));
  return step.runningOrderUndefined ? runningAsSet(lines) : lines;
}

// The scripts' names without their extension: SPEC §2 takes Alembic's slug rule.
export function scriptNames(dir: string): string[] {
  const versions = join(dir, "migrations/versions");
  if (!existsSync(versions)) return [];
  return readdirSync(versions)
    .filter((f) => /\.(py|ts)$/.test(f))
    .map((f) => f.replace(/\.(py|ts)$/, ""))
    .sort();
}

/**
 * What the Flask side of a scenario depends on: a recording made for other input is stale. The
 * TypeScript halves and the SPEC §3 allowances are Retort's side, and are left out, so that
 * changing them needs no re-recording.
 */
export function flaskInput(scenario: Scenario): unknown {
  return {
    namingConvention: scenario.namingConvention ?? null,
    foreignKeys: scenario.foreignKeys ?? false,
    steps: scenario.steps.map((s) => {
      if (s.kind === "models") return { models: s.python };
      if (s.kind === "sql") return { sql: s.sql };
      if (s.kind === "edit") return { edit: s.python };
      return { db: s.argv, flaskEquivalent: s.flaskEquivalent ?? null, runningOrderUndefined: s.runningOrderUndefined ?? null };
    }),
  };
}

export function pairInput(pair: ModelPair): unknown {
  return { namingConvention: pair.namingConvention ?? null, before: pair.before.python, after: pair.after.python, rows: pair.rows ?? null };
}
