// The model-pair autogenerate check: Retort autogenerates against the database SQLAlchemy's
// create_all built and the "after" models; its "Detected" lines must be the ones the oracle
// recorded of Flask-Migrate (fixtures/autogenerate-pairs.json), in Alembic's order where it has one.
import { beforeAll, describe, test } from "vitest";
import { readFixture, requireSameInput } from "../oracle/fixture-file";
import { disposePair, runModelPair } from "./harness/model-pair";
import { pairInput, PAIRS_FIXTURE, type PairsRecording } from "./harness/recording";
import { requireRetortCli } from "./harness/sides";
import { MODEL_PAIRS } from "./scenarios/pairs";

beforeAll(() => {
  requireRetortCli();
});

describe.concurrent("autogenerate: Retort detects what Alembic detects", () => {
  for (const pair of MODEL_PAIRS) {
    test(pair.name, { timeout: 120_000 }, async ({ expect }) => {
      const recording = readFixture<PairsRecording>(PAIRS_FIXTURE).pairs?.[pair.name];
      requireSameInput(PAIRS_FIXTURE, recording?.input, pairInput(pair), `the pair "${pair.name}"`);
      const outcome = await runModelPair(pair, recording!);
      expect(outcome.retort, outcome.context).toEqual({ status: recording!.status, detected: recording!.detected });
      disposePair(outcome);
    });
  }
});
