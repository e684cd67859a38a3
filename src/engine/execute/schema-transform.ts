// The schema after a list of ops: what the database will look like once they have run. Pure; used
// for offline (--sql) rendering and for the site's step-through schema diff. A batch block that
// needs "move and copy" goes through the same plan as the live rebuild, so both agree.

import type { Column, Schema, Table } from "../schema/model";
import { findTable, withServerDefault } from "../schema/model";
import { fromDdl, toDdl } from "../schema/types";
import type { MigrateOp, OpKind, OpOfKind } from "../ops/ops";
import { planRebuild } from "./batch-plan";
import { existingConstraintOrder } from "./constraints";
import { ExecuteError, missingColumnError, missingTableError } from "./errors";
import { needsRecreate, toSqlStatements, validateBatchNames } from "./statements";

type Tables = readonly Table[];

function withTable(tables: Tables, name: string, op: MigrateOp, change: (t: Table) => Table): Tables {
  const at = tables.findIndex((t) => t.name === name);
  if (at < 0) throw missingTableError(name, op);
  return tables.map((t, i) => (i === at ? change(t) : t));
}

function withColumn(table: Table, name: string, op: MigrateOp): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw missingColumnError(table.name, name, op);
  return column;
}

const sourceOf = (tables: Tables) => ({ table: (name: string) => tables.find((t) => t.name === name), createSql: () => null });

/** Runs the same checks as execution (unnamed constraints, ALTERs SQLite refuses) without SQL. */
const checked = (op: MigrateOp, tables: Tables) => void toSqlStatements(op, sourceOf(tables));

function renameTable(tables: Tables, op: OpOfKind<"rename_table">): Tables {
  if (tables.some((t) => t.name === op.newName)) throw new ExecuteError(`rename_table: there is already a table named '${op.newName}'. Pick another name or drop that table first.`, op);
  return withTable(tables, op.table, op, (t) => ({ ...t, name: op.newName })).map((t) => ({
    ...t,
    // as SQLite's ALTER TABLE RENAME (legacy_alter_table=OFF): references in other tables follow
    foreignKeys: t.foreignKeys.map((fk) => (fk.referredTable === op.table ? { ...fk, referredTable: op.newName } : fk)),
  }));
}

function dropColumn(tables: Tables, op: OpOfKind<"drop_column">): Tables {
  return withTable(tables, op.table, op, (t) => {
    withColumn(t, op.column, op);
    return { ...t, columns: t.columns.filter((c) => c.name !== op.column) };
  });
}

function modifyTable(tables: Tables, op: OpOfKind<"modify_table">): Tables {
  const table = findTable({ tables }, op.table);
  if (!table) throw missingTableError(op.table, op);
  validateBatchNames(op);
  if (needsRecreate(op.ops)) {
    const plan = planRebuild(table, existingConstraintOrder(table, null), op.ops);
    const rebuilt = withTable(tables, op.table, op, () => plan.table);
    const rename = op.ops.filter((o) => o.kind === "rename_table").at(-1);
    return rename ? renameTable(rebuilt, { ...rename, table: op.table }) : rebuilt;
  }
  let name = op.table;
  return op.ops.reduce((acc, inner) => {
    const next = applyOne(acc, { ...inner, table: name } as MigrateOp);
    if (inner.kind === "rename_table") name = inner.newName;
    return next;
  }, tables);
}

const TRANSFORMS = {
  create_table: (tables, op) => {
    if (tables.some((t) => t.name === op.table.name)) throw new ExecuteError(`create_table: table '${op.table.name}' already exists. Drop it first or pick another name.`, op);
    return [...tables, op.table];
  },
  drop_table: (tables, op) => {
    if (!tables.some((t) => t.name === op.table)) throw missingTableError(op.table, op);
    return tables.filter((t) => t.name !== op.table);
  },
  rename_table: renameTable,
  add_column: (tables, op) => {
    checked(op, tables);
    return withTable(tables, op.table, op, (t) => ({ ...t, columns: [...t.columns, op.column] }));
  },
  drop_column: dropColumn,
  alter_column: (tables, op) => (checked(op, tables), tables),
  create_index: (tables, op) => withTable(tables, op.table, op, (t) => ({ ...t, indexes: [...t.indexes, op.index] })),
  drop_index: (tables, op) =>
    withTable(tables, op.table, op, (t) => {
      if (!t.indexes.some((i) => i.name === op.name)) throw new ExecuteError(`No such index: '${op.name}' on table '${op.table}'. Check the index name.`, op);
      return { ...t, indexes: t.indexes.filter((i) => i.name !== op.name) };
    }),
  create_unique_constraint: (tables, op) => (checked(op, tables), tables),
  create_foreign_key: (tables, op) => (checked(op, tables), tables),
  create_check_constraint: (tables, op) => (checked(op, tables), tables),
  drop_constraint: (tables, op) => (checked(op, tables), tables),
  // raw SQL is not parsed: its schema effect (if any) is not tracked
  execute: (tables) => tables,
  bulk_insert: (tables, op) => withTable(tables, op.table, op, (t) => t),
  modify_table: modifyTable,
} satisfies { readonly [K in OpKind]: (tables: Tables, op: OpOfKind<K>) => Tables };

function applyOne(tables: Tables, op: MigrateOp): Tables {
  return (TRANSFORMS[op.kind] as (tables: Tables, op: MigrateOp) => Tables)(tables, op);
}

/**
 * Types as the database will report them: `String(64)` is read back as `VARCHAR(64)`, so the
 * result compares equal to reflecting the migrated database (idempotent on reflected types).
 */
function asStored(tables: Tables): Tables {
  return tables.map((t) => ({
    ...t,
    // as reflection reads it back: the stored type, and every default a text() (SQL)
    columns: t.columns.map((c) => withServerDefault({ ...c, type: fromDdl(toDdl(c.type)) }, storedDefault(c.serverDefault), true)),
  }));
}

/**
 * A DEFAULT as PRAGMA table_info reports it: SQLite keeps the expression without one pair of
 * enclosing parentheses, so `DEFAULT (10)` reads back as `10` and `DEFAULT ((10))` as `(10)`.
 */
export function storedDefault(value: string | null): string | null {
  if (value === null || !value.startsWith("(") || closingParen(value) !== value.length - 1) return value;
  return value.slice(1, -1).trim();
}

/** The index of the parenthesis that closes the one at 0, skipping quoted text; -1 if none. */
function closingParen(text: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

export interface TransformOptions {
  /**
   * Skip (leave the schema as it is for) an op that fails: e.g. one naming a table created by raw
   * SQL, which is not tracked. For rendering, where Alembic does not look at the database either.
   */
  readonly lenient?: boolean;
}

/** The schema after `ops`; throws ExecuteError for ops that name missing tables or columns. */
export function applyOpsToSchema(schema: Schema, ops: readonly MigrateOp[], options: TransformOptions = {}): Schema {
  return { tables: asStored(ops.reduce((tables, op) => applyChecked(tables, op, options), schema.tables)) };
}

export function applyOpToSchema(schema: Schema, op: MigrateOp, options: TransformOptions = {}): Schema {
  return { tables: asStored(applyChecked(schema.tables, op, options)) };
}

function applyChecked(tables: Tables, op: MigrateOp, options: TransformOptions): Tables {
  try {
    return applyOne(tables, op);
  } catch (e) {
    if (options.lenient && e instanceof ExecuteError) return tables;
    throw e;
  }
}
