// Differential test: random revision graphs and queries answered by Retort and by the real
// Alembic 1.8.1, whose answers the oracle recorded (alembic-answers.ts explains what is compared).
import { expect, test } from "vitest";
import { readFixture, requireSameInput } from "../../oracle/fixture-file";
import { ANSWERS_FIXTURE, compareWithAlembic, RECORDED_COUNT, RECORDED_SEED, type Recorded } from "./alembic-answers";
import { randomCases } from "./random-graphs";

test("random graphs: Retort answers as Alembic 1.8.1 does", () => {
  const cases = randomCases(RECORDED_SEED, RECORDED_COUNT);
  const recording = readFixture<{ input?: string; answers: Recorded[] }>(ANSWERS_FIXTURE);
  requireSameInput(ANSWERS_FIXTURE, recording.input, cases, "the random graphs (random-graphs.ts)");
  const { mismatches, compared } = compareWithAlembic(cases, recording.answers);
  expect(mismatches).toEqual([]);
  expect(compared).toBeGreaterThan(2000);
});
