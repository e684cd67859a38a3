// One Python renderer per op kind, as alembic/autogenerate/render.py's `renderers`: each gives
// Alembic's text for the op, continuation lines included ("\n" inside), before the function's
// indentation. Inside a batch block the table argument is left out and the prefix is `batch_op.`.
// Ops that autogenerate never writes (execute, bulk_insert, rename_table, create_check_constraint)
// are written with Alembic's Operations signatures.

import type { AlterColumnOp, BulkInsertOp, DropConstraintOp, ExecuteOp, MigrateOp, ModifyTableOp, OpKind, OpOfKind } from "../ops/ops";
import { tokenize } from "../reflect/sql-tokens";
import { BATCH_KINDS } from "../render/ops";
import { pyBool, pyDict, pyList, pyStr, pyValue } from "./python";
import { NameStyle, type NameOwner, pyColumn, pyServerDefault, pyTableItems, pyType } from "./py-items";

export interface PyContext {
  readonly names: NameStyle;
  /** Inside `with op.batch_alter_table(...) as batch_op:`. */
  readonly batch: boolean;
}

const prefix = (c: PyContext) => (c.batch ? "batch_op." : "op.");
/** The table as the first argument, outside a batch block only. */
const tableArg = (c: PyContext, table: string) => (c.batch ? [] : [pyStr(table)]);

type Renderer = (op: MigrateOp, c: PyContext) => string[];

const RENDERERS = {
  create_table: (o, c) => [`${prefix(c)}create_table(${pyStr(o.table.name)},\n${pyTableItems(o.table, c.names).join(",\n")}\n)`],
  drop_table: (o, c) => [`${prefix(c)}drop_table(${pyStr(o.table)})`],
  rename_table: (o, c) => [`${prefix(c)}rename_table(${pyStr(o.table)}, ${pyStr(o.newName)})`],
  add_column: (o, c) => [`${prefix(c)}add_column(${[...tableArg(c, o.table), pyColumn(o.column, c.names, o.foreignKeys, o.table)].join(", ")})`],
  drop_column: (o, c) => [`${prefix(c)}drop_column(${[...tableArg(c, o.table), pyStr(o.column)].join(", ")})`],
  alter_column: (o, c) => [alterColumn(o, c)],
  create_index: (o, c) => {
    const args = [c.names.name("ix", o.index.name, c.batch, { table: o.table, columns: o.index.columns }), ...tableArg(c, o.table), pyList(o.index.columns), `unique=${pyBool(o.index.unique)}`];
    return [`${prefix(c)}create_index(${args.join(", ")})`];
  },
  drop_index: (o, c) => {
    const args = [c.names.name("ix", o.name, c.batch, o.dropped && { table: o.table, columns: o.dropped.columns }), ...(c.batch ? [] : [`table_name=${pyStr(o.table)}`])];
    return [`${prefix(c)}drop_index(${args.join(", ")})`];
  },
  create_unique_constraint: (o, c) => {
    const args = [c.names.name("uq", o.constraint.name, c.batch, { table: o.table, columns: o.constraint.columns }), ...tableArg(c, o.table), pyList(o.constraint.columns)];
    return [`${prefix(c)}create_unique_constraint(${args.join(", ")})`];
  },
  create_foreign_key: (o, c) => {
    const fk = o.foreignKey;
    const args = [c.names.name("fk", fk.name, c.batch, { table: o.table, columns: fk.columns, foreignKey: fk }), ...tableArg(c, o.table), pyStr(fk.referredTable), pyList(fk.columns), pyList(fk.referredColumns)];
    if (fk.onUpdate !== null) args.push(`onupdate=${pyStr(fk.onUpdate)}`);
    if (fk.onDelete !== null) args.push(`ondelete=${pyStr(fk.onDelete)}`);
    return [`${prefix(c)}create_foreign_key(${args.join(", ")})`];
  },
  create_check_constraint: (o, c) => {
    const args = [c.names.name("ck", o.constraint.name, c.batch, { table: o.table, columns: [] }), ...tableArg(c, o.table), pyStr(o.constraint.sqltext)];
    return [`${prefix(c)}create_check_constraint(${args.join(", ")})`];
  },
  drop_constraint: (o, c) => {
    const kind = o.type === "foreignkey" ? "fk" : o.type === "check" ? "ck" : o.type === "primary" ? "pk" : "uq";
    const args = [c.names.name(kind, o.name, c.batch, droppedOwner(o)), ...tableArg(c, o.table), `type_=${o.type === null ? "None" : pyStr(o.type)}`];
    return [`${prefix(c)}drop_constraint(${args.join(", ")})`];
  },
  execute: (o, c) => renderExecute(o, c),
  bulk_insert: (o, c) => [renderBulkInsert(o, c)],
  modify_table: (o, c) => renderModifyTable(o, c),
} satisfies { readonly [K in OpKind]: (op: OpOfKind<K>, c: PyContext) => string[] };

/** What a dropped constraint covered, when the op kept it (a check names no columns). */
function droppedOwner(o: DropConstraintOp): NameOwner | undefined {
  const d = o.dropped;
  if (!d) return undefined;
  if ("sqltext" in d) return { table: o.table, columns: [] };
  if ("referredTable" in d) return { table: o.table, columns: d.columns, foreignKey: d };
  return { table: o.table, columns: d.columns };
}

