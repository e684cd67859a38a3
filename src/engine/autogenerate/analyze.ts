// What a generated migration would do to the rows, counted on the database (SPEC §3, where Retort
// does better than Alembic): data it deletes, changes that fail on existing rows, unnamed
// constraints that SQLite batch mode cannot handle, likely renames, and what autogenerate cannot see.

import type { Database } from "../db/database";
import type { Schema, Table } from "../schema/model";
import { findColumn, findTable } from "../schema/model";
import type { MigrateOp, PerKind } from "../ops/ops";
import type { WarningFix } from "../fixes/warning-fix";
import { warningText } from "./analyze-messages";
import { findCannotSee, findLikelyRenames } from "./analyze-schema";
import { changedByCast, duplicateGroups, isCastOnCopy, nonNullCount, nullCount, rowCount, viewsAndTriggers } from "./analyze-sql";
import { needsRecreate } from "../execute/statements";
import { escapeRegExp } from "../schema/sql-text";

export type ChangeWarningKind = "data-loss" | "will-fail" | "unnamed-constraint" | "likely-rename" | "cannot-see";

export interface ChangeWarning {
  readonly kind: ChangeWarningKind;
  readonly table: string;
  readonly column?: string;
  readonly message: string;
  /** The rows (or values, or duplicate rows) the warning counts, when it counts any. */
  readonly rows?: number;
  /** The one-click fixes the site offers for it (src/engine/fixes), when it has any. */
  readonly fixes?: readonly WarningFix[];
}

export interface AnalyzeContext {
  readonly db: Database;
  readonly database: Schema;
  readonly models: Schema;
}

type Warnings = ChangeWarning[];

export function analyzeChanges(db: Database, database: Schema, models: Schema, ops: readonly MigrateOp[]): ChangeWarning[] {
  const ctx: AnalyzeContext = { db, database, models };
  const analyzers = analyzersFor(ctx, ops);
  const analyze = (op: MigrateOp): Warnings => (analyzers[op.kind] as (o: MigrateOp) => Warnings)(op);
  return [...ops.flatMap(analyze), ...findLikelyRenames(ctx, ops), ...findCannotSee(ctx, ops)];
}

/**
 * The warnings of ops a script already holds, counted on the database they are about to run on.
 * What autogenerate cannot see (findCannotSee) is left out: it compares the models with the
 * database, and a script that is run has no models to compare.
 */
export function analyzeOps(db: Database, database: Schema, ops: readonly MigrateOp[]): ChangeWarning[] {
  const ctx: AnalyzeContext = { db, database, models: database };
  const analyzers = analyzersFor(ctx, ops);
  const analyze = (op: MigrateOp): Warnings => (analyzers[op.kind] as (o: MigrateOp) => Warnings)(op);
  return [...ops.flatMap(analyze), ...findLikelyRenames(ctx, ops)];
}

/** The database's table, when it exists there (a table created in this migration has no rows). */
const existing = (ctx: AnalyzeContext, table: string): Table | undefined => findTable(ctx.database, table);

const suggestedName = (prefix: string, table: string, columns: readonly string[], referred?: string) =>
  [prefix, table, columns[0] ?? "", ...(referred ? [referred] : [])].join("_");

