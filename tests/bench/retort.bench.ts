// `npm run bench`: Retort's figures, printed, never asserted. The measurements run one
// after the other in this one file, so that they do not compete for the two cores (vitest runs
// bench files in parallel workers).
import { bench, describe } from "vitest";
import { RETORT_BIN } from "../differential/harness/sides";
import { runProcess } from "../differential/harness/process";
import { measureAutogenerate, pipeline, prepareAutogenerate } from "./autogenerate";
import { benchBatchUpgrade, benchMigrate } from "./cli";
import { requireTools, TABLES } from "./fixtures";
import { benchStepping } from "./stepper";

requireTools();
await prepareAutogenerate();
measureAutogenerate(30);
await benchMigrate();
await benchBatchUpgrade();
await benchStepping();

describe(`autogenerate, ${TABLES} tables`, () => {
  bench("parse + reflect + compare + render", () => {
    pipeline();
  }, { time: 2000 });
});

describe("CLI start-up", () => {
  bench("node bin/retort.js --help", async () => {
    await runProcess(process.execPath, [RETORT_BIN, "--help"], { cwd: process.cwd() });
  }, { iterations: 5, time: 0 });
});
