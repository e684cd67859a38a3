// The one plain-data schema in the middle. The models parser and the SQLite reflector both
// produce these values; the comparator, the renderer and the executor only ever see them.
// Everything is readonly and JSON-serialisable (workspaces, share links and Workers carry it).

import type { SqlType } from "./types";

export interface Schema {
  /** In definition order (models) or sqlite_master order (reflection). */
  readonly tables: readonly Table[];
}

export interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  /** null when the table has no primary key at all. */
  readonly primaryKey: PrimaryKey | null;
  readonly uniqueConstraints: readonly UniqueConstraint[];
  readonly indexes: readonly Index[];
  readonly foreignKeys: readonly ForeignKey[];
  readonly checkConstraints: readonly CheckConstraint[];
}

export interface Column {
  readonly name: string;
  readonly type: SqlType;
  readonly nullable: boolean;
  /**
   * The SQL text that follows DEFAULT in the DDL, exactly as SQLite stores it in
   * PRAGMA table_info.dflt_value: `'0'` for the string "0", `CURRENT_TIMESTAMP`, `(1 + 1)`.
   * null when there is none.
   */
  readonly serverDefault: string | null;
  /**
   * true when the default is a SQL expression rather than a plain value: written as `text("…")`
   * in a model or script, or read back from a database (SQLAlchemy reflects every default as
   * `text()`). Alembic renders such a default as `sa.text("…")` and rebuilds the table to add
   * the column (alembic/ddl/sqlite.py `requires_recreate_in_batch`). Absent for a plain string
   * or number, and when there is no default.
   */
  readonly serverDefaultIsSql?: true;
  /** SQLAlchemy's `autoincrement`: "auto" unless the model says true or false. */
  readonly autoincrement: boolean | "auto";
  readonly comment: string | null;
  /**
   * The model's client-side `default` (SQLAlchemy's Python-side default), as its source text.
   * It has no schema effect; only autogenerate's warnings read it. Absent when there is none.
   */
  readonly clientDefault?: string;
}

export interface PrimaryKey {
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface UniqueConstraint {
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface Index {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

export type ReferentialAction = "CASCADE" | "SET NULL" | "SET DEFAULT" | "RESTRICT" | "NO ACTION";

export interface ForeignKey {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referredTable: string;
  readonly referredColumns: readonly string[];
  readonly onDelete: ReferentialAction | null;
  readonly onUpdate: ReferentialAction | null;
}

export interface CheckConstraint {
  readonly name: string | null;
  /** The expression between the parentheses of CHECK ( … ). */
  readonly sqltext: string;
}

/** A table with nothing but a name: the start of every builder. */
export function emptyTable(name: string): Table {
  return {
    name,
    columns: [],
    primaryKey: null,
    uniqueConstraints: [],
    indexes: [],
    foreignKeys: [],
    checkConstraints: [],
  };
}

export function column(name: string, type: SqlType, options: Partial<Omit<Column, "name" | "type">> = {}): Column {
  return {
    name,
    type,
    nullable: options.nullable ?? true,
    serverDefault: options.serverDefault ?? null,
    autoincrement: options.autoincrement ?? "auto",
    comment: options.comment ?? null,
    ...(options.serverDefaultIsSql === true && (options.serverDefault ?? null) !== null && { serverDefaultIsSql: true }),
    ...(options.clientDefault !== undefined && { clientDefault: options.clientDefault }),
  };
}

/** The column with another server default; `isSql` as Column.serverDefaultIsSql (dropped with the default). */
export function withServerDefault(c: Column, serverDefault: string | null, isSql: boolean): Column {
  const { serverDefaultIsSql: _previous, ...rest } = c;
  return { ...rest, serverDefault, ...(isSql && serverDefault !== null && { serverDefaultIsSql: true }) };
}

export function findTable(schema: Schema, name: string): Table | undefined {
  return schema.tables.find((t) => t.name === name);
}

export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

export function isPrimaryKeyColumn(table: Table, columnName: string): boolean {
  return table.primaryKey?.columns.includes(columnName) ?? false;
}
