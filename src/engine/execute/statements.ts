// Ops -> the SQL statements Alembic 1.8 runs for them on SQLite, one per-kind table.
// Ops that Alembic cannot run on SQLite outside a batch block (ALTER of constraints or columns)
// fail here, before any SQL runs, with the fix in the message.

import type { Column, Table } from "../schema/model";
import type { MigrateOp, OpKind, OpOfKind, RowValue } from "../ops/ops";
import { quoteString } from "../db/database";
import { planRebuild } from "./batch-plan";
import { existingConstraintOrder } from "./constraints";
import { addColumnSql, createIndexSql, createTableSql, dropColumnSql, dropIndexSql, dropTableSql, renameTableSql } from "./ddl";
import { ExecuteError, missingTableError, unnamedConstraintError } from "./errors";
import { ident } from "./quote";

/** Where the executor looks up a table as it is before the op: a live database or a tracked schema. */
export interface TableSource {
  table(name: string): Table | undefined;
  /** The CREATE TABLE text as sqlite_master keeps it, when known: it fixes the order of constraints. */
  createSql(name: string): string | null;
}

/** As alembic/operations/batch.py _calc_temp_name: cut to 50 characters. */
export const tempTableName = (table: string) => `_alembic_tmp_${table}`.slice(0, 50);

/**
 * As requires_recreate_in_batch's `isinstance(col.server_default.arg, sql.ClauseElement)`: a
 * default written `sa.text(…)` or reflected (flagged), even `sa.text("'ab'")`; an unflagged
 * default that is not a quoted string can only be SQL too.
 */
const isSqlExpressionDefault = (column: Column) =>
  column.serverDefault !== null && (column.serverDefaultIsSql === true || !/^'(?:[^']|'')*'$/s.test(column.serverDefault));

/**
 * As alembic/ddl/sqlite.py requires_recreate_in_batch ("auto" mode): only index changes and
 * add_column (without an SQL-expression default and without inline foreign keys) run as plain
 * ALTERs; a table rename is a plain ALTER as well in Retort (Alembic raises NotImplementedError).
 */
export function needsRecreate(ops: readonly MigrateOp[]): boolean {
  return ops.some((op) => {
    if (op.kind === "create_index" || op.kind === "drop_index" || op.kind === "rename_table") return false;
    if (op.kind === "add_column") return isSqlExpressionDefault(op.column) || (op.foreignKeys?.length ?? 0) > 0;
    return true;
  });
}

export function literal(value: RowValue): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") return String(value);
  return quoteString(value);
}

const constraintAlter = (op: MigrateOp & { table: string }): never => {
  throw new ExecuteError(
    `${op.kind} on table '${op.table}' cannot run outside a batch block: "No support for ALTER of constraints in SQLite dialect." ` +
      `Put it inside op.batchAlterTable('${op.table}', (batchOp) => { … }) so that the table is moved and copied.`,
    op,
  );
};

function mustHave(source: TableSource, name: string, op: MigrateOp): Table {
  const table = source.table(name);
  if (!table) throw missingTableError(name, op);
  return table;
}

function addColumnStatements(op: OpOfKind<"add_column">): string[] {
  if ((op.foreignKeys?.length ?? 0) > 0) constraintAlter(op);
  return [addColumnSql(op.table, op.column)];
}

/** The "move and copy" of one batch block, as ApplyBatchImpl._create. */
export function rebuildStatements(op: OpOfKind<"modify_table">, source: TableSource): string[] {
  const existing = mustHave(source, op.table, op);
  const plan = planRebuild(existing, existingConstraintOrder(existing, source.createSql(op.table)), op.ops);
  const temp = tempTableName(op.table);
  const statements = [createTableSql(plan.table, { name: temp, constraints: plan.constraints })];
  if (plan.insertColumns.length > 0) {
    statements.push(
      `INSERT INTO ${ident(temp)} (${plan.insertColumns.map(ident).join(", ")}) SELECT ${plan.selectExprs.join(", ")} \nFROM ${ident(op.table)}`,
    );
  }
  statements.push(dropTableSql(op.table), renameTableSql(temp, op.table));
  statements.push(...plan.indexes.map((i) => createIndexSql(op.table, i)));
  const rename = op.ops.filter((o) => o.kind === "rename_table").at(-1);
  if (rename) statements.push(renameTableSql(op.table, rename.newName));
  return statements;
}

