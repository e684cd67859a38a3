// The site's question before an upgrade or downgrade: what would this command line do to the
// rows? The same plan `db upgrade` / `db downgrade` would run, checked (checkPlan) on a copy of
// the database that is never written back: asking changes nothing.

import { checkPlan, type StepWarning } from "../runtime";
import type { Workspace } from "../workspace/workspace";
import { DEFAULT_MIGRATIONS_DIR } from "../workspace/workspace";
import { flagOption, parseArgs, stringOption } from "./args";
import { CommandContext } from "./context";
import { toMigrationSteps } from "./steps";
import type { CommandDeps } from "./types";
import { downgrade, plannerOf, targetOf, upgrade } from "./upgrade";

/**
 * The warnings of an online upgrade or downgrade (argv as for runCommand). Anything else, and a
 * command line that cannot run (a bad revision, a broken script), has nothing to say here: the
 * command itself reports that when it runs.
 */
export async function checkStep(argv: readonly string[], workspace: Workspace, deps: CommandDeps): Promise<StepWarning[]> {
  const [name, ...rest] = argv;
  const command = name === "upgrade" ? upgrade : name === "downgrade" ? downgrade : null;
  if (!command) return [];
  const parsed = parseArgs(command.spec, rest);
  if (!parsed.ok || parsed.parsed.help || flagOption(parsed.parsed, "sql")) return [];
  const direction = name === "upgrade" ? "upgrade" : "downgrade";
  const ctx = new CommandContext(workspace, deps, stringOption(parsed.parsed, "directory") ?? DEFAULT_MIGRATIONS_DIR);
  try {
    const set = ctx.loadScripts();
    const db = await ctx.database();
    // on this copy only, as the real run makes it first: the plan's version changes need it
    await ctx.ensureVersionTable();
    const planned = plannerOf(direction)(set.map, await ctx.currentHeads(), targetOf(parsed.parsed, direction));
    return planned.ok ? checkPlan(db, toMigrationSteps(set, planned.steps)) : [];
  } catch {
    return [];
  } finally {
    ctx.discard();
  }
}
