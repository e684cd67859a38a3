// Column types: `db.Integer`, `db.Integer()`, `db.String(64)`, `db.Numeric(8, 2)`,
// `db.Enum("a", "b", { name: "status" })`. The DDL comes from schema/types.ts; here only the
// arguments SQLAlchemy's constructors take are read.

import type { Node } from "@babel/types";
import { GENERIC_TYPES, REFLECTED_TYPES, type GenericTypeName, type SqlType } from "../schema/types";
import { dbCall, dbMember, describe, readNumber, readString } from "./ast";
import { optString, readOptions, type ReadContext } from "./options";
import { hint, suggest } from "./report";

const TYPE_NAMES = Object.keys(GENERIC_TYPES) as GenericTypeName[];

/** SQL spellings users carry over from DDL, and the generic type that emits them. */
const SQL_SPELLINGS: Readonly<Record<string, GenericTypeName>> = {
  varchar: "String", char: "String", nvarchar: "String", int: "Integer", bigint: "BigInteger", smallint: "SmallInteger",
  bool: "Boolean", timestamp: "DateTime", blob: "LargeBinary", decimal: "Numeric", real: "Float", double: "Float", str: "String",
};

/**
 * SQLAlchemy's upper-case SQL types (sqlalchemy.types.CHAR, …, also db.CHAR in Flask-SQLAlchemy)
 * whose DDL no generic type emits. Beyond SPEC §1's list: models.ts generated from a user's own
 * database (adopt) needs them to declare such columns exactly, so that `db check` finds nothing.
 */
const UPPERCASE_TYPES = ["CHAR", "NCHAR", "NVARCHAR", "REAL", "TIMESTAMP"] as const;
const isUppercaseType = (name: string): name is (typeof UPPERCASE_TYPES)[number] => (UPPERCASE_TYPES as readonly string[]).includes(name);

type ArgReader = (name: string, args: readonly Node[], call: Node, ctx: ReadContext) => SqlType | null;

/** Positional integer arguments, at most `max`, in the order of the SQLAlchemy constructor. */
function readInts(name: string, args: readonly Node[], params: readonly string[], ctx: ReadContext): number[] | null {
  if (args.length > params.length) {
    const usage = params.length === 0 ? "takes no arguments" : `takes at most ${params.length} (${params.join(", ")})`;
    ctx.report.error(args[params.length]!, `${ctx.db}.${name} ${usage}.`);
    return null;
  }
  const values: number[] = [];
  for (const [i, a] of args.entries()) {
    const n = readNumber(a);
    if (n === null || !Number.isInteger(n) || n < 0) {
      ctx.report.error(a, `The ${params[i]} of ${ctx.db}.${name} must be a non-negative whole number, not ${describe(a)}.`);
      return null;
    }
    values.push(n);
  }
  return values;
}

const SHAPES = {
  none: (name, args, _call, ctx) => {
    // Float(precision) is allowed by SQLAlchemy and emits plain FLOAT on SQLite
    const ints = readInts(name, args, name === "Float" ? ["precision"] : [], ctx);
    if (!ints) return null;
    return ints[0] === undefined ? { name } : { name, precision: ints[0] };
  },
  length: (name, args, _call, ctx) => {
    const ints = readInts(name, args, ["length"], ctx);
    if (!ints) return null;
    // SQLAlchemy's SQLite compiler emits LargeBinary(n) as plain BLOB (visit_large_binary), and
    // reflection reads BLOB back: keeping n would make toDdl print BLOB(n) and compare as a change
    if (name === "LargeBinary") return { name };
    return ints[0] === undefined ? { name } : { name, length: ints[0] };
  },
  precisionScale: (name, args, _call, ctx) => {
    const ints = readInts(name, args, ["precision", "scale"], ctx);
    if (!ints) return null;
    const [precision, scale] = ints;
    if (precision === undefined) return { name };
    return scale === undefined ? { name, precision } : { name, precision, scale };
  },
  enum: readEnum,
} as const satisfies Record<(typeof GENERIC_TYPES)[GenericTypeName]["shape"], ArgReader>;

function readEnum(name: string, args: readonly Node[], call: Node, ctx: ReadContext): SqlType | null {
  const values: string[] = [];
  let enumName: string | null | undefined;
  for (const [i, a] of args.entries()) {
    if (a.type === "ObjectExpression" && i === args.length - 1) {
      enumName = optString(readOptions(a, { name: "nullableString" }, `${ctx.db}.Enum`, ctx), "name");
      continue;
    }
    const v = readString(a);
    if (v === null) ctx.report.error(a, `${ctx.db}.Enum values must be string literals, not ${describe(a)}.`);
    else values.push(v);
  }
  if (values.length === 0) {
    ctx.report.error(call, `${ctx.db}.Enum needs its values: ${ctx.db}.Enum("new", "shipped", { name: "status" }).`);
    return null;
  }
  return typeof enumName === "string" ? { name, values, enumName } : { name, values };
}

/** Whether `node` looks like a type (`db.X` or `db.X(...)` with X capitalised), known or not. */
export function isTypeLike(node: Node, db: string): boolean {
  const name = dbMember(node, db) ?? dbCall(node, db)?.name ?? null;
  return name !== null && /^[A-Z]/.test(name);
}

/** Reads a type expression; reports and returns null when it is not one of SPEC §1's types. */
export function readType(node: Node, ctx: ReadContext): SqlType | null {
  const call = dbCall(node, ctx.db);
  const name = call?.name ?? dbMember(node, ctx.db);
  if (name === null) {
    ctx.report.error(node, `Expected a column type such as ${ctx.db}.Integer or ${ctx.db}.String(64), not ${describe(node)}.`);
    return null;
  }
  if (isUppercaseType(name)) return SHAPES[REFLECTED_TYPES[name].shape](name, call?.args ?? [], node, ctx);
  if (!Object.hasOwn(GENERIC_TYPES, name)) {
    const where = call ? call.node.callee : node;
    const spelled = Object.hasOwn(SQL_SPELLINGS, name.toLowerCase()) ? SQL_SPELLINGS[name.toLowerCase()] : undefined;
    const fix = spelled ? ` Did you mean '${ctx.db}.${spelled}'?` : hint(name, TYPE_NAMES, (s) => `'${ctx.db}.${s}'`);
    const meant = spelled ?? suggest(name, TYPE_NAMES);
    // the range is `db.Strin` only when it is a plain member (not `db["Strin"]`), so it is replaced whole
    const replacement = meant !== undefined && where.type === "MemberExpression" && !where.computed ? `${ctx.db}.${meant}` : undefined;
    ctx.report.error(where, `Unknown column type '${ctx.db}.${name}'.${fix}`, replacement);
    return null;
  }
  const typeName = name as GenericTypeName;
  const shape = GENERIC_TYPES[typeName].shape;
  if (!call && shape === "enum") return readEnum(typeName, [], node, ctx);
  return SHAPES[shape](typeName, call?.args ?? [], node, ctx);
}
