// One renderer per op kind, as alembic/autogenerate/render.py's `renderers` dispatcher. Inside a
// `batchAlterTable` block Alembic drops the table argument (`batch_op.add_column(col)`); a
// renderer marks those arguments with `outsideBatch`, and renderOps leaves them out there.

import type { AlterColumnOp, BulkInsertOp, MigrateOp, ModifyTableOp, OpKind, PerKind } from "../ops/ops";
import { tsObject, tsString, tsStringArray, tsText, tsValue } from "./literals";
import { renderColumn, renderServerDefault, renderTableItems, renderType } from "./schema-items";

type Arg = string | { readonly outsideBatch: string };

export type Rendered =
  /** `prefix.method(args);` — on one line, or with every argument after the first on its own line. */
  | { readonly method: string; readonly args: readonly Arg[]; readonly multiline?: boolean }
  /** Finished lines; `batch` tells whether the op is inside a batch block. */
  | { readonly lines: (indent: string, batch: boolean) => string[] };

export const INDENT = "  ";

/** The operations that Alembic's BatchOperations offers (`batch_op.*`). */
export const BATCH_KINDS: ReadonlySet<OpKind> = new Set<OpKind>([
  "add_column",
  "drop_column",
  "alter_column",
  "create_index",
  "drop_index",
  "create_unique_constraint",
  "create_foreign_key",
  "create_check_constraint",
  "drop_constraint",
]);

const table = (name: string): Arg => ({ outsideBatch: tsString(name) });
const nameOrNull = (name: string | null) => (name === null ? "null" : tsString(name));

const RENDERERS = {
  create_table: (o) => ({ method: "createTable", args: [tsString(o.table.name), ...renderTableItems(o.table)], multiline: true }),
  drop_table: (o) => ({ method: "dropTable", args: [tsString(o.table)] }),
  rename_table: (o) => ({ method: "renameTable", args: [tsString(o.table), tsString(o.newName)] }),
  add_column: (o) => ({ method: "addColumn", args: [table(o.table), renderColumn(o.column, o.foreignKeys)] }),
  drop_column: (o) => ({ method: "dropColumn", args: [table(o.table), tsString(o.column)] }),
  alter_column: (o) => ({ method: "alterColumn", args: [table(o.table), tsString(o.column), alterColumnOptions(o)] }),
  create_index: (o) => ({
    method: "createIndex",
    args: [tsString(o.index.name), table(o.table), tsStringArray(o.index.columns), tsObject([["unique", String(o.index.unique)]])],
  }),
  drop_index: (o) => ({ method: "dropIndex", args: [tsString(o.name), { outsideBatch: tsObject([["tableName", tsString(o.table)]]) }] }),
  create_unique_constraint: (o) => ({
    method: "createUniqueConstraint",
    args: [nameOrNull(o.constraint.name), table(o.table), tsStringArray(o.constraint.columns)],
  }),
  create_foreign_key: (o) => {
    // as render.py `_add_fk_constraint`: onupdate before ondelete, only when set
    const opts: [string, string][] = [];
    if (o.foreignKey.onUpdate !== null) opts.push(["onUpdate", tsString(o.foreignKey.onUpdate)]);
    if (o.foreignKey.onDelete !== null) opts.push(["onDelete", tsString(o.foreignKey.onDelete)]);
    const fk = o.foreignKey;
    const args = [nameOrNull(fk.name), table(o.table), tsString(fk.referredTable), tsStringArray(fk.columns), tsStringArray(fk.referredColumns)];
    return { method: "createForeignKey", args: opts.length > 0 ? [...args, tsObject(opts)] : args };
  },
  // Alembic 1.8 cannot render create_check_constraint; Retort writes Operations' own signature.
  create_check_constraint: (o) => ({
    method: "createCheckConstraint",
    args: [nameOrNull(o.constraint.name), table(o.table), tsString(o.constraint.sqltext)],
  }),
  drop_constraint: (o) => ({
    method: "dropConstraint",
    args: [nameOrNull(o.name), table(o.table), tsObject([["type", o.type === null ? "null" : tsString(o.type)]])],
  }),
  execute: (o) => ({ method: "execute", args: [tsText(o.sql)] }),
  bulk_insert: (o) => ({ lines: (indent) => renderBulkInsert(o, indent) }),
  modify_table: (o) => ({ lines: (indent) => renderModifyTable(o, indent) }),
} satisfies PerKind<Rendered>;

