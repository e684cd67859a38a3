// `static __table_args__ = [ db.UniqueConstraint(...), db.Index(...), db.CheckConstraint(...),
// db.ForeignKeyConstraint(...), db.PrimaryKeyConstraint(...) ]`: SQLAlchemy's table-level
// schema items, with their column arguments as column keys (class attribute names).

import type { Node } from "@babel/types";
import type { ReferentialAction } from "../schema/model";
import { dbCall, describe, readString, type DbCall } from "./ast";
import { FOREIGN_KEY_OPTIONS } from "./column-call";
import type { Named, TableArgDef } from "./ir";
import { optBoolean, optString, readOptions, type OptionSpec, type ReadContext, type ReadOption } from "./options";
import { hint } from "./report";

const NAME_ONLY = { name: "nullableString" } as const satisfies OptionSpec;
const INDEX_OPTIONS = { unique: "boolean" } as const satisfies OptionSpec;

/** Splits trailing `{ options }` off the positional arguments. */
function splitOptions(call: DbCall, spec: OptionSpec, ctx: ReadContext): [readonly Node[], Map<string, ReadOption>] {
  const last = call.args[call.args.length - 1];
  if (last?.type !== "ObjectExpression") return [call.args, new Map()];
  return [call.args.slice(0, -1), readOptions(last, spec, `${ctx.db}.${call.name}`, ctx)];
}

function readColumnNames(args: readonly Node[], what: string, ctx: ReadContext): Named[] {
  const names: Named[] = [];
  for (const a of args) {
    const s = readString(a);
    if (s === null) ctx.report.error(a, `${what} takes column names as string literals, not ${describe(a)}.`);
    else names.push({ value: s, node: a });
  }
  return names;
}

function readStringArray(node: Node | undefined, call: DbCall, what: string, ctx: ReadContext): Named[] {
  if (node?.type !== "ArrayExpression") {
    ctx.report.error(node ?? call.node, `${ctx.db}.ForeignKeyConstraint takes ${what} as an array of strings: ${ctx.db}.ForeignKeyConstraint(["role_id"], ["roles.id"]).`);
    return [];
  }
  const items = node.elements.filter((e): e is NonNullable<typeof e> => e !== null);
  return readColumnNames(items, `${ctx.db}.ForeignKeyConstraint`, ctx);
}

type ArgReader = (call: DbCall, ctx: ReadContext) => TableArgDef | null;

const TABLE_ARGS: Readonly<Record<string, ArgReader>> = {
  UniqueConstraint: (call, ctx) => {
    const [args, o] = splitOptions(call, NAME_ONLY, ctx);
    return { kind: "unique", node: call.node, name: optString(o, "name") ?? null, columns: readColumnNames(args, `${ctx.db}.UniqueConstraint`, ctx) };
  },
  PrimaryKeyConstraint: (call, ctx) => {
    const [args, o] = splitOptions(call, NAME_ONLY, ctx);
    return { kind: "primary_key", node: call.node, name: optString(o, "name") ?? null, columns: readColumnNames(args, `${ctx.db}.PrimaryKeyConstraint`, ctx) };
  },
  Index: (call, ctx) => {
    const [args, o] = splitOptions(call, { ...INDEX_OPTIONS }, ctx);
    const [first, ...cols] = args;
    const name = first === undefined ? undefined : first.type === "NullLiteral" ? null : readString(first);
    if (name === undefined || (first && name === null && first.type !== "NullLiteral")) {
      ctx.report.error(first ?? call.node, `${ctx.db}.Index takes its name first (a string, or null to use the naming convention), then column names.`);
      return null;
    }
    const unique = optBoolean(o, "unique") ?? false;
    return { kind: "index", node: call.node, name, columns: readColumnNames(cols, `${ctx.db}.Index`, ctx), unique };
  },
  CheckConstraint: (call, ctx) => {
    const [args, o] = splitOptions(call, NAME_ONLY, ctx);
    const sqltext = args.length === 1 ? readString(args[0]!) : null;
    if (sqltext === null) {
      ctx.report.error(args[0] ?? call.node, `${ctx.db}.CheckConstraint takes one SQL string: ${ctx.db}.CheckConstraint("price > 0", { name: "price_positive" }).`);
      return null;
    }
    return { kind: "check", node: call.node, name: optString(o, "name") ?? null, sqltext };
  },
  ForeignKeyConstraint: readForeignKeyConstraint,
};

function readForeignKeyConstraint(call: DbCall, ctx: ReadContext): TableArgDef | null {
  const [cols, refs, options, ...extra] = call.args;
  for (const e of extra) ctx.report.error(e, `${ctx.db}.ForeignKeyConstraint takes columns, referred columns and options; remove this argument.`);
  const before = ctx.report.diagnostics.length;
  const columns = readStringArray(cols, call, "its columns", ctx);
  const targets = readStringArray(refs, call, "the referred columns", ctx);
  if (ctx.report.diagnostics.length > before) return null;
  const o = options ? readOptions(options, FOREIGN_KEY_OPTIONS, `${ctx.db}.ForeignKeyConstraint`, ctx) : new Map<string, ReadOption>();
  for (const t of targets) {
    if (!/^[^.]+\.[^.]+$/.test(t.value)) ctx.report.error(t.node, `Foreign key target '${t.value}' must be written "table.column", e.g. "users.id".`);
  }
  if (columns.length !== targets.length) {
    // as sqlalchemy/sql/schema.py ForeignKeyConstraint.__init__
    ctx.report.error(call.node, "ForeignKeyConstraint number of constrained columns must match the number of referenced columns.");
    return null;
  }
  const fk = {
    node: call.node,
    name: optString(o, "name") ?? null,
    columns,
    targets,
    onDelete: (optString(o, "onDelete") as ReferentialAction | undefined) ?? null,
    onUpdate: (optString(o, "onUpdate") as ReferentialAction | undefined) ?? null,
  };
  return { kind: "foreign_key", node: call.node, fk };
}

/** Reads the `__table_args__` array; every entry that is not one of the five calls is reported. */
export function readTableArgs(node: Node, ctx: ReadContext): TableArgDef[] {
  if (node.type !== "ArrayExpression") {
    ctx.report.error(node, `__table_args__ must be an array: static __table_args__ = [${ctx.db}.UniqueConstraint("a", "b")];`);
    return [];
  }
  const out: TableArgDef[] = [];
  for (const el of node.elements) {
    if (el === null) continue;
    const call = dbCall(el, ctx.db);
    const reader = call && Object.hasOwn(TABLE_ARGS, call.name) ? TABLE_ARGS[call.name] : undefined;
    if (call && reader) {
      const def = reader(call, ctx);
      if (def) out.push(def);
    } else if (call) {
      ctx.report.error(call.node.callee, `Unknown table argument '${ctx.db}.${call.name}'.${hint(call.name, Object.keys(TABLE_ARGS), (s) => `'${ctx.db}.${s}'`)}`);
    } else {
      ctx.report.error(el, `__table_args__ holds ${Object.keys(TABLE_ARGS).map((k) => `${ctx.db}.${k}(...)`).join(", ")}; not ${describe(el)}.`);
    }
  }
  return out;
}
