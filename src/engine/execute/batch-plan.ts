// Alembic's "move and copy" (alembic/operations/batch.py ApplyBatchImpl), as data: from the
// existing table and the ops of one batch block, the new table, the column transfers (which old
// column, CAST or not, feeds which new one) and the indexes to re-create afterwards.
// Where Alembic 1.8 fails on valid input, Retort does not copy the bug: an index or constraint
// naming a column renamed in the same block follows the rename (Alembic: KeyError / silent drop).

import { withServerDefault, type Column, type Index, type PrimaryKey, type Table } from "../schema/model";
import type { MigrateOp, OpKind, OpOfKind } from "../ops/ops";
import { toDdl } from "../schema/types";
import { needsCast } from "./affinity";
import { constraintColumns, constraintName, fromTableConstraint, namesIn, renameInConstraint, toTableConstraint } from "./constraints";
import type { TableConstraint } from "./ddl";
import { ExecuteError, missingColumnError, unnamedConstraintError } from "./errors";
import { ident } from "./quote";
import { orderColumns } from "./column-order";

interface Transfer {
  /** The column of the old table that feeds this one; null for an added column. */
  readonly source: string | null;
  /** The value read from the old table, CASTs included, as SQLAlchemy compiles it. */
  expr: string | null;
  /** A CAST is labelled with the column's original key: `CAST(users.n AS VARCHAR(10)) AS n`. */
  cast: boolean;
}

export interface BatchState {
  readonly table: Table;
  readonly columns: Map<string, Column>;
  readonly transfers: Map<string, Transfer>;
  readonly existingOrdering: string[];
  readonly addColOrdering: [string, string][];
  primaryKey: PrimaryKey | null;
  readonly named: Map<string, TableConstraint>;
  unnamed: TableConstraint[];
  readonly indexes: Map<string, Index>;
  readonly newIndexes: Map<string, Index>;
  /** Names of dropped columns, to leave out the unnamed CHECKs that read them. */
  readonly dropped: Set<string>;
}

export interface RebuildPlan {
  /** The table after the block, under its own name. */
  readonly table: Table;
  /** Table-level constraints in the order the new CREATE TABLE lists them. */
  readonly constraints: readonly TableConstraint[];
  readonly insertColumns: readonly string[];
  readonly selectExprs: readonly string[];
  /** The same values without labels, to query the old table with (diagnostics). */
  readonly valueExprs: readonly string[];
  /** Re-created after the rename: the old ones first, then the block's new ones. */
  readonly indexes: readonly Index[];
}

/**
 * The default as SQLAlchemy reflects it through Alembic's column_reflect hook
 * (alembic/ddl/sqlite.py `_guess_if_default_is_unparenthesized_sql_expr`): an SQL expression
 * gets parentheses, so `10` becomes `(10)` and `CURRENT_TIMESTAMP` `(CURRENT_TIMESTAMP)`,
 * while a one-character number or a quoted string stays as it is.
 */
export function reflectedDefault(value: string | null): string | null {
  if (value === null || value === "") return value;
  if (/^[0-9.]$/.test(value) || /^'.+'$/.test(value) || /^\(.+\)$/.test(value)) return value;
  return `(${value})`;
}

export function startBatch(table: Table, existingConstraints: readonly TableConstraint[]): BatchState {
  const named = new Map<string, TableConstraint>();
  const unnamed: TableConstraint[] = [];
  for (const c of existingConstraints) {
    const name = constraintName(c);
    if (name === null) unnamed.push(c);
    else named.set(name, c);
  }
  return {
    table,
    columns: new Map(table.columns.map((c) => [c.name, { ...c, serverDefault: reflectedDefault(c.serverDefault) }])),
    transfers: new Map(table.columns.map((c) => [c.name, { source: c.name, expr: `${ident(table.name)}.${ident(c.name)}`, cast: false }])),
    existingOrdering: table.columns.map((c) => c.name),
    addColOrdering: [],
    primaryKey: table.primaryKey,
    named,
    unnamed,
    indexes: new Map(table.indexes.map((i) => [i.name, i])),
    newIndexes: new Map(),
    dropped: new Set(),
  };
}

