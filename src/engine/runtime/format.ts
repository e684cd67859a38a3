// The words Alembic logs for a step (alembic/runtime/migration.py MigrationStep.__str__ and
// short_log): "Running upgrade  -> a08b4139c4fb, initial migration" from a base (nothing before
// the arrow, hence two spaces), comma-joined ids for a merge, and no ", doc" without a message.

import type { PlannedStep } from "./step";

export function formatShortLog(step: PlannedStep): string {
  return `${step.direction} ${step.fromRevisions.join(", ")} -> ${step.toRevisions.join(", ")}`;
}

/** "Running upgrade 33aeb0bd3217 -> 9f3a45b61f3d, Added email field" */
export function formatStepLine(step: PlannedStep & { readonly message: string }): string {
  const short = formatShortLog(step);
  return `Running ${step.message ? `${short}, ${step.message}` : short}`;
}
