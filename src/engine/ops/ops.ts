// Operations are data (Alembic's alembic/operations/ops.py, camel-cased). Autogenerate produces
// them, render prints them, the script parser reads them back, and execute applies them. Each
// `kind` is Alembic's own op name, so that it maps one to one onto Alembic's docs.
// A drop keeps what it dropped (`dropped`), so that it can be reversed without a guess.

import type { CheckConstraint, Column, ForeignKey, Index, Table, UniqueConstraint } from "../schema/model";
import type { SqlType } from "../schema/types";

export type ConstraintType = "unique" | "foreignkey" | "check" | "primary";

/** A value in a bulk_insert row: what JSON and SQLite both carry. */
export type RowValue = string | number | boolean | null;

export interface CreateTableOp {
  readonly kind: "create_table";
  readonly table: Table;
}
export interface DropTableOp {
  readonly kind: "drop_table";
  readonly table: string;
  readonly dropped?: Table;
}
export interface RenameTableOp {
  readonly kind: "rename_table";
  readonly table: string;
  readonly newName: string;
}
export interface AddColumnOp {
  readonly kind: "add_column";
  readonly table: string;
  readonly column: Column;
  /** ForeignKey(...) arguments given inline on the column, as sa.Column("x", sa.Integer(), sa.ForeignKey(...)). */
  readonly foreignKeys?: readonly ForeignKey[];
}
export interface DropColumnOp {
  readonly kind: "drop_column";
  readonly table: string;
  readonly column: string;
  readonly dropped?: Column;
  /** The ForeignKey(...) arguments the dropped column carried inline, so that reversing restores them too. */
  readonly droppedForeignKeys?: readonly ForeignKey[];
}
/** Alembic's alter_column: only the `modify*` fields change anything; `existing*` describe the column. */
export interface AlterColumnOp {
  readonly kind: "alter_column";
  readonly table: string;
  readonly column: string;
  readonly nullable?: boolean;
  readonly type?: SqlType;
  /** `null` drops the default; undefined leaves it alone. */
  readonly serverDefault?: string | null;
  /** As Column.serverDefaultIsSql, for `serverDefault`: it was `sa.text("…")`. */
  readonly serverDefaultIsSql?: true;
  readonly newColumnName?: string;
  readonly existingType?: SqlType;
  readonly existingNullable?: boolean;
  readonly existingServerDefault?: string | null;
  /** As Column.serverDefaultIsSql, for `existingServerDefault` (always set when it was reflected). */
  readonly existingServerDefaultIsSql?: true;
  /**
   * Alembic's `autoincrement=` keyword (compare.py `_setup_autoincrement`): true when the model
   * column is its table's autoincrement column, or the model's explicit true/false. Rendered as
   * `autoincrement=True`; it changes nothing on SQLite.
   */
  readonly autoincrement?: boolean;
}
export interface CreateIndexOp {
  readonly kind: "create_index";
  readonly table: string;
  readonly index: Index;
}
export interface DropIndexOp {
  readonly kind: "drop_index";
  readonly table: string;
  readonly name: string;
  readonly dropped?: Index;
}
export interface CreateUniqueConstraintOp {
  readonly kind: "create_unique_constraint";
  readonly table: string;
  readonly constraint: UniqueConstraint;
}
export interface CreateForeignKeyOp {
  readonly kind: "create_foreign_key";
  readonly table: string;
  readonly foreignKey: ForeignKey;
}
export interface CreateCheckConstraintOp {
  readonly kind: "create_check_constraint";
  readonly table: string;
  readonly constraint: CheckConstraint;
}
export interface DropConstraintOp {
  readonly kind: "drop_constraint";
  readonly table: string;
  /** null only for an unnamed constraint reported by autogenerate: it cannot be rendered or run. */
  readonly name: string | null;
  readonly type: ConstraintType | null;
  readonly dropped?: UniqueConstraint | ForeignKey | CheckConstraint;
}
export interface ExecuteOp {
  readonly kind: "execute";
  readonly sql: string;
}
export interface BulkInsertOp {
  readonly kind: "bulk_insert";
  readonly table: string;
  readonly rows: readonly Readonly<Record<string, RowValue>>[];
}
/** A `batchAlterTable` block: Alembic's ModifyTableOps. Its ops all name the same table. */
export interface ModifyTableOp {
  readonly kind: "modify_table";
  readonly table: string;
  readonly ops: readonly MigrateOp[];
}

