// Recordings older than the oracle, each made by its own Python generator next to it (see the
// README or header there). Running them here too means `npm run test:oracle` re-records them,
// so that none of them can go stale or be edited by hand either.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "vitest";
import { recordingRoot, REPO } from "./fixture-file";

const PYTHON = "/usr/bin/python3";

/** Runs `script` (with `args`) in `folder` and returns what it printed. */
function runGenerator(folder: string, args: readonly string[]): string {
  return execFileSync(PYTHON, args, { cwd: join(REPO, folder), env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

function writeRecording(relativePath: string, text: string): void {
  const path = join(recordingRoot(), relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

describe.concurrent("the generators of the older recordings", () => {
  test("alembic-random-pairs.json: Alembic's autogenerate on 60 random database/model pairs", () => {
    const out = join(recordingRoot(), "tests/engine/autogenerate/fixtures/alembic-random-pairs.json");
    mkdirSync(dirname(out), { recursive: true });
    runGenerator("tests/engine/autogenerate/fixtures", ["gen_alembic_pairs.py", "60", out]);
  });

  test.each(["m_tutorial", "m_abstract", "m_tokens"])("%s.json: Flask-SQLAlchemy's MetaData of the reference models", (models) => {
    writeRecording(`tests/engine/models/reference/${models}.json`, runGenerator("tests/engine/models/reference", ["dump.py", models]));
  });

  test("column-order.json: where Alembic's batch puts added columns", () => {
    writeRecording("tests/engine/execute/fixtures/column-order.json", runGenerator("tests/engine/execute/fixtures", ["column-order.py"]));
  });
});
