// Random model evolutions, stepped: the upgrade (and the downgrade back) that `db upgrade` runs,
// driven statement by statement through the pausable runtime on a copy of the same database.
// Stepping every statement forward and then all the way back gives back the database exactly
// (schema text and every row); stepping forward again (by statement, op or revision, at random)
// and running to the end gives exactly what the plain command gave, a failing revision (rolled
// back, the earlier ones kept) included.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { runCommand, type CommandResult } from "../../src/engine/commands";
import { startRun, type MigrationStep, type RuntimeEvent } from "../../src/engine/runtime";
import { newWorkspace, withFile, type Workspace } from "../../src/engine/workspace/workspace";
import { openTestDatabase } from "../binding";
import { dump } from "../engine/execute/helpers";
import { pick, randomModel, rngOf, type Rng } from "./evolution-model";
import type { StepUnit } from "../../src/engine/runtime";
import { evolve } from "./evolution-change";
import { modelsSource } from "./evolution-source";
import { randomRows } from "./evolution-rows";
import { insertRows } from "./evolution-dump";

const RUNS = process.env.CI ? 300 : Number(process.env.STEPPER_RUNS ?? 40);
const stats = { upgrades: 0, failed: 0, downgrades: 0, statements: 0 };

interface Plain {
  readonly steps: MigrationStep[];
  readonly result: CommandResult;
}

/** One source of revision ids per case, so that two scripts never get the same id. */
const ids = new Map<number, () => number>();

async function command(ws: Workspace, seed: number, argv: string[], listener?: (e: RuntimeEvent) => void): Promise<CommandResult> {
  if (!ids.has(seed)) ids.set(seed, rngOf(seed ^ 0x5eed));
  return runCommand(argv, ws, { openDatabase: openTestDatabase, random: ids.get(seed)!, clock: () => new Date(2026, 10, 22), listener });
}

async function ok(ws: Workspace, seed: number, ...argv: string[]): Promise<Workspace> {
  const result = await command(ws, seed, argv);
  if (result.exitCode !== 0) throw new Error(`db ${argv.join(" ")} failed:\n${result.lines.map((l) => l.text).join("\n")}`);
  return result.workspace;
}

/** The command run plainly, and the steps it ran (from its step-start events). */
async function plainly(ws: Workspace, seed: number, argv: string[]): Promise<Plain> {
  const steps: MigrationStep[] = [];
  const result = await command(ws, seed, argv, (e) => (e.type === "step-start" ? void steps.push(e.step) : undefined));
  return { steps, result };
}

const UNITS: readonly StepUnit[] = ["statement", "op", "revision"];

/** Steps the same steps on a copy of `bytes`: every statement forward, all back, forward again by random units, to the end. */
async function stepAndCompare(bytes: Uint8Array, plain: Plain, rng: Rng): Promise<void> {
  const db = await openTestDatabase(bytes);
  const expected = await openTestDatabase(plain.result.workspace.database ?? bytes);
  try {
    const before = dump(db);
    const run = startRun(db, plain.steps);
    let pauses = 0;
    while (run.forward() === "paused") pauses += 1;
    stats.statements += pauses;
    while (run.canStepBack) run.back();
    expect(dump(db), "stepping every statement forward and back restores the database").toEqual(before);
    while (run.forward(pick(rng, UNITS)) === "paused");
    const result = run.toEnd();
    expect(result.ok, result.error?.message).toBe(plain.result.exitCode === 0);
    if (!result.ok) stats.failed += 1;
    expect(dump(db), "stepping to the end equals the plain command").toEqual(dump(expected));
  } finally {
    db.close();
    expected.close();
  }
}

async function checkStepping(seed: number, tableCount: number, naming: boolean, changeCount: number): Promise<void> {
  const rng = rngOf(seed);
  const v1 = randomModel(rng, tableCount, naming);
  const { spec: v2 } = evolve(rng, v1, changeCount);
  try {
    let ws = newWorkspace("stepper", modelsSource(v1));
    ws = await ok(ws, seed, "init");
    ws = await ok(ws, seed, "migrate", "-m", "first");
    ws = await ok(ws, seed, "upgrade");
    ws = { ...ws, database: await insertRows(ws.database, randomRows(rng, v1, v2)) };
    ws = await ok(withFile(ws, "models.ts", modelsSource(v2)), seed, "migrate", "-m", "second");
    const atFirst = ws.database!;
    const upgrade = await plainly(ws, seed, ["upgrade"]);
    stats.upgrades += 1;
    await stepAndCompare(atFirst, upgrade, rng);
    if (upgrade.result.exitCode !== 0 || upgrade.steps.length === 0) return;
    const downgrade = await plainly(upgrade.result.workspace, seed, ["downgrade"]);
    stats.downgrades += 1;
    await stepAndCompare(upgrade.result.workspace.database!, downgrade, rng);
  } catch (e) {
    throw new Error(`seed ${seed}, ${tableCount} tables, naming ${naming}, ${changeCount} changes\nmodels v1:\n${modelsSource(v1)}\nmodels v2:\n${modelsSource(v2)}\n${e instanceof Error ? e.message : String(e)}`);
  }
}

describe("stepping random evolutions", () => {
  test("every statement forward then back restores the database exactly; forward to the end equals the plain upgrade and downgrade", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.integer({ min: 1, max: 6 }), checkStepping),
      { numRuns: RUNS, endOnFailure: true },
    );
    if (process.env.STEPPER_STATS) console.log(stats);
  }, 600_000);
});