/** As render.py `_alter_column`: the order of its keyword arguments, and which `existing*` it keeps. */
function alterColumnOptions(o: AlterColumnOp): string {
  const opts: [string, string][] = [];
  if (o.existingType !== undefined) opts.push(["existingType", renderType(o.existingType)]);
  if (o.serverDefault !== undefined) opts.push(["serverDefault", renderServerDefault(o.serverDefault, o.serverDefaultIsSql)]);
  if (o.type !== undefined) opts.push(["type", renderType(o.type)]);
  if (o.nullable !== undefined) opts.push(["nullable", String(o.nullable)]);
  if (o.newColumnName !== undefined) opts.push(["newColumnName", tsString(o.newColumnName)]);
  if (o.nullable === undefined && o.existingNullable !== undefined) opts.push(["existingNullable", String(o.existingNullable)]);
  // render.py: `if server_default is False and existing_server_default:`
  if (o.serverDefault === undefined && o.existingServerDefault) {
    opts.push(["existingServerDefault", renderServerDefault(o.existingServerDefault, o.existingServerDefaultIsSql)]);
  }
  return tsObject(opts);
}

function renderBulkInsert(o: BulkInsertOp, indent: string): string[] {
  const rows = o.rows.map((row) => tsObject(Object.entries(row).map(([k, v]) => [k, tsValue(v)])));
  const head = `${indent}op.bulkInsert(${tsString(o.table)}, [`;
  if (rows.length <= 1) return [`${head}${rows.join("")}]);`];
  return [head, ...rows.map((r) => `${indent}${INDENT}${r},`), `${indent}]);`];
}

/** As render.py `_render_modify_table` with render_as_batch: a block, then a blank line; nothing when empty. */
function renderModifyTable(o: ModifyTableOp, indent: string): string[] {
  if (o.ops.length === 0) return [];
  for (const inner of o.ops) {
    if (!BATCH_KINDS.has(inner.kind)) {
      throw new Error(
        `A batchAlterTable block for '${o.table}' holds a ${inner.kind} operation, which batch mode does not offer. ` +
          "Move it out of the block.",
      );
    }
  }
  return [`${indent}op.batchAlterTable(${tsString(o.table)}, (batchOp) => {`, ...renderOps(o.ops, indent + INDENT, true), `${indent}});`, ""];
}

function renderOne(op: MigrateOp, indent: string, batch: boolean): string[] {
  const r = (RENDERERS[op.kind] as (o: MigrateOp) => Rendered)(op);
  if ("lines" in r) return r.lines(indent, batch);
  const args = r.args.flatMap((a) => (typeof a === "string" ? [a] : batch ? [] : [a.outsideBatch]));
  const call = `${indent}${batch ? "batchOp" : "op"}.${r.method}(`;
  if (!r.multiline || args.length < 2) return [`${call}${args.join(", ")});`];
  const [first, ...rest] = args;
  return [`${call}${first},`, ...rest.map((a, i) => `${indent}${INDENT}${a}${i < rest.length - 1 ? "," : ""}`), `${indent});`];
}

/** The lines of a list of ops, each indented by `indent`; `batch` inside a batchAlterTable block. */
export function renderOps(ops: readonly MigrateOp[], indent: string, batch = false): string[] {
  return ops.flatMap((op) => renderOne(op, indent, batch));
}

/** One op's text, as Alembic's render_op_text (for messages and previews). */
export function renderOpText(op: MigrateOp): string {
  return renderOps([op], "").join("\n");
}
