// Retort's own words for what a migration would do to the rows (SPEC §3 "does better"). Full
// sentences with the numbers, the names, and what to do about it.

import type { SqlValue } from "../db/database";
import type { SqlType } from "../schema/types";
import { toRepr } from "../schema/types";

const areLost = (n: number) => (n === 1 ? "is lost" : "are lost");

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

const sqlValue = (v: SqlValue): string => (typeof v === "string" ? `'${v}'` : v instanceof Uint8Array ? "a blob" : String(v));

const CONSTRAINT_WORDS = { unique: "unique constraint", foreignkey: "foreign key", check: "check constraint" } as const;

const on = (table: string, columns: readonly string[]) => (columns.length > 0 ? `${table}(${columns.join(", ")})` : table);

export const warningText = {
  droppedTable: (table: string, rows: number) =>
    `Dropping table '${table}' deletes its ${plural(rows, "row")}. Back them up first, or remove the drop from the migration if the table should stay.`,
  droppedColumn: (table: string, column: string, values: number) =>
    `Dropping column '${table}.${column}' deletes ${plural(values, "non-null value")}. Copy them elsewhere first if they are still needed.`,
  notNullAdded: (table: string, column: string, rows: number) =>
    `Adding column '${table}.${column}' as NOT NULL without a server default fails on the ${plural(rows, "existing row")} of '${table}': SQLite has no value to put in them. ` +
    `Give it a serverDefault, or add it nullable, fill it with op.execute("UPDATE …"), then make it NOT NULL in a later migration.`,
  notNullViolated: (table: string, column: string, nulls: number) =>
    `Making '${table}.${column}' NOT NULL fails: ${plural(nulls, "row holds", "rows hold")} NULL there. Fill them with op.execute("UPDATE ${table} SET ${column} = … WHERE ${column} IS NULL") before the alterColumn.`,
  uniqueViolated: (table: string, columns: readonly string[], groups: number, rows: number, what: string) =>
    `The ${what} on ${table}(${columns.join(", ")}) fails: ${plural(groups, "group")} of ${plural(rows, "row")} already share the same values. Remove or change the duplicates before this migration.`,
  lossyType: (table: string, column: string, from: SqlType, to: SqlType, changed: number, example: SqlValue) =>
    `Changing '${table}.${column}' from ${toRepr(from)} to ${toRepr(to)} changes ${plural(changed, "value")} (for example ${sqlValue(example)}): ` +
    `batch mode copies the column with CAST, so the original values are lost. Convert or clear them first.`,
  unnamedCreate: (table: string, type: keyof typeof CONSTRAINT_WORDS, columns: readonly string[], suggested: string) =>
    `The ${CONSTRAINT_WORDS[type]} on ${on(table, columns)} has no name: SQLite batch mode must create and drop constraints by name, ` +
    `so this migration fails with "Constraint must have a name". Add a naming convention to SQLAlchemy({ namingConvention }) or pass { name: "${suggested}" }.`,
  unnamedDrop: (table: string, type: string, columns: readonly string[]) =>
    `The ${type} on ${on(table, columns)} has no name in the database: SQLite batch mode must drop constraints by name, ` +
    `so this migration fails with "Constraint must have a name". Edit the migration by hand: create the table anew without it, copy the rows with op.execute("INSERT … SELECT …"), drop the old table and rename the new one.`,
  likelyColumnRename: (table: string, dropped: string, added: string, values: number) =>
    `Column '${table}.${dropped}' is dropped and '${table}.${added}' of the same type is added: if this is a rename, the ${plural(values, "value")} of '${dropped}' ${areLost(values)}. ` +
    `Autogenerate cannot see renames; replace the two with batchOp.alterColumn("${dropped}", { newColumnName: "${added}" }).`,
  likelyTableRename: (dropped: string, added: string, rows: number) =>
    `Table '${dropped}' is dropped and '${added}' with the same columns is created: if this is a rename, the ${plural(rows, "row")} of '${dropped}' ${areLost(rows)}. ` +
    `Autogenerate cannot see renames; replace the two with op.renameTable("${dropped}", "${added}").`,
  serverDefaultChanged: (table: string, column: string, database: string | null, model: string | null) =>
    `The server default of '${table}.${column}' is ${database ?? "none"} in the database and ${model ?? "none"} in the models, but autogenerate does not compare server defaults ` +
    `(Flask-Migrate leaves compare_server_default off). Add batchOp.alterColumn("${column}", { serverDefault: ${model === null ? "null" : JSON.stringify(model)} }) by hand if it should change.`,
  clientDefault: (table: string, column: string, value: string, rows: number) =>
    `Column '${table}.${column}' has a Python-side default (${value}): it applies only to rows the application inserts later, so the migration leaves it out and ` +
    `the ${plural(rows, "existing row")} get NULL. Use serverDefault, or fill them with op.execute("UPDATE …").`,
  enumValues: (table: string, column: string, type: SqlType, rows: number, examples: readonly string[]) =>
    `The Enum of '${table}.${column}' keeps its VARCHAR(${type.length ?? "?"}) length, so autogenerate sees no change, yet ${plural(rows, "row holds", "rows hold")} ` +
    `values that are not among its values (${examples.map((e) => `'${e}'`).join(", ")}). Update those rows with op.execute("UPDATE …") in a migration.`,
  droppedTrigger: (table: string, trigger: string) =>
    `Trigger '${trigger}' on '${table}' is dropped by this migration's batch rebuild ("move and copy") of '${table}', as Alembic's is, and nothing creates it again: ` +
    `autogenerate does not see triggers. Re-create it with op.execute("CREATE TRIGGER …") after the batch block.`,
  viewBlocksRebuild: (table: string, view: string) =>
    `View '${view}' reads '${table}': SQLite refuses the last step of the batch rebuild of '${table}' (renaming _alembic_tmp_${table} back: "error in view ${view}: no such table: main.${table}"), ` +
    `so the revision fails and is rolled back, as in Alembic. Drop the view with op.execute before the batch block and create it again after.`,
} as const;
