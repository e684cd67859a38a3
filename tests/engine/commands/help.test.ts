// `--help` texts and Click's usage errors, compared with what Debian's Flask-Migrate 4 printed:
// every command's, recorded by help.record.ts (`npm run oracle:record`; CI records them afresh
// and fails on any difference), the same layout, words and exit status.
import { describe, expect, test } from "vitest";
import { readFixture } from "../../oracle/fixture-file";
import { HELP_FIXTURE, type HelpRecording } from "./help-recording";
import { openTestDatabase } from "../../binding";
import { runCommand } from "../../../src/engine/commands";
import { newWorkspace } from "../../../src/engine/workspace/workspace";

const deps = { openDatabase: openTestDatabase, random: Math.random, clock: () => new Date(), program: "flask db" };
const help = async (...argv: string[]) => {
  const r = await runCommand(argv, newWorkspace("t", ""), deps);
  return { exitCode: r.exitCode, text: r.lines.map((l) => l.text).join("\n") };
};

/**
 * What SPEC §3 has Retort print beyond Debian's Flask-Migrate 4.0.4 (with Alembic 1.8): the
 * `check` command (Flask-Migrate 4.0.5 and Alembic 1.9), `revision --depends-on` and
 * `stamp --purge`. Each is taken out of Retort's text before comparing, and must be there to be
 * taken out: an allowance never hides a difference it was not made for.
 */
const SPEC_ADDITIONS: Readonly<Record<string, readonly string[]>> = {
  "--help": ["  check           Check if there are any new operations to migrate\n"],
  "revision --help": ["  --depends-on TEXT     Specify one or more revision identifiers which this\n                        revision should depend on\n"],
  "stamp --help": ["  --purge               Unconditionally erase the version table before\n                        stamping\n"],
};

function withoutSpecAdditions(argv: readonly string[], text: string): string {
  let rest = text;
  for (const addition of SPEC_ADDITIONS[argv.join(" ")] ?? []) {
    expect(rest, `Retort's \`flask db ${argv.join(" ")}\` should print SPEC's addition:\n${addition}`).toContain(addition);
    rest = rest.replace(addition, "");
  }
  return rest;
}

describe("help and usage errors, as the real flask db prints them", () => {
  const { cases } = readFixture<HelpRecording>(HELP_FIXTURE);

  test("the recording has every command of flask db --help, and the usage errors", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(cases.map((c) => c.argv.join(" "))).toEqual(expect.arrayContaining(["--help", "upgrade --help", "revision --help", "frob", "migrate -m"]));
  });

  test.each(cases.map((c) => [c.argv.join(" "), c] as const))("flask db %s", async (_name, recorded) => {
    const retort = await help(...recorded.argv);
    expect(retort.exitCode).toBe(recorded.exitCode);
    // Click prints help on stdout and usage errors on stderr: each case has one of them
    const printed = (recorded.stdout || recorded.stderr).replace(/\n$/, "");
    expect(withoutSpecAdditions(recorded.argv, `${retort.text}\n`).replace(/\n$/, "")).toBe(printed);
  });
});

describe("Flask-Migrate's options that env.py would read", () => {
  const ws = { title: "t", files: { "models.ts": "", "migrations/README": "" }, database: null };
  const run = (...argv: string[]) => runCommand(argv, ws, deps);

  test("--tag and -x are accepted, as flask db accepts them", async () => {
    expect((await run("upgrade", "--tag", "t", "-x", "a=1", "--sql")).exitCode).toBe(0);
    expect((await run("stamp", "--tag", "t", "--sql", "base")).exitCode).toBe(0);
  });

  test("--version-path must be the versions folder; init's templates and --multidb", async () => {
    const wrong = await run("revision", "--version-path", "elsewhere");
    expect(wrong.lines.map((l) => l.text)).toEqual(["Error: Path elsewhere is not represented in current version locations"]);
    expect((await run("revision", "--version-path", "migrations/versions", "--rev-id", "aaaa00000001")).exitCode).toBe(0);
    const fresh = newWorkspace("t", "");
    expect((await runCommand(["init", "-t", "generic"], fresh, deps)).lines.map((l) => l.text)).toEqual(["Error: No such template 'generic'"]);
    expect((await runCommand(["init", "--multidb"], fresh, deps)).exitCode).toBe(1);
    expect((await runCommand(["init", "-t", "flask"], fresh, deps)).exitCode).toBe(0);
  });

  test("list-templates", async () => {
    expect((await run("list-templates")).lines.map((l) => l.text)).toEqual(["Available templates:", "", "flask - Single-database configuration for Flask."]);
  });
});