function keyOf(s: BatchState, name: string, op: MigrateOp): string {
  for (const [key, column] of s.columns) if (column.name === name) return key;
  throw missingColumnError(s.table.name, name, op);
}

function renameColumn(s: BatchState, from: string, to: string): void {
  const swap = (cols: readonly string[]) => cols.map((c) => (c === from ? to : c));
  if (s.primaryKey) s.primaryKey = { ...s.primaryKey, columns: swap(s.primaryKey.columns) };
  for (const [name, c] of s.named) s.named.set(name, renameInConstraint(c, s.table.name, from, to));
  s.unnamed = s.unnamed.map((c) => renameInConstraint(c, s.table.name, from, to));
  for (const map of [s.indexes, s.newIndexes]) for (const [name, i] of map) map.set(name, { ...i, columns: swap(i.columns) });
}

function alterColumn(s: BatchState, op: OpOfKind<"alter_column">): void {
  const key = keyOf(s, op.column, op);
  let column = s.columns.get(key)!;
  const transfer = s.transfers.get(key)!;
  if (op.newColumnName !== undefined && op.newColumnName !== column.name) {
    renameColumn(s, column.name, op.newColumnName);
    column = { ...column, name: op.newColumnName };
  }
  if (op.type !== undefined) {
    // as cast_for_batch_migrate: CAST(old AS new) AS <old key> when the affinity changes
    if (transfer.expr !== null && needsCast(column.type, op.type)) {
      transfer.expr = `CAST(${transfer.expr} AS ${toDdl(op.type)})`;
      transfer.cast = true;
    }
    column = { ...column, type: op.type };
  }
  if (op.nullable !== undefined) column = { ...column, nullable: op.nullable };
  if (op.serverDefault !== undefined) column = withServerDefault(column, op.serverDefault, op.serverDefaultIsSql === true);
  s.columns.set(key, column);
}

function addColumn(s: BatchState, op: OpOfKind<"add_column">): void {
  // as _setup_dependencies_for_add_column: a new column goes after the last existing one
  const last = s.existingOrdering[s.existingOrdering.length - 1];
  // a new column may take the name another one was renamed away from: keep both (Alembic
  // overwrites the renamed one, losing its data)
  let key = op.column.name;
  for (let n = 2; s.columns.has(key); n++) key = `${op.column.name}\u0000${n}`;
  if (last !== undefined) s.addColOrdering.push([last, key]);
  s.columns.set(key, op.column);
  s.transfers.set(key, { source: null, expr: null, cast: false });
  for (const fk of op.foreignKeys ?? []) {
    if (fk.name === null) throw unnamedConstraintError(op.table, "The foreign key", fk.columns, op);
    s.named.set(fk.name, { kind: "foreignkey", value: fk });
  }
}

function dropColumn(s: BatchState, op: OpOfKind<"drop_column">): void {
  const key = keyOf(s, op.column, op);
  if (s.primaryKey) s.primaryKey = { ...s.primaryKey, columns: s.primaryKey.columns.filter((c) => c !== op.column) };
  s.columns.delete(key);
  s.transfers.delete(key);
  s.dropped.add(op.column.toLowerCase());
  const at = s.existingOrdering.indexOf(key);
  if (at >= 0) s.existingOrdering.splice(at, 1);
}

function addConstraint(s: BatchState, op: OpOfKind<"create_unique_constraint" | "create_foreign_key" | "create_check_constraint">): void {
  const c = toTableConstraint(op);
  const name = constraintName(c);
  if (name === null) throw unnamedConstraintError(op.table, describe(c), constraintColumns(c), op);
  s.named.set(name, c);
}

function dropConstraint(s: BatchState, op: OpOfKind<"drop_constraint">): void {
  if (op.name === null) throw unnamedConstraintError(op.table, `The ${op.type ?? "unnamed"} constraint`, [], op);
  if (op.type === "primary" || (s.primaryKey?.name === op.name && !s.named.has(op.name))) {
    if (s.primaryKey?.name !== op.name) throw new ExecuteError(`No such constraint: '${op.name}' on table '${op.table}'. Check the name of the primary key.`, op);
    s.primaryKey = null;
    return;
  }
  if (!s.named.delete(op.name)) {
    throw new ExecuteError(`No such constraint: '${op.name}' on table '${op.table}'. Check the constraint name (the database has: ${[...s.named.keys()].map((n) => `'${n}'`).join(", ") || "no named constraints"}).`, op);
  }
}

