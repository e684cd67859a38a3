// From planned steps to runnable ones: each revision's ops, taken from its parsed script, and
// the schema at a revision (what offline mode renders batch blocks from; Alembic cannot).

import { applyOpsToSchema } from "../execute";
import { planUpgrade, type RevisionMap } from "../revisions";
import type { MigrationStep, PlannedStep } from "../runtime";
import type { Schema } from "../schema/model";
import type { ScriptSet } from "./context";
import { unwrap } from "./context";
import { CommandError, pythonWarning, type OutputLine } from "./types";

export function toMigrationSteps(set: ScriptSet, planned: readonly PlannedStep[]): MigrationStep[] {
  return planned.map((step) => {
    const loaded = set.byRevision.get(step.revision);
    if (!loaded) throw new CommandError(`Can't locate revision identified by '${step.revision}'`);
    const { script } = loaded;
    return { ...step, message: script.message, ops: step.direction === "upgrade" ? script.upgradeOps : script.downgradeOps };
  });
}

/** Alembic's util.warn texts, as Python prints a UserWarning. */
export const planWarnings = (warnings: readonly string[]): OutputLine[] => warnings.map((w) => pythonWarning(`UserWarning: ${w}`));

/** The schema the upgrades from base to `heads` build: Retort tracks every table at every revision. */
export function schemaAt(set: ScriptSet, map: RevisionMap, heads: readonly string[]): Schema {
  let schema: Schema = { tables: [] };
  if (heads.length === 0) return schema;
  const plan = unwrap(planUpgrade(map, [], heads.length === 1 ? heads[0]! : "heads"));
  const wanted = new Set(heads);
  // several heads: only the branches that lead to the given ones
  const steps = heads.length === 1 ? plan.steps : plan.steps.filter((s) => reaches(map, s.revision, wanted));
  for (const step of toMigrationSteps(set, steps)) schema = applyOpsToSchema(schema, step.ops);
  return schema;
}

function reaches(map: RevisionMap, revision: string, targets: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const stack = [revision];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (targets.has(id)) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(map.revisions.get(id)?.allNextRevisions ?? []));
  }
  return false;
}
