// Schema items in a migration script, read back into the plain schema: types (`sa.String(64)`,
// `sa.Integer`), server defaults (`"0"`, `sa.text("CURRENT_TIMESTAMP")`), `sa.Column` and
// `sa.ForeignKey`, the inverse of render/schema-items.ts.

import type { Node } from "@babel/types";
import type { ForeignKey, ReferentialAction } from "../schema/model";
import { GENERIC_TYPES, REFLECTED_TYPES, isKnownType, typeShape, type SqlType } from "../schema/types";
import { didYouMean, memberCall, unwrap, describeNode, type ScriptReader } from "./reader";
import { isNull, numberValue, option, readInteger, readOptions, readString, readStringOrNull } from "./values";

/** sqlalchemy's NullType, which reflection gives a column declared without a type. */
const NULL_TYPE = "NullType";
const TYPE_NAMES = [...Object.keys(GENERIC_TYPES), ...Object.keys(REFLECTED_TYPES).filter((n) => n !== "NULL"), NULL_TYPE];

/** `sa.X` / `sa.X(…)` as { object: "sa", name: "X" }. */
function typeReference(n: Node): { object: string; name: string } | undefined {
  if (n.type === "CallExpression") {
    const call = memberCall(n);
    return call && { object: call.object, name: call.method };
  }
  if (n.type === "MemberExpression" && !n.computed && n.object.type === "Identifier" && n.property.type === "Identifier") {
    return { object: n.object.name, name: n.property.name };
  }
  return undefined;
}

/** `sa.X` or `sa.X(…)`: the type, or undefined after reporting what is wrong. */
export function readType(r: ScriptReader, node: Node): SqlType | undefined {
  const n = unwrap(node);
  const ref = typeReference(n);
  if (!ref) return r.error(node, `Expected a column type such as sa.Integer() or sa.String(64); found ${describeNode(node)}.`);
  const { object, name } = ref;
  if (object !== "sa") return r.error(node, `Column types are written sa.${name}(…); found '${object}.${name}'.`);
  const args = n.type === "CallExpression" ? n.arguments : [];
  if (name === NULL_TYPE) return args.length > 0 ? r.error(n, "sa.NullType() takes no arguments.") : { name: "NULL" };
  if (!isKnownType(name) || name === "NULL") {
    return r.error(node, `Unknown type 'sa.${name}'.${didYouMean(name, TYPE_NAMES) || " Use one of the types of SPEC §1, such as sa.String(64)."}`);
  }
  return readTypeArguments(r, n, name, args);
}

function readTypeArguments(r: ScriptReader, call: Node, name: string, args: readonly Node[]): SqlType | undefined {
  const last = args[args.length - 1];
  const hasOptions = last !== undefined && unwrap(last).type === "ObjectExpression";
  const positional = hasOptions ? args.slice(0, -1) : args;
  const context = `sa.${name}`;
  switch (typeShape(name)) {
    case "none":
      return args.length === 0 ? { name } : r.error(call, `sa.${name}() takes no arguments.`);
    case "length": {
      if (positional.length > 1) return r.error(call, `sa.${name} takes one argument, the length: sa.${name}(64).`);
      const opts = hasOptions ? readOptions(r, last, ["length"], context) : new Map<string, Node>();
      const node = positional[0] ?? opts?.get("length");
      const length = node === undefined ? undefined : readInteger(r, node, `the length of sa.${name}`);
      return length === undefined ? { name } : { name, length };
    }
    case "precisionScale":
      return readPrecisionScale(r, call, name, positional, hasOptions ? last : undefined);
    case "enum":
      return readEnum(r, name, positional, hasOptions ? last : undefined);
  }
}

function readPrecisionScale(r: ScriptReader, call: Node, name: string, positional: readonly Node[], optionsNode: Node | undefined): SqlType {
  if (positional.length > 2) r.error(call, `sa.${name} takes at most two arguments, the precision and the scale: sa.${name}(8, 2).`);
  const opts = optionsNode ? readOptions(r, optionsNode, ["precision", "scale"], `sa.${name}`) : undefined;
  const read = (node: Node | undefined, what: string) =>
    node === undefined || isNull(node) ? undefined : readInteger(r, node, `the ${what} of sa.${name}`);
  const precision = read(positional[0] ?? opts?.get("precision"), "precision");
  const scale = read(positional[1] ?? opts?.get("scale"), "scale");
  return { name, ...(precision !== undefined && { precision }), ...(scale !== undefined && { scale }) };
}

function readEnum(r: ScriptReader, name: string, positional: readonly Node[], optionsNode: Node | undefined): SqlType {
  const values = positional.map((v) => readString(r, v, `a value of sa.${name}`)).filter((v): v is string => v !== undefined);
  const opts = optionsNode ? readOptions(r, optionsNode, ["name"], `sa.${name}`) : undefined;
  const enumName = opts && option(opts, "name", (n) => readString(r, n, "the name of the enum"));
  return { name, values, ...(enumName !== undefined && { enumName }) };
}

