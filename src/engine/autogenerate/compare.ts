// The autogenerate comparison (alembic/autogenerate/compare.py `_compare_tables`) under
// Flask-Migrate's defaults: compare_type=True, render_as_batch=True, compare_server_default=False.
// Order, as Alembic's: added tables (dependency order, each followed by a batch block for its
// indexes), removed tables (a batch block dropping their indexes, then the drop), then the tables
// on both sides sorted by name, each as one batch block (`modify_table`).

import type { Schema, Table } from "../schema/model";
import { findTable } from "../schema/model";
import type { MigrateOp } from "../ops/ops";
import { createTable, dropTable, modifyTable } from "../ops/ops";
import { compareColumnsAfter, compareColumnsBefore, type Collector } from "./compare-columns";
import { compareForeignKeys } from "./compare-foreign-keys";
import { compareIndexesAndUniques } from "./compare-indexes";
import { messages } from "./messages";
import { sortTables } from "./sort-tables";

export interface CompareResult {
  /** Top-level ops; every per-table change sits inside a `modify_table`. */
  readonly ops: MigrateOp[];
  /** Alembic's "Detected …" lines, in the order Alembic logs them. */
  readonly messages: string[];
}

/** Alembic's own bookkeeping table is never compared. */
const VERSION_TABLE = "alembic_version";

/** What autogenerate finds when the database (reflected) should become the models. */
export function compareSchemas(reflected: Schema, models: Schema): CompareResult {
  const out: Collector = { ops: [], messages: [] };
  const database = withAutogenDefaults(reflected);
  const dbTables = database.tables.filter((t) => t.name !== VERSION_TABLE);
  // Alembic's renderer puts the same parentheses on the models' SQL defaults
  // (render_ddl_sql_expr(is_server_default=True)), so the script and its DDL carry them.
  const modelTables = withAutogenDefaults(models).tables.filter((t) => t.name !== VERSION_TABLE);
  const inDb = new Set(dbTables.map((t) => t.name));
  const inModels = new Set(modelTables.map((t) => t.name));

  for (const table of sortTables(modelTables).filter((t) => !inDb.has(t.name))) {
    out.ops.push(createTable(table));
    out.messages.push(messages.addedTable(table.name));
    pushBatch(out, table.name, (inner) => compareIndexesAndUniques(table.name, null, table, inner));
  }
  // Alembic walks a Python set here, so its order changes from run to run; Retort drops children
  // before the tables they refer to, which also keeps foreign keys satisfied.
  for (const table of sortTables(dbTables).reverse().filter((t) => !inModels.has(t.name))) {
    pushBatch(out, table.name, (inner) => compareIndexesAndUniques(table.name, table, null, inner));
    out.ops.push(dropTable(table.name, table));
    out.messages.push(messages.removedTable(table.name));
  }
  const both = modelTables.filter((t) => inDb.has(t.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const model of both) {
    const db = findTable(database, model.name)!;
    pushBatch(out, model.name, (inner) => compareExistingTable(db, model, inner));
  }
  return out;
}

// as alembic/ddl/sqlite.py autogen_column_reflect: during autogenerate a reflected default that
// looks like an unparenthesized SQL expression gets parentheses ("10" -> "(10)",
// "CURRENT_TIMESTAMP" -> "(CURRENT_TIMESTAMP)"; a single digit and a quoted string stay as they are),
// which is what existing_server_default and the dropped columns then carry.
export function autogenDefault(sql: string | null): string | null {
  if (!sql || /^[0-9.]$/.test(sql) || /^'.+'$/.test(sql) || /^\(.+\)$/.test(sql)) return sql;
  return `(${sql})`;
}

function withAutogenDefaults(schema: Schema): Schema {
  const tables = schema.tables.map((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c, serverDefault: autogenDefault(c.serverDefault) })) }));
  return { tables };
}

function compareExistingTable(database: Table, model: Table, out: Collector): void {
  compareColumnsBefore(database, model, out);
  compareIndexesAndUniques(model.name, database, model, out);
  compareForeignKeys(database, model, out);
  compareColumnsAfter(database, model, out);
}

/** Runs per-table comparators into a `modify_table` op, kept only when it holds something. */
function pushBatch(out: Collector, table: string, compare: (inner: Collector) => void): void {
  const inner: Collector = { ops: [], messages: out.messages };
  compare(inner);
  if (inner.ops.length > 0) out.ops.push(modifyTable(table, inner.ops));
}
