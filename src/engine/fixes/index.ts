// One-click fixes for Retort's warnings and the models' diagnostics: pure functions from source
// text to text edits (data), which the editor applies as one undoable edit.

import type { FixResult } from "./text-edits";
import { notFixed } from "./text-edits";
import { namingConventionFix } from "./naming-convention";
import { fillInDataStepFix, serverDefaultFix } from "./not-null";
import { renameColumnFix } from "./rename-column";
import { keepViewsAndTriggersFix } from "./around-batch";
import type { WarningFix, WarningFixKind } from "./warning-fix";

export { applyTextEdits, type TextEdit, type FixResult } from "./text-edits";
export { FIX_TARGET, FIX_TITLES, type WarningFix, type WarningFixKind } from "./warning-fix";
export { duplicatesQuery } from "./duplicates";
export { scriptFixOffers, type FixOffer } from "./script-offers";
export { RECOMMENDED_CONVENTION } from "./naming-convention";

type FixOf<K extends WarningFixKind> = Extract<WarningFix, { kind: K }>;

const COMPUTE = {
  "rename-column": (f: FixOf<"rename-column">, source: string) => renameColumnFix(source, f.table, f.from, f.to),
  "naming-convention": (_f: FixOf<"naming-convention">, source: string) => namingConventionFix(source),
  "server-default": (f: FixOf<"server-default">, source: string) => serverDefaultFix(source, f.table, f.column),
  "fill-in-data-step": (f: FixOf<"fill-in-data-step">, source: string) => fillInDataStepFix(source, f.table, f.column, f.adding),
  "show-duplicates": () => notFixed("Showing the duplicates runs a query in the SQL console; it edits no file."),
  "keep-views-and-triggers": (f: FixOf<"keep-views-and-triggers">, source: string) => keepViewsAndTriggersFix(source, f.table, f.views, f.triggers),
} satisfies { readonly [K in WarningFixKind]: (fix: FixOf<K>, source: string) => FixResult };

/** The edits of `fix` on `source`: models.ts or the migration script, as FIX_TARGET says. */
export function computeFix(fix: WarningFix, source: string): FixResult {
  return (COMPUTE[fix.kind] as (f: WarningFix, s: string) => FixResult)(fix, source);
}
