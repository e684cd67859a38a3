// What a run reports as it goes (the listener's events) and what it gives back at its end.

import type { MigrateOp } from "../ops/ops";
import type { RunError } from "./failure";
import type { MigrationStep } from "./step";

export type RuntimeEvent =
  | { readonly type: "step-start"; readonly step: MigrationStep }
  | { readonly type: "op"; readonly op: MigrateOp; readonly index: number }
  | { readonly type: "sql"; readonly sql: string; readonly rowsChanged: number; readonly durationMs: number }
  | { readonly type: "step-end"; readonly step: MigrationStep; readonly ok: boolean };

export interface RunOptions {
  readonly listener?: (e: RuntimeEvent) => void;
}

export interface RunResult {
  readonly ok: boolean;
  /** The steps that ran and committed, in order. */
  readonly completed: readonly MigrationStep[];
  readonly error: RunError | null;
}

export type OnSql = (sql: string, rowsChanged: number, durationMs: number) => void;