function dropIndex(s: BatchState, op: OpOfKind<"drop_index">): void {
  if (!s.indexes.delete(op.name) && !s.newIndexes.delete(op.name)) {
    throw new ExecuteError(`No such index: '${op.name}' on table '${op.table}'. Check the index name.`, op);
  }
}

const describe = (c: TableConstraint) => ({ unique: "The unique constraint", foreignkey: "The foreign key", check: "The check constraint" })[c.kind];

const notInBatch = (what: string) => (_s: BatchState, op: MigrateOp) => {
  throw new ExecuteError(`Can't ${what} inside batchAlterTable('${"table" in op ? op.table : ""}'): move the op out of the batch block.`, op);
};

/** How each op changes the batch state; ops that cannot appear in a batch block say so. */
export const BATCH_HANDLERS = {
  create_table: notInBatch("create a table"),
  drop_table: notInBatch("drop a table"),
  rename_table: () => {},
  add_column: addColumn,
  drop_column: dropColumn,
  alter_column: alterColumn,
  create_index: (s, op) => void s.newIndexes.set(op.index.name, op.index),
  drop_index: dropIndex,
  create_unique_constraint: addConstraint,
  create_foreign_key: addConstraint,
  create_check_constraint: addConstraint,
  drop_constraint: dropConstraint,
  execute: notInBatch("execute SQL"),
  bulk_insert: notInBatch("bulk insert rows"),
  modify_table: notInBatch("nest a batch block"),
} satisfies { readonly [K in OpKind]: (s: BatchState, op: OpOfKind<K>) => void };

export function applyBatchOp(s: BatchState, op: MigrateOp): void {
  (BATCH_HANDLERS[op.kind] as (s: BatchState, op: MigrateOp) => void)(s, op);
}

export function finishBatch(s: BatchState): RebuildPlan {
  const keys = orderColumns([...s.columns.keys()], s.existingOrdering, s.addColOrdering);
  const columns = keys.map((k) => s.columns.get(k)!);
  const present = new Set(columns.map((c) => c.name));
  const covers = (cols: readonly string[]) => cols.every((c) => present.has(c));
  // as _transfer_elements_to_new_table: named constraints, then unnamed ones; a constraint
  // whose columns are gone is left out. Alembic drops every unnamed reflected CHECK (it cannot
  // tell them from type-bound ones); Retort keeps them, except those reading a dropped column.
  const readsDropped = (c: TableConstraint) => c.kind === "check" && namesIn(c.value.sqltext).some((n) => s.dropped.has(n.toLowerCase()));
  const unnamed = s.unnamed.filter((c) => !readsDropped(c));
  const constraints = [...s.named.values(), ...unnamed].filter((c) => covers(constraintColumns(c)));
  const pk = s.primaryKey && s.primaryKey.columns.length > 0 ? s.primaryKey : null;
  const indexes = [...s.indexes.values(), ...s.newIndexes.values()].filter((i) => covers(i.columns));
  const table: Table = { name: s.table.name, columns, primaryKey: pk, indexes, ...fromTableConstraint(constraints) };
  const transferred = keys.filter((k) => s.transfers.get(k)?.expr != null);
  return {
    table,
    constraints,
    insertColumns: transferred.map((k) => s.columns.get(k)!.name),
    selectExprs: transferred.map((k) => {
      const t = s.transfers.get(k)!;
      return t.cast ? `${t.expr!} AS ${ident(k)}` : t.expr!;
    }),
    valueExprs: transferred.map((k) => s.transfers.get(k)!.expr!),
    indexes,
  };
}

export function planRebuild(table: Table, existingConstraints: readonly TableConstraint[], ops: readonly MigrateOp[]): RebuildPlan {
  const state = startBatch(table, existingConstraints);
  for (const op of ops) applyBatchOp(state, op);
  return finishBatch(state);
}

