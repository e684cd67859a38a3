// DDL text exactly as SQLAlchemy 1.4's SQLite DDL compiler and Alembic 1.8's SQLite impl emit it
// (sqlalchemy/sql/compiler.py visit_create_table, create_table_constraints,
// visit_foreign_key_constraint, visit_unique_constraint; sqlalchemy/dialects/sqlite/base.py
// get_column_specification, visit_create_index; alembic/ddl/base.py and ddl/sqlite.py).
// Statements carry no trailing `;`: SQLite stores CREATE text in sqlite_master as sent.

import type { CheckConstraint, Column, ForeignKey, Index, PrimaryKey, Table, UniqueConstraint } from "../schema/model";
import { toDdl } from "../schema/types";
import { ident } from "./quote";

const identList = (names: readonly string[]) => names.map(ident).join(", ");
const constraintPrefix = (name: string | null) => (name === null ? "" : `CONSTRAINT ${ident(name)} `);

/** `name TYPE [DEFAULT …] [NOT NULL]`, as SQLiteDDLCompiler.get_column_specification. */
export function columnSpec(column: Column): string {
  let spec = `${ident(column.name)} ${toDdl(column.type)}`;
  if (column.serverDefault !== null) spec += ` DEFAULT ${column.serverDefault}`;
  if (!column.nullable) spec += " NOT NULL";
  return spec;
}

export function primaryKeyClause(pk: PrimaryKey): string {
  return `${constraintPrefix(pk.name)}PRIMARY KEY (${identList(pk.columns)})`;
}

export function uniqueClause(uq: UniqueConstraint): string {
  return `${constraintPrefix(uq.name)}UNIQUE (${identList(uq.columns)})`;
}

export function checkClause(ck: CheckConstraint): string {
  return `${constraintPrefix(ck.name)}CHECK (${ck.sqltext})`;
}

/** Note SQLAlchemy's spacing: `FOREIGN KEY(a) REFERENCES t (id)`. */
export function foreignKeyClause(fk: ForeignKey): string {
  let text = `${constraintPrefix(fk.name)}FOREIGN KEY(${identList(fk.columns)}) REFERENCES ${ident(fk.referredTable)} (${identList(fk.referredColumns)})`;
  if (fk.onDelete !== null) text += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== null) text += ` ON UPDATE ${fk.onUpdate}`;
  return text;
}

/** One table-level constraint, in the order the CREATE TABLE lists them. */
export type TableConstraint =
  | { readonly kind: "unique"; readonly value: UniqueConstraint }
  | { readonly kind: "foreignkey"; readonly value: ForeignKey }
  | { readonly kind: "check"; readonly value: CheckConstraint };

export function constraintClause(c: TableConstraint): string {
  switch (c.kind) {
    case "unique":
      return uniqueClause(c.value);
    case "foreignkey":
      return foreignKeyClause(c.value);
    case "check":
      return checkClause(c.value);
  }
}

/**
 * The constraints of a table in the order a `create_table` op lists them. Alembic renders
 * create_table's constraints sorted by their rendered text (alembic/autogenerate/render.py
 * `_add_table`), so sa.CheckConstraint < sa.ForeignKeyConstraint < sa.UniqueConstraint, and
 * SQLAlchemy emits them in that creation order after the primary key.
 */
export function createTableOrder(table: Table): TableConstraint[] {
  return [
    ...table.checkConstraints.map((value) => ({ kind: "check", value }) as const),
    ...table.foreignKeys.map((value) => ({ kind: "foreignkey", value }) as const),
    ...table.uniqueConstraints.map((value) => ({ kind: "unique", value }) as const),
  ];
}

/**
 * `CREATE TABLE name (\n\tcol, \n\tcol, \n\tPRIMARY KEY (…), \n\t…\n)`: tab-indented lines
 * joined by ", \n", as visit_create_table. `constraints` defaults to the create_table order.
 */
export function createTableSql(table: Table, options: { name?: string; constraints?: readonly TableConstraint[] } = {}): string {
  const items = table.columns.map(columnSpec);
  if (table.primaryKey !== null && table.primaryKey.columns.length > 0) items.push(primaryKeyClause(table.primaryKey));
  items.push(...(options.constraints ?? createTableOrder(table)).map(constraintClause));
  return `CREATE TABLE ${ident(options.name ?? table.name)} (\n\t${items.join(", \n\t")}\n)`;
}

export function createIndexSql(table: string, index: Index): string {
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${ident(index.name)} ON ${ident(table)} (${identList(index.columns)})`;
}

export const dropIndexSql = (name: string) => `DROP INDEX ${ident(name)}`;
export const dropTableSql = (name: string) => `DROP TABLE ${ident(name)}`;
export const renameTableSql = (from: string, to: string) => `ALTER TABLE ${ident(from)} RENAME TO ${ident(to)}`;
export const addColumnSql = (table: string, column: Column) => `ALTER TABLE ${ident(table)} ADD COLUMN ${columnSpec(column)}`;
export const dropColumnSql = (table: string, column: string) => `ALTER TABLE ${ident(table)} DROP COLUMN ${ident(column)}`;
