// Upgrade and downgrade, online. Retort does better than Alembic on SQLite here (SPEC §3):
// every revision runs in its own transaction, and a failure rolls that revision back whole, so
// no _alembic_tmp_* table and no half-applied DDL is left behind; earlier revisions stay applied.
// A revision with a batch rebuild runs with PRAGMA foreign_keys OFF (it cannot change inside a
// transaction), so the DROP TABLE of a rebuild never cascades into child tables (Alembic's does);
// foreign_key_check before COMMIT guards the result, and the pragma is restored afterwards.
// This is the plain driver of the runtime (migration-run.ts): it runs every point at once.

import type { Database } from "../db/database";
import type { RunOptions, RunResult } from "./events";
import { startRun } from "./migration-run";
import type { MigrationStep } from "./step";

export type { RunOptions, RunResult, RuntimeEvent } from "./events";
export type { RunError } from "./failure";

/** Runs the steps in order, each in its own transaction; stops at the first failure. Never throws. */
export function runSteps(db: Database, steps: readonly MigrationStep[], options: RunOptions = {}): RunResult {
  return startRun(db, steps, options).toEnd();
}
