// A property test against the live oracle (`npm run test:oracle` only: it runs Python): graphs
// drawn from a new seed per commit (tests/property-seed.ts), answered by Retort and by the real
// Alembic, beyond the recorded ones that `npm test` replays.
import fc from "fast-check";
import { expect, test } from "vitest";
import { askAlembic, compareWithAlembic } from "./alembic-answers";
import { randomCases } from "./random-graphs";

test("random graphs of this commit's seed: Retort answers as Alembic 1.8.1 does", () => {
  const seed = fc.readConfigureGlobal().seed ?? Math.floor(Math.random() * 2 ** 31);
  const cases = randomCases(seed, 30);
  const { mismatches, compared } = compareWithAlembic(cases, askAlembic(cases));
  expect(mismatches, `randomCases(${seed}, 30)`).toEqual([]);
  expect(compared).toBeGreaterThan(500);
});
