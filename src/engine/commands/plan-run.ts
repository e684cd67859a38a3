// The steps a site-driven run (the step-through) executes: the same scripts, planner and
// toMigrationSteps the upgrade and downgrade commands use, without running anything, so that the
// caller can hand them to startRun() and drive the run itself.

import { planDowngrade, planUpgrade } from "../revisions";
import type { Direction, MigrationStep } from "../runtime";
import { DEFAULT_MIGRATIONS_DIR, type Workspace } from "../workspace/workspace";
import { CommandContext, unwrap } from "./context";
import { toMigrationSteps } from "./steps";
import { CommandError, type CommandDeps } from "./types";

export type PlanRunResult =
  | { readonly ok: true; readonly steps: MigrationStep[]; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly message: string };

// Planning reads only the scripts: a database opened here would be a bug, so it says so.
const SCRIPTS_ONLY: CommandDeps = {
  openDatabase: () => Promise.reject(new Error("planRun reads scripts only; the caller holds the database")),
  random: () => 0,
  clock: () => new Date(0),
};

/** `heads` are the database's current revisions; `target` as the commands take it ("head", "-1", an id). */
export function planRun(workspace: Workspace, heads: readonly string[], direction: Direction, target: string): PlanRunResult {
  try {
    const set = new CommandContext(workspace, SCRIPTS_ONLY, DEFAULT_MIGRATIONS_DIR).loadScripts();
    const planned = unwrap((direction === "upgrade" ? planUpgrade : planDowngrade)(set.map, heads, target));
    return { ok: true, steps: toMigrationSteps(set, planned.steps), warnings: planned.warnings ?? [] };
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    return { ok: false, message: [...e.extraLines.map((l) => l.text), e.message].join("\n") };
  }
}
