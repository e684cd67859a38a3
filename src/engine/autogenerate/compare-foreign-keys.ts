// Foreign keys of a table that exists on both sides (alembic/autogenerate/compare.py
// `_compare_foreign_keys`). Keys are matched on their signature, never by name ("SQLite doesn't
// preserve constraint names anyway"): columns, referred table and columns and, because SQLite
// reflects options, ON UPDATE / ON DELETE too. A changed option is a removed key plus an added one.

import type { ForeignKey, ReferentialAction, Table } from "../schema/model";
import { createForeignKey, dropConstraint } from "../ops/ops";
import type { Collector } from "./compare-columns";
import { messages } from "./messages";

// as _fk_constraint_sig(include_options=True): "no action" counts as no option; deferrability
// is not modelled, so it is "not deferrable" on both sides.
const option = (a: ReferentialAction | null) => (a === null || a === "NO ACTION" ? null : a.toLowerCase());

function signature(table: string, fk: ForeignKey, withOptions: boolean): string {
  const base: unknown[] = [table, fk.columns, fk.referredTable, fk.referredColumns];
  if (withOptions) base.push(option(fk.onUpdate), option(fk.onDelete), "not deferrable");
  return JSON.stringify(base);
}

export function compareForeignKeys(database: Table, model: Table, out: Collector): void {
  // as backend_reflects_fk_options: only when the database side has any key at all
  const withOptions = database.foreignKeys.length > 0;
  const connSigs = new Map(database.foreignKeys.map((fk) => [signature(model.name, fk, withOptions), fk]));
  const metaSigs = new Map(model.foreignKeys.map((fk) => [signature(model.name, fk, withOptions), fk]));
  // Alembic walks Python sets here (no stable order); Retort keeps each side's own order.
  for (const [sig, fk] of connSigs) {
    if (metaSigs.has(sig)) continue;
    out.ops.push(dropConstraint(model.name, fk.name, "foreignkey", fk));
    out.messages.push(messages.removedForeignKey(fk.columns, fk.referredColumns, model.name));
  }
  for (const [sig, fk] of metaSigs) {
    if (connSigs.has(sig)) continue;
    out.ops.push(createForeignKey(model.name, fk));
    out.messages.push(messages.addedForeignKey(fk.columns, fk.referredColumns, model.name));
  }
}
