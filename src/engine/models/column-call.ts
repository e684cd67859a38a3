// `db.Column([name], type, [db.ForeignKey(...)...], [options])` and `db.ForeignKey("t.c", { … })`,
// in the argument order of SQLAlchemy's Column constructor.

import type { Node } from "@babel/types";
import type { ReferentialAction } from "../schema/model";
import type { SqlType } from "../schema/types";
import { dbCall, describe, readBoolean, readNumber, readString, type DbCall } from "./ast";
import type { ColumnDef, ForeignKeyDef } from "./ir";
import { optBoolean, optString, readOptions, type OptionSpec, type ReadContext, type ReadOption } from "./options";
import { isTypeLike, readType } from "./type-expr";

const COLUMN_OPTIONS = {
  primaryKey: "boolean",
  nullable: "boolean",
  unique: "boolean",
  index: "boolean",
  serverDefault: "serverDefault",
  default: "clientDefault",
  autoincrement: "autoincrement",
  comment: "nullableString",
} as const satisfies OptionSpec;

export const FOREIGN_KEY_OPTIONS = {
  name: "nullableString",
  onDelete: "action",
  onUpdate: "action",
} as const satisfies OptionSpec;

/** Reads db.ForeignKey("table.column", { onDelete, onUpdate, name }). */
export function readForeignKey(call: DbCall, ctx: ReadContext): ForeignKeyDef | null {
  const [target, options, ...extra] = call.args;
  for (const e of extra) ctx.report.error(e, `${ctx.db}.ForeignKey takes a "table.column" string and an options object; remove this argument.`);
  const spec = target ? readString(target) : null;
  if (!target || spec === null) {
    ctx.report.error(target ?? call.node, `${ctx.db}.ForeignKey needs its target as a string literal: ${ctx.db}.ForeignKey("users.id").`);
    return null;
  }
  if (!/^[^.]+\.[^.]+$/.test(spec)) {
    ctx.report.error(target, `Foreign key target '${spec}' must be written "table.column", e.g. "users.id".`);
    return null;
  }
  const opts = options ? readOptions(options, FOREIGN_KEY_OPTIONS, `${ctx.db}.ForeignKey`, ctx) : new Map<string, ReadOption>();
  return {
    node: call.node,
    name: optString(opts, "name") ?? null,
    columns: [],
    targets: [{ value: spec, node: target }],
    onDelete: (optString(opts, "onDelete") as ReferentialAction | undefined) ?? null,
    onUpdate: (optString(opts, "onUpdate") as ReferentialAction | undefined) ?? null,
  };
}

interface ColumnArgs {
  name: string | null;
  type: SqlType | null;
  typeSeen: boolean;
  fks: ForeignKeyDef[];
  options: Map<string, ReadOption>;
}

/** Sorts the positional arguments into name, type, foreign keys and options, in SQLAlchemy's order. */
function readColumnArgs(call: DbCall, ctx: ReadContext): ColumnArgs {
  const out: ColumnArgs = { name: null, type: null, typeSeen: false, fks: [], options: new Map() };
  for (const [i, arg] of call.args.entries()) {
    const str = readString(arg);
    const inner = dbCall(arg, ctx.db);
    if (i === 0 && str !== null) out.name = str;
    else if (!out.typeSeen && out.fks.length === 0 && isTypeLike(arg, ctx.db) && inner?.name !== "ForeignKey") {
      out.typeSeen = true;
      out.type = readType(arg, ctx);
    } else if (inner?.name === "ForeignKey") {
      const fk = readForeignKey(inner, ctx);
      if (fk) out.fks.push(fk);
    } else if (arg.type === "ObjectExpression" && i === call.args.length - 1) {
      out.options = readOptions(arg, COLUMN_OPTIONS, `${ctx.db}.Column`, ctx);
    } else {
      ctx.report.error(arg, unexpectedColumnArg(arg, ctx.db));
    }
  }
  if (!out.typeSeen) {
    ctx.report.error(call.node.callee, `${ctx.db}.Column needs a type, e.g. ${ctx.db}.Column(${ctx.db}.Integer) or ${ctx.db}.Column("name", ${ctx.db}.String(64)).`);
  }
  return out;
}

function unexpectedColumnArg(arg: Node, db: string): string {
  if (readString(arg) !== null) return `A column name must be the first argument of ${db}.Column; move it first or remove it.`;
  if (arg.type === "ObjectExpression") return `The options object must be the last argument of ${db}.Column.`;
  return `Unexpected argument to ${db}.Column: ${describe(arg)}. It takes [name], a type, ${db}.ForeignKey(...)s and { options }.`;
}

/**
 * Reads one `key = db.Column(...)` class field. A column whose type cannot be read is still
 * returned (type null), so that the table builder does not add follow-up errors about it.
 */
export function readColumn(attr: string, call: DbCall, ctx: ReadContext): ColumnDef {
  const before = ctx.report.diagnostics.length;
  const args = readColumnArgs(call, ctx);
  const name = args.name ?? attr;
  const o = args.options;
  const primaryKey = optBoolean(o, "primaryKey") ?? false;
  return {
    attr,
    key: name,
    name,
    type: args.type,
    primaryKey,
    nullable: optBoolean(o, "nullable") ?? null,
    unique: optBoolean(o, "unique") ?? false,
    index: optBoolean(o, "index") ?? false,
    serverDefault: optString(o, "serverDefault") ?? null,
    serverDefaultIsSql: isTextCall(o.get("serverDefault")?.node, ctx.db),
    autoincrement: optBoolean(o, "autoincrement") ?? "auto", // "auto" when absent or written "auto"
    comment: optString(o, "comment") ?? null,
    clientDefault: clientDefaultText(o.get("default")?.node),
    foreignKeys: args.fks,
    flawed: ctx.report.diagnostics.length > before,
    node: call.node,
    order: call.node.start ?? 0,
  };
}

/** `db.text("…")`: SQLAlchemy keeps it a TextClause, which Alembic renders and adds differently. */
function isTextCall(node: Node | undefined, db: string): boolean {
  return node !== undefined && dbCall(node, db)?.name === "text";
}

/** The client-side `default` as the warnings quote it: a literal as written, anything else described. */
function clientDefaultText(node: Node | undefined): string | null {
  if (!node) return null;
  const s = readString(node);
  if (s !== null) return JSON.stringify(s);
  const n = readNumber(node) ?? readBoolean(node);
  if (n !== null) return String(n);
  if (node.type === "MemberExpression" || node.type === "Identifier") return "a function reference";
  return describe(node);
}
