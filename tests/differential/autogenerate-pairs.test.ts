// The model-pair autogenerate check: both tools autogenerate against the same database and the
// same models; their "Detected" lines must be equal (in Alembic's order where it has one).
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, test } from "vitest";
import { disposePair, makeFlaskMigrationsTemplate, runModelPair } from "./harness/model-pair";
import { requireFlask, requireRetortCli } from "./harness/sides";
import { MODEL_PAIRS } from "./scenarios/pairs";

let flaskMigrations = "";

beforeAll(async () => {
  requireFlask();
  requireRetortCli();
  flaskMigrations = await makeFlaskMigrationsTemplate();
});

afterAll(() => {
  if (flaskMigrations) rmSync(dirname(flaskMigrations), { recursive: true, force: true });
});

describe.concurrent("autogenerate: Retort detects what Alembic detects", () => {
  for (const pair of MODEL_PAIRS) {
    test(pair.name, { timeout: 120_000 }, async ({ expect }) => {
      const outcome = await runModelPair(pair, flaskMigrations);
      expect(outcome.retort, outcome.context).toEqual(outcome.flask);
      disposePair(outcome);
    });
  }
});