function modifyTableStatements(op: OpOfKind<"modify_table">, source: TableSource): string[] {
  mustHave(source, op.table, op);
  validateBatchNames(op);
  if (needsRecreate(op.ops)) return rebuildStatements(op, source);
  let name = op.table;
  return op.ops.flatMap((inner) => {
    const statements = toSqlStatements({ ...inner, table: name } as MigrateOp, source);
    if (inner.kind === "rename_table") name = inner.newName;
    return statements;
  });
}

/** Alembic raises "Constraint must have a name" mid-migration; Retort refuses before any SQL runs. */
export function validateBatchNames(op: OpOfKind<"modify_table">): void {
  for (const inner of op.ops) {
    if (inner.kind === "create_unique_constraint" && inner.constraint.name === null) throw unnamedConstraintError(op.table, "The unique constraint", inner.constraint.columns, inner);
    if (inner.kind === "create_foreign_key" && inner.foreignKey.name === null) throw unnamedConstraintError(op.table, "The foreign key", inner.foreignKey.columns, inner);
    if (inner.kind === "create_check_constraint" && inner.constraint.name === null) throw unnamedConstraintError(op.table, `The check constraint (${inner.constraint.sqltext})`, [], inner);
    if (inner.kind === "drop_constraint" && inner.name === null) {
      const cols = inner.dropped && "columns" in inner.dropped ? inner.dropped.columns : [];
      throw unnamedConstraintError(op.table, `The ${inner.type ?? ""} constraint to drop`.replace("  ", " "), cols, inner);
    }
    if (inner.kind === "add_column") {
      for (const fk of inner.foreignKeys ?? []) if (fk.name === null) throw unnamedConstraintError(op.table, "The foreign key", fk.columns, inner);
    }
  }
}

const STATEMENTS = {
  create_table: (op) => [createTableSql(op.table), ...op.table.indexes.map((i) => createIndexSql(op.table.name, i))],
  drop_table: (op) => [dropTableSql(op.table)],
  rename_table: (op) => [renameTableSql(op.table, op.newName)],
  add_column: (op) => addColumnStatements(op),
  drop_column: (op) => [dropColumnSql(op.table, op.column)],
  alter_column: (op) => {
    throw new ExecuteError(
      `alter_column on '${op.table}.${op.column}' cannot run outside a batch block: SQLite has no ALTER COLUMN. ` +
        `Put it inside op.batchAlterTable('${op.table}', (batchOp) => { … }) so that the table is moved and copied.`,
      op,
    );
  },
  create_index: (op) => [createIndexSql(op.table, op.index)],
  drop_index: (op) => [dropIndexSql(op.name)],
  create_unique_constraint: constraintAlter,
  create_foreign_key: constraintAlter,
  create_check_constraint: constraintAlter,
  drop_constraint: constraintAlter,
  execute: (op) => [op.sql],
  // as alembic bulk_insert in --sql mode: one INSERT per row, values rendered inline
  bulk_insert: (op) =>
    op.rows.map((row) => {
      const keys = Object.keys(row);
      return `INSERT INTO ${ident(op.table)} (${keys.map(ident).join(", ")}) VALUES (${keys.map((k) => literal(row[k] ?? null)).join(", ")})`;
    }),
  modify_table: (op, source) => modifyTableStatements(op, source),
} satisfies { readonly [K in OpKind]: (op: OpOfKind<K>, source: TableSource) => string[] };

export function toSqlStatements(op: MigrateOp, source: TableSource): string[] {
  return (STATEMENTS[op.kind] as (op: MigrateOp, source: TableSource) => string[])(op, source);
}
