// What a planned upgrade or downgrade would do to the rows, said before it runs: the counted
// warnings `migrate` gives (analyzeOps), each naming the revision whose script causes it.
//
// Each revision is analysed against the database as the revisions before it leave it: the plan
// runs inside one stepped transaction (startRun + forward("revision")), each revision's ops are
// analysed on the real, half-migrated rows just before it runs, and cancel() rolls it all back.
// Analysing later revisions against the schema alone would miss what earlier ones do to the rows
// (an UPDATE that fills a column, a column added then dropped). The last revision is analysed
// and never run (nothing after it needs its rows), so the usual one-revision step costs no run
// at all: on a 1,000,000-row rebuild the check would otherwise double the upgrade's time.

import type { ChangeWarning } from "../autogenerate";
import { analyzeOps } from "../autogenerate";
import type { Database } from "../db/database";
import { reflectSchema } from "../reflect";
import { startRun } from "./migration-run";
import type { Direction, MigrationStep } from "./step";

export interface StepWarning extends ChangeWarning {
  readonly revision: string;
  readonly direction: Direction;
  /** The script's message, as "Running upgrade … , <message>" names it. */
  readonly revisionMessage: string;
}

/** The warnings of `steps` in order; the database is left exactly as it was. */
export function checkPlan(db: Database, steps: readonly MigrationStep[]): StepWarning[] {
  const out: StepWarning[] = [];
  if (steps.length === 0) return out;
  const run = steps.length > 1 ? startRun(db, steps) : null;
  try {
    for (const [index, step] of steps.entries()) {
      const found = analyzeOps(db, reflectSchema(db), step.ops).filter(aboutRows);
      out.push(...found.map((w) => ({ ...w, revision: step.revision, direction: step.direction, revisionMessage: step.message })));
      if (index === steps.length - 1 || !run) break;
      // a revision that fails stops the real run there too: the later ones would never run
      if (run.forward("revision") !== "paused") break;
    }
  } finally {
    run?.cancel();
  }
  return out;
}

/**
 * A likely rename that loses no value is advice for writing a script, not news about the rows
 * (migrate gives it for that): at the moment of a step it would ask about nothing.
 */
const aboutRows = (w: ChangeWarning) => !(w.kind === "likely-rename" && w.rows === 0);

/** One warning as a line: the revision first, then migrate's own words. */
export function stepWarningText(w: StepWarning): string {
  const about = w.revisionMessage ? ` (${w.revisionMessage})` : "";
  return `${w.direction === "upgrade" ? "Upgrade" : "Downgrade"} ${w.revision}${about}: ${w.message}`;
}
