// Retort against the real Flask-Migrate: every scenario runs on Retort in a temp folder, and its
// databases, exit statuses and Alembic lines must equal what the oracle recorded of Flask-Migrate
// (fixtures/scenarios, `npm run oracle:record`), except where SPEC §3 says Retort does better
// (declared per step, with the reason). No Python runs here.
import { isDeepStrictEqual } from "node:util";
import { beforeAll, describe, test } from "vitest";
import { readRecording, runScenario } from "./harness/run-scenario";
import { requireRetortCli } from "./harness/sides";
import { SCENARIOS } from "./scenarios";

beforeAll(() => {
  requireRetortCli();
});

// Each scenario spends most of its time waiting on `node bin/retort.js`: running them
// concurrently keeps the suite short on two cores.
describe.concurrent("Retort behaves like Flask-Migrate", () => {
  for (const scenario of SCENARIOS) {
    test(scenario.name, { timeout: 600_000 }, async ({ expect }) => {
      const run = await runScenario(scenario, readRecording(scenario));
      for (const check of run.checks) {
        expect.soft(check.retort, `${check.label}\n  ${check.context}`).toEqual(check.expected);
      }
      // Keep the folder of a failing scenario to look at; its path is in the messages.
      if (run.checks.every((c) => isDeepStrictEqual(c.retort, c.expected))) run.dispose();
    });
  }
});
