// `db upgrade` and `db downgrade` (alembic/command.py upgrade / downgrade, Flask-Migrate's
// defaults "head" and "-1"). Online, every revision runs in its own transaction (runtime/);
// with --sql the SQL is printed instead, batch blocks included (SPEC §3: Alembic refuses those).

import { lookupRevision, planDowngrade, planUpgrade, type PlanResult, type RevisionMap } from "../revisions";
import { checkPlan, formatStepLine, renderOfflineParts, runSteps, stepWarningText, type MigrationStep, type RuntimeEvent } from "../runtime";
import type { ParsedArgs } from "./args";
import { flagOption } from "./args";
import type { Command } from "./command";
import { DIRECTORY, REVISION_ARGUMENT, SQL, TAG, X_ARG } from "./command";
import type { CommandContext, ScriptSet } from "./context";
import { unwrap } from "./context";
import { planWarnings, schemaAt, toMigrationSteps } from "./steps";
import { CommandError, commandError, error, info, log, LOGGERS, warning } from "./types";

export type Planner = (map: RevisionMap, heads: readonly string[], target: string) => PlanResult;

async function runOnline(ctx: CommandContext, set: ScriptSet, target: string, plan: Planner): Promise<number> {
  ctx.logEnvironment();
  const db = await ctx.database();
  // as run_migrations: the version table exists before the target is even resolved
  await ctx.ensureVersionTable();
  const planned = unwrapWithWarnings(ctx, plan(set.map, await ctx.currentHeads(), target));
  const steps = toMigrationSteps(set, planned.steps);
  // Retort's own lines, before Alembic's: the terminal cannot ask, so it says and runs on
  ctx.push(...checkPlan(db, steps).map((w) => warning(`Warning: ${stepWarningText(w)}`)));
  const listener = (e: RuntimeEvent) => {
    if (e.type === "step-start") ctx.push(log(LOGGERS.migration, formatStepLine(e.step)));
    ctx.deps.listener?.(e);
  };
  const result = runSteps(db, steps, { listener });
  // a failed revision is rolled back whole, so only the ones that committed changed the file:
  // nothing to write back after a no-op or a first revision that failed
  if (result.completed.length > 0) ctx.markDatabaseChanged();
  if (result.error) {
    const [first = "", ...rest] = result.error.message.split("\n");
    // one log record: Python's logging prefixes only its first line
    ctx.push(commandError(first), ...rest.map(error));
    return 1;
  }
  return 0;
}

/** As Alembic with as_sql: the range's start is where the script begins (base when absent). */
function runOffline(ctx: CommandContext, set: ScriptSet, start: string | null, target: string, plan: Planner): void {
  ctx.logEnvironment(true);
  // as MigrationContext.get_current_heads with as_sql: the start is one revision (get_revision),
  // so "heads:" with several heads is Alembic's MultipleHeads error
  const first = start === null || start === "" || start === "base" ? null : unwrap(lookupRevision(set.map, start)).revision;
  const startHeads = first === null ? [] : [first.revision];
  const planned = unwrapWithWarnings(ctx, plan(set.map, startHeads, target));
  const steps: MigrationStep[] = toMigrationSteps(set, planned.steps);
  const parts = renderOfflineParts(steps, schemaAt(set, set.map, startHeads), { currentHeads: startHeads });
  for (const part of parts) {
    if (part.kind === "step") ctx.push(log(LOGGERS.migration, formatStepLine(part.step)));
    else ctx.push(...part.text.replace(/\n$/, "").split("\n").map(info));
  }
}

/** The plan, after Alembic's warnings; a failed plan's warnings come before its error, as Alembic prints them. */
function unwrapWithWarnings(ctx: CommandContext, planned: PlanResult): Extract<PlanResult, { readonly ok: true }> {
  ctx.push(...planWarnings(planned.warnings ?? []));
  return unwrap(planned);
}

function splitRange(revision: string): [string, string] {
  const at = revision.indexOf(":");
  return [revision.slice(0, at), revision.slice(at + 1)];
}

/** The revision argument, as Flask-Migrate defaults it. */
export function targetOf(args: ParsedArgs, direction: "upgrade" | "downgrade"): string {
  const revision = args.args[0] ?? (direction === "upgrade" ? "head" : "-1");
  // as flask_migrate.downgrade: offline "-1" means one step down from the head
  return direction === "downgrade" && flagOption(args, "sql") && revision === "-1" ? "head:-1" : revision;
}

export const plannerOf = (direction: "upgrade" | "downgrade"): Planner => (direction === "upgrade" ? planUpgrade : planDowngrade);

async function migrateTo(ctx: CommandContext, args: ParsedArgs, direction: "upgrade" | "downgrade"): Promise<number> {
  const sql = flagOption(args, "sql");
  const revision = targetOf(args, direction);
  const planner = plannerOf(direction);
  if (revision.includes(":")) {
    if (!sql) throw new CommandError("Range revision not allowed");
  } else if (sql && direction === "downgrade") {
    throw new CommandError("downgrade with --sql requires <fromrev>:<torev>");
  }
  const set = ctx.loadScripts();
  if (!sql) return runOnline(ctx, set, revision, planner);
  const [start, end] = revision.includes(":") ? splitRange(revision) : [null, revision];
  runOffline(ctx, set, start, end, planner);
  return 0;
}

export const upgrade: Command = {
  spec: { name: "upgrade", help: "Upgrade to a later version", shortHelp: "Upgrade to a later version", options: [DIRECTORY, SQL, TAG, X_ARG], argument: REVISION_ARGUMENT("head") },
  run: (ctx, args) => migrateTo(ctx, args, "upgrade"),
};

export const downgrade: Command = {
  spec: { name: "downgrade", help: "Revert to a previous version", shortHelp: "Revert to a previous version", options: [DIRECTORY, SQL, TAG, X_ARG], argument: REVISION_ARGUMENT("-1") },
  run: (ctx, args) => migrateTo(ctx, args, "downgrade"),
};
