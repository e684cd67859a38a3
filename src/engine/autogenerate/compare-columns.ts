// Columns of a table that exists on both sides (alembic/autogenerate/compare.py `_compare_columns`):
// added columns and alterations come before the table's index and constraint changes, removed
// columns after them, because Alembic yields to the table comparators in between.

import type { Column, Table } from "../schema/model";
import { findColumn } from "../schema/model";
import type { AlterColumnOp, MigrateOp } from "../ops/ops";
import { addColumn, alterColumn, dropColumn } from "../ops/ops";
import { isNullType, isTypeChanged } from "./compare-types";
import { messages } from "./messages";

export interface Collector {
  readonly ops: MigrateOp[];
  readonly messages: string[];
}

/** Added columns (in model order), then alterations of the columns both sides have. */
export function compareColumnsBefore(database: Table, model: Table, out: Collector): void {
  for (const c of model.columns) {
    if (findColumn(database, c.name)) continue;
    out.ops.push(addColumn(model.name, c));
    out.messages.push(messages.addedColumn(model.name, c.name));
  }
  for (const c of model.columns) {
    const existing = findColumn(database, c.name);
    if (!existing) continue;
    const op = compareColumn(model.name, existing, c, out.messages);
    if (op) out.ops.push(withAutoincrement(op, model, c));
  }
}

/** Removed columns, after the index and constraint changes. */
export function compareColumnsAfter(database: Table, model: Table, out: Collector): void {
  for (const c of database.columns) {
    if (findColumn(model, c.name)) continue;
    out.ops.push(dropColumn(model.name, c.name, c));
    out.messages.push(messages.removedColumn(model.name, c.name));
  }
}

// SQLAlchemy types whose _type_affinity is Integer or Numeric: the ones that can autoincrement
const NUMERIC_AFFINITY = new Set(["Integer", "BigInteger", "SmallInteger", "Numeric", "Float", "INTEGER", "BIGINT", "SMALLINT", "NUMERIC", "DECIMAL", "FLOAT", "REAL", "DOUBLE"]);

/** Table._autoincrement_column of SQLAlchemy 1.4 (sql/schema.py PrimaryKeyConstraint). */
export function autoincrementColumn(table: Table): Column | undefined {
  const keyColumns = (table.primaryKey?.columns ?? []).map((n) => findColumn(table, n)).filter((c): c is Column => c !== undefined);
  if (keyColumns.length !== 1) return keyColumns.find((c) => c.autoincrement === true);
  const only = keyColumns[0]!;
  if (only.autoincrement === true) return only;
  const eligible =
    only.autoincrement === "auto" &&
    NUMERIC_AFFINITY.has(only.type.name) &&
    only.clientDefault === undefined &&
    only.serverDefault === null &&
    !table.foreignKeys.some((fk) => fk.columns.includes(only.name));
  return eligible ? only : undefined;
}

// as _setup_autoincrement: the alter_column op carries autoincrement=True/False for rendering
function withAutoincrement(op: AlterColumnOp, table: Table, column: Column): AlterColumnOp {
  if (autoincrementColumn(table)?.name === column.name) return { ...op, autoincrement: true };
  if (column.autoincrement === "auto") return op;
  return { ...op, autoincrement: column.autoincrement };
}

// The column comparators in their registration order: _compare_nullable, _compare_type.
// Server defaults are not compared: Flask-Migrate leaves compare_server_default off.
function compareColumn(table: string, database: Column, model: Column, log: string[]): AlterColumnOp | null {
  let nullable: boolean | undefined;
  let type: Column["type"] | undefined;
  if (database.nullable !== model.nullable) {
    nullable = model.nullable;
    log.push(messages.nullable(table, model.name, model.nullable));
  }
  if (isNullType(database.type)) {
    log.push(messages.unknownDatabaseType(table, model.name));
  } else if (isTypeChanged(database.type, model.type)) {
    type = model.type;
    log.push(messages.typeChange(table, model.name, database.type, model.type));
  }
  if (nullable === undefined && type === undefined) return null;
  return alterColumn(table, model.name, {
    ...(nullable !== undefined && { nullable }),
    ...(type !== undefined && { type }),
    existingType: database.type,
    existingNullable: database.nullable,
    // as _compare_server_default: existing_server_default is the database's, when either side has one
    ...(database.serverDefault !== null && { existingServerDefault: database.serverDefault }),
    // a reflected default is a TextClause: rendered sa.text("'0'"), as real Alembic writes it
    ...(database.serverDefault !== null && database.serverDefaultIsSql && { existingServerDefaultIsSql: true as const }),
  });
}
