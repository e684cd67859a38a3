// The shape of one `db` command and the options several of them share, worded as
// Flask-Migrate's cli.py declares them (their help texts are what `--help` prints).

import type { CommandSpec, OptionSpec, ParsedArgs } from "./args";
import type { CommandContext } from "./context";

export interface Command {
  readonly spec: CommandSpec;
  /** Returns the exit code (0 when nothing is returned); throws CommandError for "Error: …". */
  run(ctx: CommandContext, args: ParsedArgs): Promise<number | void> | number | void;
}

export const DIRECTORY: OptionSpec = { key: "directory", names: ["-d", "--directory"], help: 'Migration script directory (default is "migrations")' };
export const SQL: OptionSpec = { key: "sql", names: ["--sql"], flag: true, help: "Don't emit SQL to database - dump to standard output instead" };
export const VERBOSE: OptionSpec = { key: "verbose", names: ["-v", "--verbose"], flag: true, help: "Use more verbose output" };
export const MESSAGE: OptionSpec = { key: "message", names: ["-m", "--message"], help: "Revision message" };
export const HEAD: OptionSpec = { key: "head", names: ["--head"], help: "Specify head revision or <branchname>@head to base new revision on" };
export const SPLICE: OptionSpec = { key: "splice", names: ["--splice"], flag: true, help: 'Allow a non-head revision as the "head" to splice onto' };
export const BRANCH_LABEL: OptionSpec = { key: "branchLabel", names: ["--branch-label"], help: "Specify a branch label to apply to the new revision" };
export const REV_ID: OptionSpec = { key: "revId", names: ["--rev-id"], help: "Specify a hardcoded revision id instead of generating one" };

// Options env.py reads in Flask-Migrate. Retort has no env.py, so they are accepted (the same
// command lines work) and have no effect.
export const TAG: OptionSpec = { key: "tag", names: ["--tag"], help: 'Arbitrary "tag" name - can be used by custom env.py scripts' };
export const X_ARG: OptionSpec = { key: "xArg", names: ["-x", "--x-arg"], multiple: true, help: "Additional arguments consumed by custom env.py scripts" };
export const VERSION_PATH: OptionSpec = { key: "versionPath", names: ["--version-path"], help: "Specify specific path from config for version file" };

export const REVISION_ARGUMENT = (fallback: string) => ({ key: "revision", metavar: "REVISION", default: fallback });
