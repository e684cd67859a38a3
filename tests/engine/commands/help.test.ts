// `--help` texts, compared with what Debian's Flask-Migrate 4 printed (`flask db upgrade --help`,
// `flask db history --help`, recorded from /usr/bin/flask): the same layout and words.
import { describe, expect, test } from "vitest";
import { openSqlJs } from "../../../src/engine/db/sqljs";
import { runCommand } from "../../../src/engine/commands";
import { newWorkspace } from "../../../src/engine/workspace/workspace";

const deps = { openDatabase: openSqlJs, random: Math.random, clock: () => new Date(), program: "flask db" };
const help = async (...argv: string[]) => {
  const r = await runCommand(argv, newWorkspace("t", ""), deps);
  return { exitCode: r.exitCode, text: r.lines.map((l) => l.text).join("\n") };
};

describe("help", () => {
  test("upgrade --help", async () => {
    expect(await help("upgrade", "--help")).toEqual({
      exitCode: 0,
      text: `Usage: flask db upgrade [OPTIONS] [REVISION]

  Upgrade to a later version

Options:
  -d, --directory TEXT  Migration script directory (default is "migrations")
  --sql                 Don't emit SQL to database - dump to standard output
                        instead
  --help                Show this message and exit.`,
    });
  });

  test("history --help: a wider first column", async () => {
    expect((await help("history", "--help")).text).toBe(`Usage: flask db history [OPTIONS]

  List changeset scripts in chronological order.

Options:
  -d, --directory TEXT    Migration script directory (default is "migrations")
  -r, --rev-range TEXT    Specify a revision range; format is [start]:[end]
  -v, --verbose           Use more verbose output
  -i, --indicate-current  Indicate current version (Alembic 0.9.9 or greater
                          is required)
  --help                  Show this message and exit.`);
  });

  test("merge takes any number of revisions", async () => {
    expect((await help("merge", "--help")).text.split("\n")[0]).toBe("Usage: flask db merge [OPTIONS] [REVISIONS]...");
  });

  test("db --help lists every command", async () => {
    const { text, exitCode } = await help("--help");
    expect(exitCode).toBe(0);
    for (const name of ["init", "revision", "migrate", "edit", "merge", "upgrade", "downgrade", "show", "history", "heads", "branches", "current", "stamp", "check"]) {
      expect(text).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
    }
    expect(text).toContain("  migrate    Autogenerate a new revision file (Alias for 'revision...");
  });

  test("usage errors exit 2 with Click's lines", async () => {
    expect(await help("frob")).toEqual({
      exitCode: 2,
      text: "Usage: flask db [OPTIONS] COMMAND [ARGS]...\nTry 'flask db --help' for help.\n\nError: No such command 'frob'.",
    });
    expect(await help("upgrade", "--bogus")).toEqual({
      exitCode: 2,
      text: "Usage: flask db upgrade [OPTIONS] [REVISION]\nTry 'flask db upgrade --help' for help.\n\nError: No such option: --bogus",
    });
    expect(await help("migrate", "-m")).toEqual({ exitCode: 2, text: "Error: Option '-m' requires an argument." });
  });
});
