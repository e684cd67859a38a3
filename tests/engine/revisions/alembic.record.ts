// The oracle (`npm run oracle:record`): the real Alembic's answers for the random graphs that
// differential.test.ts compares Retort with.
import { test } from "vitest";
import { inputDigest, writeFixture } from "../../oracle/fixture-file";
import { ANSWERS_FIXTURE, askAlembic, RECORDED_COUNT, RECORDED_SEED } from "./alembic-answers";
import { randomCases } from "./random-graphs";

test("the oracle records Alembic's answers to the random revision graphs", () => {
  const cases = randomCases(RECORDED_SEED, RECORDED_COUNT);
  writeFixture(ANSWERS_FIXTURE, { input: inputDigest(cases), answers: askAlembic(cases) });
});