export type MigrateOp =
  | CreateTableOp
  | DropTableOp
  | RenameTableOp
  | AddColumnOp
  | DropColumnOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreateUniqueConstraintOp
  | CreateForeignKeyOp
  | CreateCheckConstraintOp
  | DropConstraintOp
  | ExecuteOp
  | BulkInsertOp
  | ModifyTableOp;

export type OpKind = MigrateOp["kind"];
export type OpOfKind<K extends OpKind> = Extract<MigrateOp, { kind: K }>;

/** Per-kind tables (renderers, executors, reversers) use this so that a new kind does not compile without them. */
export type PerKind<R> = { readonly [K in OpKind]: (op: OpOfKind<K>) => R };

// ---- factories -------------------------------------------------------------------------------

export const createTable = (table: Table): CreateTableOp => ({ kind: "create_table", table });
export const dropTable = (table: string, dropped?: Table): DropTableOp => ({ kind: "drop_table", table, ...(dropped && { dropped }) });
export const renameTable = (table: string, newName: string): RenameTableOp => ({ kind: "rename_table", table, newName });
export const addColumn = (table: string, column: Column, foreignKeys?: readonly ForeignKey[]): AddColumnOp => ({
  kind: "add_column",
  table,
  column,
  ...(foreignKeys && foreignKeys.length > 0 && { foreignKeys }),
});
export const dropColumn = (table: string, column: string, dropped?: Column, droppedForeignKeys?: readonly ForeignKey[]): DropColumnOp => ({
  kind: "drop_column",
  table,
  column,
  ...(dropped && { dropped }),
  ...(droppedForeignKeys && droppedForeignKeys.length > 0 && { droppedForeignKeys }),
});
export const alterColumn = (table: string, column: string, changes: Omit<AlterColumnOp, "kind" | "table" | "column">): AlterColumnOp => ({
  kind: "alter_column",
  table,
  column,
  ...changes,
});
export const createIndex = (table: string, index: Index): CreateIndexOp => ({ kind: "create_index", table, index });
export const dropIndex = (table: string, name: string, dropped?: Index): DropIndexOp => ({ kind: "drop_index", table, name, ...(dropped && { dropped }) });
export const createUniqueConstraint = (table: string, constraint: UniqueConstraint): CreateUniqueConstraintOp => ({
  kind: "create_unique_constraint",
  table,
  constraint,
});
export const createForeignKey = (table: string, foreignKey: ForeignKey): CreateForeignKeyOp => ({ kind: "create_foreign_key", table, foreignKey });
export const createCheckConstraint = (table: string, constraint: CheckConstraint): CreateCheckConstraintOp => ({
  kind: "create_check_constraint",
  table,
  constraint,
});
export const dropConstraint = (
  table: string,
  name: string | null,
  type: ConstraintType | null,
  dropped?: UniqueConstraint | ForeignKey | CheckConstraint,
): DropConstraintOp => ({ kind: "drop_constraint", table, name, type, ...(dropped && { dropped }) });
export const execute = (sql: string): ExecuteOp => ({ kind: "execute", sql });
export const bulkInsert = (table: string, rows: BulkInsertOp["rows"]): BulkInsertOp => ({ kind: "bulk_insert", table, rows });
export const modifyTable = (table: string, ops: readonly MigrateOp[]): ModifyTableOp => ({ kind: "modify_table", table, ops });