/** A SQL string literal, as SQLite keeps it in PRAGMA table_info.dflt_value: `it's` -> `'it''s'`. */
export const quoteSqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * A server default: a string is a quoted SQL literal (as SQLAlchemy compiles `server_default="0"`),
 * `sa.text("…")` is SQL as written, null is none.
 */
export function readServerDefault(r: ScriptReader, node: Node, what: string): string | null | undefined {
  if (isNull(node)) return null;
  const text = readSqlText(node);
  if (text !== undefined) return text.sql ? text.value : quoteSqlString(text.value);
  if (numberValue(node) !== undefined) {
    return r.error(node, `Expected ${what} as a string or sa.text("…"); found ${describeNode(node)}. Write it as a string: "${numberValue(node)}".`);
  }
  return r.error(node, `Expected ${what} as a string, sa.text("…") or null; found ${describeNode(node)}.`);
}

/** True for `sa.text("…")`: Column.serverDefaultIsSql, as SQLAlchemy keeps a TextClause apart from a string. */
export function isSqlTextDefault(node: Node | undefined): boolean {
  return node !== undefined && readSqlText(node)?.sql === true;
}

/** `"…"` (value) or `sa.text("…")` (sql), or undefined for anything else. */
export function readSqlText(node: Node): { value: string; sql: boolean } | undefined {
  const n = unwrap(node);
  if (n.type === "StringLiteral" || n.type === "TemplateLiteral") {
    const value = n.type === "StringLiteral" ? n.value : n.expressions.length === 0 ? n.quasis[0]?.value.cooked : undefined;
    return value === undefined || value === null ? undefined : { value, sql: false };
  }
  const call = memberCall(n);
  if (call?.object !== "sa" || call.method !== "text" || n.type !== "CallExpression" || n.arguments.length !== 1) return undefined;
  const arg = unwrap(n.arguments[0]!);
  if (arg.type === "StringLiteral") return { value: arg.value, sql: true };
  if (arg.type === "TemplateLiteral" && arg.expressions.length === 0 && arg.quasis[0]?.value.cooked != null) {
    return { value: arg.quasis[0].value.cooked, sql: true };
  }
  return undefined;
}

const ACTIONS: readonly ReferentialAction[] = ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"];

export function readAction(r: ScriptReader, node: Node, what: string): ReferentialAction | undefined {
  const value = readString(r, node, what);
  if (value === undefined) return undefined;
  const upper = value.toUpperCase().trim().replace(/\s+/g, " ") as ReferentialAction;
  if (ACTIONS.includes(upper)) return upper;
  return r.error(node, `Unknown ${what} '${value}'. Use one of ${ACTIONS.map((a) => `"${a}"`).join(", ")}.`);
}

/** The `{ onDelete, onUpdate }` options of a foreign key. */
export function readActions(r: ScriptReader, opts: Map<string, Node> | undefined) {
  return {
    onDelete: (opts && option(opts, "onDelete", (n) => readAction(r, n, "onDelete action"))) ?? null,
    onUpdate: (opts && option(opts, "onUpdate", (n) => readAction(r, n, "onUpdate action"))) ?? null,
  };
}

/** "roles.id" -> ["roles", "id"]: the column follows the last dot, as SQLAlchemy's ForeignKey reads it. */
export function splitReference(r: ScriptReader, node: Node, spec: string): [string, string] | undefined {
  const dot = spec.lastIndexOf(".");
  if (dot === -1) {
    return r.error(node, `A foreign key refers to "table.column"; found "${spec}". Write it as "roles.id".`);
  }
  return [spec.slice(0, dot), spec.slice(dot + 1)];
}

/** `sa.ForeignKey("roles.id", { name, onDelete, onUpdate })` on column `columnName`. */
export function readInlineForeignKey(r: ScriptReader, node: Node, columnName: string): ForeignKey | undefined {
  const n = unwrap(node);
  if (n.type !== "CallExpression" || n.arguments.length < 1 || n.arguments.length > 2) {
    return r.error(node, 'sa.ForeignKey takes the referred "table.column" and optional { name, onDelete, onUpdate }.');
  }
  const specNode = n.arguments[0]!;
  const spec = readString(r, specNode, "the referred column");
  const opts = n.arguments[1] ? readOptions(r, n.arguments[1], ["name", "onDelete", "onUpdate"], "sa.ForeignKey") : undefined;
  const name = (opts && option(opts, "name", (v) => readStringOrNull(r, v, "the name of the foreign key"))) ?? null;
  const ref = spec === undefined ? undefined : splitReference(r, specNode, spec);
  if (!ref) return undefined;
  return { name, columns: [columnName], referredTable: ref[0], referredColumns: [ref[1]], ...readActions(r, opts) };
}
