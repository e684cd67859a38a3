// The oracle (`npm run oracle:record`, and `npm run test:oracle` in CI): plays every scenario and
// model pair on the real Flask-Migrate and writes what it saw to fixtures/, which the
// differential tests compare Retort with. Not part of `npm test`: it needs Python.
import { dirname } from "node:path";
import { rmSync } from "node:fs";
import { beforeAll, describe, test } from "vitest";
import { writeFixture } from "../oracle/fixture-file";
import { makeFlaskMigrationsTemplate, recordPair } from "./harness/model-pair";
import { recordScenario } from "./harness/record-scenario";
import { PAIRS_FIXTURE, scenarioFixturePath, type PairRecording } from "./harness/recording";
import { requireFlask } from "./harness/sides";
import { SCENARIOS } from "./scenarios";
import { MODEL_PAIRS } from "./scenarios/pairs";

beforeAll(() => {
  requireFlask();
});

// Each scenario waits on `flask` most of the time (about 0.5 s of Python start-up a command).
describe.concurrent("the oracle records Flask-Migrate playing each scenario", () => {
  for (const scenario of SCENARIOS) {
    test(scenario.name, { timeout: 600_000 }, async () => {
      writeFixture(scenarioFixturePath(scenario), await recordScenario(scenario));
    });
  }
});

test("the oracle records what Flask-Migrate detects for each model pair", { timeout: 600_000 }, async () => {
  const template = await makeFlaskMigrationsTemplate();
  try {
    const pairs: Record<string, PairRecording> = {};
    // Four at a time: each is two Python start-ups, and the machine has two cores.
    for (let i = 0; i < MODEL_PAIRS.length; i += 4) {
      const batch = MODEL_PAIRS.slice(i, i + 4);
      const recorded = await Promise.all(batch.map((pair) => recordPair(pair, template)));
      batch.forEach((pair, j) => (pairs[pair.name] = recorded[j]!));
    }
    writeFixture(PAIRS_FIXTURE, { pairs });
  } finally {
    rmSync(dirname(template), { recursive: true, force: true });
  }
});