/** `ops`: the migration's, in order (a batch's warnings read what the op.execute around it does). */
function analyzersFor(ctx: AnalyzeContext, ops: readonly MigrateOp[]): PerKind<Warnings> {
  const { db } = ctx;
  const analyzers: PerKind<Warnings> = {
    create_table: () => [],
    drop_table: (o) => {
      if (!existing(ctx, o.table)) return [];
      const rows = rowCount(db, o.table);
      return rows > 0 ? [{ kind: "data-loss", table: o.table, message: warningText.droppedTable(o.table, rows), rows }] : [];
    },
    rename_table: () => [],
    add_column: (o) => addColumnWarnings(ctx, o.table, o.column),
    drop_column: (o) => {
      const current = existing(ctx, o.table);
      if (!current || !findColumn(current, o.column)) return [];
      const values = nonNullCount(db, o.table, o.column);
      const message = warningText.droppedColumn(o.table, o.column, values);
      return values > 0 ? [{ kind: "data-loss", table: o.table, column: o.column, message, rows: values }] : [];
    },
    alter_column: (o) => alterColumnWarnings(ctx, o),
    create_index: (o) => (o.index.unique ? uniqueWarnings(ctx, o.table, o.index.columns, "unique index") : []),
    drop_index: () => [],
    create_unique_constraint: (o) => [
      ...(o.constraint.name === null ? [unnamedCreate(o.table, "unique", o.constraint.columns, suggestedName("uq", o.table, o.constraint.columns))] : []),
      ...uniqueWarnings(ctx, o.table, o.constraint.columns, "unique constraint"),
    ],
    create_foreign_key: (o) => {
      const fk = o.foreignKey;
      if (fk.name !== null) return [];
      return [unnamedCreate(o.table, "foreignkey", fk.columns, suggestedName("fk", o.table, fk.columns, fk.referredTable))];
    },
    create_check_constraint: (o) => {
      if (o.constraint.name !== null) return [];
      return [unnamedCreate(o.table, "check", [], `ck_${o.table}_…`)];
    },
    drop_constraint: (o) => {
      if (o.name !== null) return [];
      const columns = o.dropped && "columns" in o.dropped ? o.dropped.columns : [];
      const what = o.type === "foreignkey" ? "foreign key" : o.type === "unique" ? "unique constraint" : `${o.type ?? ""} constraint`.trim();
      return [{ kind: "unnamed-constraint", table: o.table, message: warningText.unnamedDrop(o.table, what, columns) }];
    },
    execute: () => [],
    bulk_insert: () => [],
    modify_table: (o) => [
      ...o.ops.flatMap((inner) => (analyzers[inner.kind] as (x: MigrateOp) => Warnings)(inner)),
      ...(needsRecreate(o.ops) && existing(ctx, o.table) ? rebuildWarnings(ctx, o, ops) : []),
    ],
  } satisfies PerKind<Warnings>;
  return analyzers;
}

/**
 * What a batch rebuild ("move and copy": CREATE _alembic_tmp_t, copy, DROP t, RENAME) does to
 * the schema objects autogenerate cannot see: DROP TABLE takes the table's triggers with it, and
 * the RENAME fails on a view that reads the table (SQLite re-checks every view when it renames).
 */
function rebuildWarnings(ctx: AnalyzeContext, batch: Extract<MigrateOp, { kind: "modify_table" }>, ops: readonly MigrateOp[]): Warnings {
  const table = batch.table;
  const { triggers, views } = viewsAndTriggers(ctx.db, table);
  // the script may already do what the warnings ask: drop the view before, create the trigger after
  const at = ops.indexOf(batch);
  const executed = (from: number, to: number) => ops.slice(from, to).flatMap((op) => (op.kind === "execute" ? [op.sql] : []));
  const dropsView = (view: string) => executed(0, at).some((sql) => statementOn(sql, "DROP VIEW", view));
  const createsTrigger = (trigger: string) => at >= 0 && executed(at + 1, ops.length).some((sql) => statementOn(sql, "CREATE TRIGGER", trigger));
  const fixes: WarningFix[] = [{ kind: "keep-views-and-triggers", table, views, triggers }];
  return [
    ...views.filter((v) => !dropsView(v.name)).map((v): ChangeWarning => ({ kind: "will-fail", table, message: warningText.viewBlocksRebuild(table, v.name), fixes })),
    ...triggers.filter((t) => !createsTrigger(t.name)).map((t): ChangeWarning => ({ kind: "cannot-see", table, message: warningText.droppedTrigger(table, t.name), fixes })),
  ];
}

