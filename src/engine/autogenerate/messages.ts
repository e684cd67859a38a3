// Alembic 1.8's autogenerate log lines, verbatim (alembic/autogenerate/compare.py `log.info`),
// because tutorials, users and the differential tests read them. Python's %r is reproduced by
// pyRepr, so that a column list prints as ['a', 'b'] and a name with a quote as "it's".

import type { SqlType } from "../schema/types";
import { toRepr } from "../schema/types";

/** The command layer prints this when compareSchemas finds nothing (alembic/command.py revision). */
export const NO_CHANGES_DETECTED = "No changes in schema detected.";

/** Python's repr() of a str: single quotes unless the text holds one and no double quote. */
export function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s
    .replace(/\\/g, "\\\\")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

/** Python's repr() of a list of str: ['a', 'b']. */
export const pyList = (items: readonly string[]): string => `[${items.map(pyStr).join(", ")}]`;

/** Python's repr() of a tuple of str: ('a',) or ('a', 'b'). */
export const pyTuple = (items: readonly string[]): string =>
  items.length === 1 ? `(${pyStr(items[0]!)},)` : `(${items.map(pyStr).join(", ")})`;

const pyBool = (b: boolean): string => (b ? "True" : "False");

export const messages = {
  addedTable: (table: string) => `Detected added table ${pyStr(table)}`,
  removedTable: (table: string) => `Detected removed table ${pyStr(table)}`,
  addedColumn: (table: string, column: string) => `Detected added column '${table}.${column}'`,
  removedColumn: (table: string, column: string) => `Detected removed column '${table}.${column}'`,
  nullable: (table: string, column: string, nullable: boolean) =>
    `Detected ${nullable ? "NULL" : "NOT NULL"} on column '${table}.${column}'`,
  typeChange: (table: string, column: string, from: SqlType, to: SqlType) =>
    `Detected type change from ${toRepr(from)} to ${toRepr(to)} on '${table}.${column}'`,
  unknownDatabaseType: (table: string, column: string) => `Couldn't determine database type for column '${table}.${column}'`,
  addedIndex: (name: string, columns: readonly string[]) => `Detected added index '${name}' on '${pyList(columns)}'`,
  removedIndex: (name: string, table: string) => `Detected removed index '${name}' on '${table}'`,
  changedIndex: (name: string, table: string, changes: readonly string[]) => `Detected changed index '${name}' on '${table}':${changes.join(", ")}`,
  addedUniqueConstraint: (name: string | null, columns: readonly string[]) =>
    `Detected added unique constraint '${name ?? "None"}' on '${pyList(columns)}'`,
  removedUniqueConstraint: (name: string | null, table: string) => `Detected removed unique constraint '${name ?? "None"}' on '${table}'`,
  changedUniqueConstraint: (name: string | null, table: string, changes: readonly string[]) =>
    `Detected changed unique constraint '${name ?? "None"}' on '${table}':${changes.join(", ")}`,
  addedForeignKey: (columns: readonly string[], referredColumns: readonly string[], table: string) =>
    `Detected added foreign key (${columns.join(", ")})(${referredColumns.join(", ")}) on table ${table}`,
  removedForeignKey: (columns: readonly string[], referredColumns: readonly string[], table: string) =>
    `Detected removed foreign key (${columns.join(", ")})(${referredColumns.join(", ")}) on table ${table}`,
} as const;

/** The pieces of a "Detected changed index" line; each starts with a space, as compare.py builds them. */
export const changeParts = {
  unique: (from: boolean, to: boolean) => ` unique=${pyBool(from)} to unique=${pyBool(to)}`,
  columns: (from: readonly string[], to: readonly string[]) => ` columns ${pyTuple(from)} to ${pyTuple(to)}`,
} as const;
