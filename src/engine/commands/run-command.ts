// The `db` command layer: argv (what follows `db`) -> one command -> a result. Shared by the
// site's terminal and the Node CLI. It never throws: Click's usage errors exit 2, a command's
// "Error: …" exits 1 (as Flask-Migrate's catch_errors), and anything unexpected exits 1 too.

import type { Workspace } from "../workspace/workspace";
import { DEFAULT_MIGRATIONS_DIR } from "../workspace/workspace";
import { parseArgs, stringOption } from "./args";
import { check } from "./check";
import type { Command } from "./command";
import { CommandContext } from "./context";
import { edit } from "./edit";
import { commandHelp, groupHelp, usageError, usageLine } from "./help";
import { init, listTemplates } from "./init";
import { branches, current, heads, historyCommand, show } from "./inspect";
import { merge } from "./merge";
import { migrate, revision } from "./revision";
import { stamp } from "./stamp";
import { CommandError, commandError, error, info, retortError, type CommandDeps, type CommandResult, type OutputLine } from "./types";
import { downgrade, upgrade } from "./upgrade";

export const COMMANDS: readonly Command[] = [listTemplates, init, revision, migrate, edit, merge, upgrade, downgrade, show, historyCommand, heads, branches, current, stamp, check];

const DEFAULT_PROGRAM = "retort db";

const result = (exitCode: number, lines: readonly OutputLine[], workspace: Workspace): CommandResult => ({ exitCode, lines, workspace });

/** As Flask-Migrate's catch_errors: "ERROR [flask_migrate] Error: …", continuation lines bare. */
function describeUnexpected(e: unknown): OutputLine[] {
  const message = e instanceof Error ? e.message : String(e);
  return errorLines(message);
}

function errorLines(message: string): OutputLine[] {
  const [first = "", ...rest] = message.split("\n");
  return [commandError(first), ...rest.map(error)];
}

/**
 * Alembic's error texts are kept word for word (SPEC §3); where one does not say how to fix the
 * problem, Retort adds a line that does.
 */
const HINTS: readonly (readonly [RegExp, string])[] = [
  [/^Target database is not up to date\.$/, "Run `db upgrade` to bring the database to the head revision, then run this command again."],
  [/^Can't locate revision identified by /, "Run `db history` to list the revisions, or `db heads` for the heads."],
  [/^Relative revision .* didn't produce \d+ migrations$/, "Run `db history -i` to see how many revisions there are to move through."],
];

/**
 * Alembic's errors where several heads are in the way (`revision`/`migrate`, `upgrade`, `show`,
 * `edit`, `stamp`, `upgrade +1`): its texts name `--head` or `heads`, but the team workflow's way
 * on is a merge revision (seeds/3). "Run `db upgrade`" would fail too, so it is not said then.
 */
const BLOCKED_BY_HEADS: readonly RegExp[] = [
  /^Multiple heads are present; /,
  /^Multiple head revisions are present/,
  /^Ambiguous walk$/,
  /^Relative revision [+-]?\d+ didn't produce \d+ migrations$/,
  /^Target database is not up to date\.$/,
];

function hintFor(message: string, ctx: CommandContext): OutputLine[] {
  const heads = ctx.historyHeads();
  if (heads.length > 1 && BLOCKED_BY_HEADS.some((pattern) => pattern.test(message))) {
    return [error(`The history has ${heads.length} heads (${heads.join(", ")}): join them into one with \`db merge heads\`, then run \`db upgrade\`, and this command again.`)];
  }
  // the unknown revision is the one the database records: the scripts are not where to look
  const missing = /^Can't locate revision identified by '([^']*)'/.exec(message)?.[1];
  if (missing !== undefined && ctx.recordedHeads().includes(missing)) {
    return [retortError(`The database records revision ${missing} in alembic_version, and no script in ${ctx.directory}/versions has it: restore that script, or run \`db stamp --purge <revision>\` to record one that exists.`)];
  }
  const hint = HINTS.find(([pattern]) => pattern.test(message));
  return hint ? [retortError(hint[1])] : [];
}

async function runParsed(command: Command, ctx: CommandContext, args: Parameters<Command["run"]>[1]): Promise<number> {
  try {
    return (await command.run(ctx, args)) ?? 0;
  } catch (e) {
    if (e instanceof CommandError) {
      ctx.push(...e.extraLines, ...errorLines(e.message), ...hintFor(e.message, ctx));
    } else {
      ctx.push(...describeUnexpected(e));
    }
    return 1;
  }
}

/** Runs one `db` command line (what follows `db`). Never throws: every failure is a result. */
export async function runCommand(argv: readonly string[], workspace: Workspace, deps: CommandDeps): Promise<CommandResult> {
  try {
    return await dispatch(argv, workspace, deps);
  } catch (e) {
    return result(1, describeUnexpected(e), workspace);
  }
}

async function dispatch(argv: readonly string[], workspace: Workspace, deps: CommandDeps): Promise<CommandResult> {
  const program = deps.program ?? DEFAULT_PROGRAM;
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help") return result(0, groupHelp(program, COMMANDS.map((c) => c.spec)).map(info), workspace);
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) {
    const what = name.startsWith("-") ? `No such option: ${name}` : `No such command '${name}'.`;
    return result(2, usageError(`Usage: ${program} [OPTIONS] COMMAND [ARGS]...`, program, what).map(error), workspace);
  }
  const parsed = parseArgs(command.spec, rest);
  if (!parsed.ok) {
    // as Click: a missing option value is reported without the usage lines
    const lines = parsed.error.endsWith("requires an argument.") ? [`Error: ${parsed.error}`] : usageError(usageLine(program, command.spec), `${program} ${name}`, parsed.error);
    return result(2, lines.map(error), workspace);
  }
  if (parsed.parsed.help) return result(0, commandHelp(program, command.spec).map(info), workspace);
  const ctx = new CommandContext(workspace, deps, stringOption(parsed.parsed, "directory") ?? DEFAULT_MIGRATIONS_DIR);
  const exitCode = await runParsed(command, ctx, parsed.parsed);
  try {
    return result(exitCode, ctx.lines, ctx.finish());
  } catch (e) {
    return result(1, [...ctx.lines, ...describeUnexpected(e)], workspace);
  }
}
