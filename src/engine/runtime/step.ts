// What the revision graph plans and the runtime runs: one revision's upgrade() or downgrade().
// The revision map decides the steps and how alembic_version changes (as Alembic's
// alembic/runtime/migration.py HeadMaintainer does); the runtime only executes them.

import type { MigrateOp } from "../ops/ops";

/** One change to the alembic_version table. A merge or a branch point takes several. */
export type VersionChange =
  | { readonly kind: "insert"; readonly revision: string }
  | { readonly kind: "update"; readonly from: string; readonly to: string }
  | { readonly kind: "delete"; readonly revision: string };

export type Direction = "upgrade" | "downgrade";

export interface PlannedStep {
  /** The revision whose upgrade() or downgrade() runs. */
  readonly revision: string;
  readonly direction: Direction;
  /** For the log line "Running upgrade <from> -> <to>, <message>"; several for a merge. */
  readonly fromRevisions: readonly string[];
  readonly toRevisions: readonly string[];
  readonly versionChanges: readonly VersionChange[];
}

export interface MigrationStep extends PlannedStep {
  /** The first line of the script's docstring, as Alembic's `doc`. */
  readonly message: string;
  readonly ops: readonly MigrateOp[];
}
