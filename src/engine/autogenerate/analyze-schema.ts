// Warnings that look at the schemas as a whole rather than at one op: likely renames (Alembic
// sees a rename as a drop plus an add) and what autogenerate cannot see at all under
// Flask-Migrate's options (server default changes, Enum values that keep the VARCHAR length).

import type { Column, Table } from "../schema/model";
import { findColumn, findTable } from "../schema/model";
import type { AddColumnOp, DropColumnOp, MigrateOp } from "../ops/ops";
import type { AnalyzeContext, ChangeWarning } from "./analyze";
import { warningText } from "./analyze-messages";
import { nonNullCount, rowCount, valuesOutside } from "./analyze-sql";
import { isTypeChanged } from "./compare-types";

const sameType = (a: Column, b: Column) => !isTypeChanged(a.type, b.type) && !isTypeChanged(b.type, a.type);

/** In one table a column dropped and one of the same type added; a table dropped and one with the same columns created. */
export function findLikelyRenames(ctx: AnalyzeContext, ops: readonly MigrateOp[]): ChangeWarning[] {
  const out: ChangeWarning[] = [];
  for (const op of ops) if (op.kind === "modify_table") out.push(...columnRenames(ctx, op.table, op.ops));
  const created = ops.flatMap((o) => (o.kind === "create_table" ? [o.table] : []));
  for (const op of ops) {
    if (op.kind !== "drop_table" || !op.dropped || !findTable(ctx.database, op.table)) continue;
    const signature = columnSignature(op.dropped);
    const twin = created.find((t) => columnSignature(t) === signature);
    if (!twin) continue;
    const rows = rowCount(ctx.db, op.table);
    out.push({ kind: "likely-rename", table: op.table, message: warningText.likelyTableRename(op.table, twin.name, rows), rows });
  }
  return out;
}

const columnSignature = (t: Table) => JSON.stringify(t.columns.map((c) => c.name).sort());

function columnRenames(ctx: AnalyzeContext, table: string, ops: readonly MigrateOp[]): ChangeWarning[] {
  const drops = ops.filter((o): o is DropColumnOp => o.kind === "drop_column");
  const adds = ops.filter((o): o is AddColumnOp => o.kind === "add_column");
  const used = new Set<AddColumnOp>();
  const out: ChangeWarning[] = [];
  const current = findTable(ctx.database, table);
  for (const drop of drops) {
    const dropped = drop.dropped ?? (current && findColumn(current, drop.column));
    if (!dropped) continue;
    const add = adds.find((a) => !used.has(a) && sameType(dropped, a.column));
    if (!add) continue;
    used.add(add);
    const values = current && findColumn(current, drop.column) ? nonNullCount(ctx.db, table, drop.column) : 0;
    const message = warningText.likelyColumnRename(table, drop.column, add.column.name, values);
    out.push({ kind: "likely-rename", table, column: drop.column, message, rows: values, fixes: [{ kind: "rename-column", table, from: drop.column, to: add.column.name }] });
  }
  return out;
}

// PRAGMA table_info keeps the text of DEFAULT (…) with or without its parentheses; compare the inside.
function normalizeDefault(sql: string | null): string | null {
  if (sql === null) return null;
  let s = sql.trim();
  while (/^\(.*\)$/s.test(s) && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  return s;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

/** Server default changes and Enum values the database rows no longer fit, on tables both sides have. */
export function findCannotSee(ctx: AnalyzeContext, ops: readonly MigrateOp[]): ChangeWarning[] {
  const dropped = new Set(ops.flatMap((o) => (o.kind === "drop_table" ? [o.table] : [])));
  const out: ChangeWarning[] = [];
  for (const model of ctx.models.tables) {
    const database = findTable(ctx.database, model.name);
    if (!database || dropped.has(model.name)) continue;
    for (const column of model.columns) {
      const current = findColumn(database, column.name);
      if (current) out.push(...columnCannotSee(ctx, model.name, current, column));
    }
  }
  return out;
}

function columnCannotSee(ctx: AnalyzeContext, table: string, current: Column, model: Column): ChangeWarning[] {
  const out: ChangeWarning[] = [];
  if (normalizeDefault(current.serverDefault) !== normalizeDefault(model.serverDefault)) {
    const message = warningText.serverDefaultChanged(table, model.name, current.serverDefault, model.serverDefault);
    out.push({ kind: "cannot-see", table, column: model.name, message });
  }
  if (model.type.name === "Enum" && !isTypeChanged(current.type, model.type)) {
    const { count, examples } = valuesOutside(ctx.db, table, model.name, model.type.values ?? []);
    if (count > 0) {
      const message = warningText.enumValues(table, model.name, current.type, count, examples);
      out.push({ kind: "cannot-see", table, column: model.name, message, rows: count });
    }
  }
  return out;
}
