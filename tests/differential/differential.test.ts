// Retort against the real Flask-Migrate: every scenario runs on both tools in two temp folders
// and their databases, exit statuses and Alembic lines must be equal, except where SPEC §3
// says Retort does better (declared per step, with the reason).
import { isDeepStrictEqual } from "node:util";
import { beforeAll, describe, test } from "vitest";
import { runScenario } from "./harness/run-scenario";
import { requireFlask, requireRetortCli } from "./harness/sides";
import { SCENARIOS } from "./scenarios";

beforeAll(() => {
  requireFlask();
  requireRetortCli();
});

// Each scenario spends most of its time waiting on `flask` (about 0.5 s of Python start-up a
// command): running them concurrently keeps the suite short on two cores.
describe.concurrent("Retort behaves like Flask-Migrate", () => {
  for (const scenario of SCENARIOS) {
    // About 10–30 s each on an idle machine; generous for two cores shared with other work.
    test(scenario.name, { timeout: 600_000 }, async ({ expect }) => {
      const run = await runScenario(scenario);
      for (const check of run.checks) {
        expect.soft(check.retort, `${check.label}\n  ${check.context}`).toEqual(check.expected);
      }
      // Keep the folders of a failing scenario to look at; their paths are in the messages.
      if (run.checks.every((c) => isDeepStrictEqual(c.retort, c.expected))) run.dispose();
    });
  }
});