/** True when `sql` holds `DROP VIEW [IF EXISTS] name` (or CREATE [TEMP] TRIGGER [IF NOT EXISTS] name), the name bare or quoted. */
function statementOn(sql: string, verb: "DROP VIEW" | "CREATE TRIGGER", name: string): boolean {
  const escaped = escapeRegExp(name);
  const head = verb === "DROP VIEW" ? "DROP\\s+VIEW(?:\\s+IF\\s+EXISTS)?" : "CREATE\\s+(?:TEMP(?:ORARY)?\\s+)?TRIGGER(?:\\s+IF\\s+NOT\\s+EXISTS)?";
  return new RegExp(`\\b${head}\\s+(?:main\\.)?["\`\\[]?${escaped}["\`\\]]?(?![\\w$])`, "i").test(sql);
}

function unnamedCreate(table: string, type: "unique" | "foreignkey" | "check", columns: readonly string[], suggested: string): ChangeWarning {
  const message = warningText.unnamedCreate(table, type, columns, suggested);
  return { kind: "unnamed-constraint", table, message, fixes: [{ kind: "naming-convention" }] };
}

function addColumnWarnings(ctx: AnalyzeContext, table: string, column: Table["columns"][number]): Warnings {
  const notNullWithoutDefault = !column.nullable && column.serverDefault === null;
  const clientDefaultOnly = column.clientDefault !== undefined && column.serverDefault === null;
  // the rows are counted only for a column that can warn: most added columns cannot
  if (!(notNullWithoutDefault || clientDefaultOnly) || !existing(ctx, table)) return [];
  const rows = rowCount(ctx.db, table);
  if (rows === 0) return [];
  const out: Warnings = [];
  if (notNullWithoutDefault) {
    const fixes: WarningFix[] = [{ kind: "server-default", table, column: column.name }, { kind: "fill-in-data-step", table, column: column.name, adding: true }];
    out.push({ kind: "will-fail", table, column: column.name, message: warningText.notNullAdded(table, column.name, rows), rows, fixes });
  }
  if (clientDefaultOnly) {
    out.push({ kind: "cannot-see", table, column: column.name, message: warningText.clientDefault(table, column.name, column.clientDefault, rows), rows });
  }
  return out;
}

function alterColumnWarnings(ctx: AnalyzeContext, o: Extract<MigrateOp, { kind: "alter_column" }>): Warnings {
  const current = existing(ctx, o.table);
  const column = current && findColumn(current, o.column);
  if (!column) return [];
  const out: Warnings = [];
  if (o.nullable === false) {
    const nulls = nullCount(ctx.db, o.table, o.column);
    if (nulls > 0) {
      const message = warningText.notNullViolated(o.table, o.column, nulls);
      out.push({ kind: "will-fail", table: o.table, column: o.column, message, rows: nulls, fixes: [{ kind: "fill-in-data-step", table: o.table, column: o.column, adding: false }] });
    }
  }
  const from = o.existingType ?? column.type;
  if (o.type && isCastOnCopy(from, o.type)) {
    const { count, example } = changedByCast(ctx.db, o.table, o.column, o.type);
    if (count > 0) {
      const message = warningText.lossyType(o.table, o.column, from, o.type, count, example);
      out.push({ kind: "data-loss", table: o.table, column: o.column, message, rows: count });
    }
  }
  return out;
}

function uniqueWarnings(ctx: AnalyzeContext, table: string, columns: readonly string[], what: string): Warnings {
  const current = existing(ctx, table);
  // a column added by this same migration holds no values yet to collide
  if (!current || !columns.every((c) => findColumn(current, c))) return [];
  const { groups, rows } = duplicateGroups(ctx.db, table, columns);
  if (groups === 0) return [];
  const message = warningText.uniqueViolated(table, columns, groups, rows, what);
  return [{ kind: "will-fail", table, message, rows, fixes: [{ kind: "show-duplicates", table, columns }] }];
}
