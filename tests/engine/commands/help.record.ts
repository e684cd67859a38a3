// The oracle for `--help` and Click's usage errors: what Debian's Flask-Migrate 4 prints for
// `flask db --help`, for `--help` of every command that list names, and for three bad command
// lines. help.test.ts compares Retort's output with it. Not part of `npm test`: it needs Python.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, test } from "vitest";
import { runProcess } from "../../differential/harness/process";
import { FLASK, requireFlask } from "../../differential/harness/sides";
import { writeFixture } from "../../oracle/fixture-file";
import { HELP_FIXTURE, USAGE_ERRORS, type HelpRecording } from "./help-recording";

const APP = [
  "from flask import Flask",
  "from flask_sqlalchemy import SQLAlchemy",
  "from flask_migrate import Migrate",
  "app = Flask(__name__)",
  'app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///app.db"',
  "db = SQLAlchemy(app)",
  "migrate = Migrate(app, db)",
  "",
].join("\n");

beforeAll(() => {
  requireFlask();
});

test("the oracle records flask db's --help texts and usage errors", { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "retort-help-"));
  try {
    writeFileSync(join(dir, "app.py"), APP);
    const flask = async (argv: readonly string[]) => {
      const r = await runProcess(FLASK, ["db", ...argv], { cwd: dir, env: { FLASK_APP: "app.py", PYTHONDONTWRITEBYTECODE: "1", COLUMNS: "80" } });
      return { argv: [...argv], exitCode: r.code, stdout: r.stdout, stderr: r.stderr };
    };
    const root = await flask(["--help"]);
    const commands = root.stdout.split("\n").slice(root.stdout.split("\n").indexOf("Commands:") + 1).map((l) => l.trim().split(/\s+/)[0]!).filter(Boolean);
    const cases: HelpRecording["cases"] = [root];
    // one at a time is slow (Python's start-up each), four at a time suits two cores
    for (let i = 0; i < commands.length; i += 4) cases.push(...(await Promise.all(commands.slice(i, i + 4).map((c) => flask([c, "--help"])))));
    for (const argv of USAGE_ERRORS) cases.push(await flask(argv));
    writeFixture(HELP_FIXTURE, { cases } satisfies HelpRecording);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