/** As render.py `_alter_column`: its keyword order, each on a line indented by 11 spaces. */
function alterColumn(o: AlterColumnOp, c: PyContext): string {
  const indent = " ".repeat(11);
  const kw: string[] = [];
  if (o.existingType !== undefined) kw.push(`existing_type=${pyType(o.existingType)}`);
  if (o.serverDefault !== undefined) kw.push(`server_default=${pyServerDefault(o.serverDefault, o.serverDefaultIsSql)}`);
  if (o.type !== undefined) kw.push(`type_=${pyType(o.type)}`);
  if (o.nullable !== undefined) kw.push(`nullable=${pyBool(o.nullable)}`);
  if (o.newColumnName !== undefined) kw.push(`new_column_name=${pyStr(o.newColumnName)}`);
  if (o.nullable === undefined && o.existingNullable !== undefined) kw.push(`existing_nullable=${pyBool(o.existingNullable)}`);
  if (o.autoincrement !== undefined) kw.push(`autoincrement=${pyBool(o.autoincrement)}`);
  if (o.serverDefault === undefined && o.existingServerDefault) {
    kw.push(`existing_server_default=${pyServerDefault(o.existingServerDefault, o.existingServerDefaultIsSql)}`);
  }
  const head = `${prefix(c)}alter_column(${[...tableArg(c, o.table), pyStr(o.column)].join(", ")}`;
  return `${head}${kw.map((k) => `,\n${indent}${k}`).join("")})`;
}

/** The statements of a SQL text, split at the semicolons outside strings, quotes and comments. */
export function splitStatements(sql: string): string[] {
  const cuts = tokenize(sql).filter((t) => t.kind === "punct" && t.value === ";").map((t) => t.start);
  const pieces: string[] = [];
  let from = 0;
  for (const cut of [...cuts, sql.length]) {
    const piece = sql.slice(from, cut).trim();
    if (piece !== "" && tokenize(piece).length > 0) pieces.push(piece);
    from = cut + 1;
  }
  return pieces;
}

// sqlalchemy/sql/elements.py TextClause._bind_params_regex: Alembic runs a string through text(),
// which would read `:name` (even inside a SQL string) as a bind parameter. `\:` keeps a colon.
const BIND_PARAM = /(?<![:\p{L}\p{N}_\\]):(?=[\p{L}\p{N}_])/gu;

/**
 * op.execute() per statement: Python's sqlite3 runs one statement per call ("You can only execute
 * one statement at a time"), where the playground's SQLite takes a script.
 */
function renderExecute(o: ExecuteOp, c: PyContext): string[] {
  return splitStatements(o.sql).map((statement) => {
    const escaped = statement.replace(BIND_PARAM, "\\:");
    return `${prefix(c)}execute(${pyStr(escaped)})`;
  });
}

/**
 * `op.bulk_insert(sa.table('t', sa.column('a'), …), [{…}, …])`: the table needs only the columns
 * the rows name, untyped, so that each value reaches SQLite as the playground stores it (a typed
 * `sa.column('day', sa.Date())` would refuse the string '2026-11-22'). Alembic inserts all rows with the first row's keys (one executemany) unless told
 * `multiinsert=False`, so rows that name different columns are inserted one by one, as here.
 */
function renderBulkInsert(o: BulkInsertOp, c: PyContext): string {
  const columns: string[] = [];
  for (const row of o.rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const table = `sa.table(${[pyStr(o.table), ...columns.map((k) => `sa.column(${pyStr(k)})`)].join(", ")})`;
  const rows = o.rows.map((row) => `    ${pyDict(Object.entries(row).map(([k, v]) => [k, pyValue(v)]))},`);
  const sameKeys = o.rows.every((row) => Object.keys(row).length === columns.length);
  return `${prefix(c)}bulk_insert(${table},\n[\n${rows.join("\n")}\n]${sameKeys ? "" : ", multiinsert=False"})`;
}

/** As render.py `_render_modify_table` with render_as_batch: the block, its ops, then a blank line. */
function renderModifyTable(o: ModifyTableOp, c: PyContext): string[] {
  if (o.ops.length === 0) return [];
  for (const inner of o.ops) {
    if (!BATCH_KINDS.has(inner.kind)) {
      throw new Error(`A batchAlterTable block for '${o.table}' holds a ${inner.kind} operation, which batch mode does not offer. Move it out of the block.`);
    }
  }
  const inner = { ...c, batch: true };
  // mako's PythonPrinter indents the block's lines; continuation lines keep their own indent
  const body = o.ops.flatMap((op) => renderPyOp(op, inner)).map((text) => `    ${text}`);
  return [`with op.batch_alter_table(${pyStr(o.table)}, schema=None) as batch_op:`, ...body, ""];
}

export function renderPyOp(op: MigrateOp, c: PyContext): string[] {
  return (RENDERERS[op.kind] as Renderer)(op, c);
}

export function renderPyOps(ops: readonly MigrateOp[], names: NameStyle): string[] {
  return ops.flatMap((op) => renderPyOp(op, { names, batch: false }));
}
