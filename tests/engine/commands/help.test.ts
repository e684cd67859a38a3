// `--help` texts, compared with what Debian's Flask-Migrate 4 printed (`flask db upgrade --help`,
// `flask db history --help`, recorded from /usr/bin/flask): the same layout and words.
import { describe, expect, test } from "vitest";
import { openTestDatabase } from "../../binding";
import { runCommand } from "../../../src/engine/commands";
import { newWorkspace } from "../../../src/engine/workspace/workspace";

const deps = { openDatabase: openTestDatabase, random: Math.random, clock: () => new Date(), program: "flask db" };
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
  --tag TEXT            Arbitrary "tag" name - can be used by custom env.py
                        scripts
  -x, --x-arg TEXT      Additional arguments consumed by custom env.py scripts
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

  test("db --help: Flask-Migrate's list, with Alembic 1.9's check", async () => {
    const { text, exitCode } = await help("--help");
    expect(exitCode).toBe(0);
    expect(text).toBe(`Usage: flask db [OPTIONS] COMMAND [ARGS]...

  Perform database migrations.

Options:
  --help  Show this message and exit.

Commands:
  branches        Show current branch points
  check           Check if there are any new operations to migrate
  current         Display the current revision for each database.
  downgrade       Revert to a previous version
  edit            Edit a revision file
  heads           Show current available heads in the script directory
  history         List changeset scripts in chronological order.
  init            Creates a new migration repository.
  list-templates  List available templates.
  merge           Merge two revisions together, creating a new revision file
  migrate         Autogenerate a new revision file (Alias for 'revision...
  revision        Create a new revision file.
  show            Show the revision denoted by the given symbol.
  stamp           'stamp' the revision table with the given revision;...
  upgrade         Upgrade to a later version`);
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
