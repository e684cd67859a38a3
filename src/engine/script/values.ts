// Literal values in a migration script: strings, numbers, booleans, lists and options objects.
// Only literals are values; a variable or a call is an error that says to write the value itself.

import type { Node, ObjectExpression } from "@babel/types";
import { describeNode, didYouMean, memberCall, unwrap, type ScriptReader } from "./reader";

const LITERALS_ONLY = "Migration scripts are read without running them, so write the value itself.";

function expected(r: ScriptReader, node: Node, what: string): undefined {
  const found = describeNode(node);
  const hint = /variable|call|substitution|expression/.test(found) ? ` ${LITERALS_ONLY}` : "";
  return r.error(node, `Expected ${what}; found ${found}.${hint}`);
}

/**
 * The text of a string literal or of a template literal without substitutions. Alembic's
 * `op.f("name")` (a name the naming convention must leave alone) is a string too: Retort applies
 * no convention inside scripts, so it reads as the name itself.
 */
export function stringValue(node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type === "StringLiteral") return n.value;
  if (n.type === "TemplateLiteral" && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? undefined;
  const call = memberCall(n);
  if (call && (call.object === "op" || call.object === "batchOp") && call.method === "f" && n.type === "CallExpression" && n.arguments.length === 1) {
    const arg = unwrap(n.arguments[0]!);
    return arg.type === "StringLiteral" ? arg.value : undefined;
  }
  return undefined;
}

export function readString(r: ScriptReader, node: Node, what: string): string | undefined {
  const value = stringValue(node);
  return value === undefined ? expected(r, node, `${what} as a string`) : value;
}

export const isNull = (node: Node) => unwrap(node).type === "NullLiteral";

/** A string, or null (an unnamed constraint, a base revision). */
export function readStringOrNull(r: ScriptReader, node: Node, what: string): string | null | undefined {
  if (isNull(node)) return null;
  const value = stringValue(node);
  return value === undefined ? expected(r, node, `${what} as a string or null`) : value;
}

export function readBoolean(r: ScriptReader, node: Node, what: string): boolean | undefined {
  const n = unwrap(node);
  return n.type === "BooleanLiteral" ? n.value : expected(r, node, `${what} as true or false`);
}

/** A number literal, with an optional minus sign. */
export function numberValue(node: Node): number | undefined {
  const n = unwrap(node);
  if (n.type === "NumericLiteral") return n.value;
  if (n.type === "UnaryExpression" && n.operator === "-" && unwrap(n.argument).type === "NumericLiteral") {
    const inner = unwrap(n.argument);
    return inner.type === "NumericLiteral" ? -inner.value : undefined;
  }
  return undefined;
}

export function readInteger(r: ScriptReader, node: Node, what: string): number | undefined {
  const value = numberValue(node);
  if (value === undefined || !Number.isInteger(value) || value < 0) return expected(r, node, `${what} as a whole number`);
  return value;
}

/** The elements of an array literal (no holes, no spreads). */
export function readArray(r: ScriptReader, node: Node, what: string): Node[] | undefined {
  const n = unwrap(node);
  if (n.type !== "ArrayExpression") return expected(r, node, `${what} as an array`);
  const items: Node[] = [];
  for (const element of n.elements) {
    if (element === null) return r.error(n, `The array of ${what} has an empty slot; remove the extra comma.`);
    if (element.type === "SpreadElement") return expected(r, element, `one of ${what}`);
    items.push(element);
  }
  return items;
}

/** `["a", "b"]` */
export function readStringList(r: ScriptReader, node: Node, what: string): string[] | undefined {
  const items = readArray(r, node, what);
  if (!items) return undefined;
  const values = items.map((item) => readString(r, item, `each of ${what}`));
  return values.every((v) => v !== undefined) ? (values as string[]) : undefined;
}

/** null, a string, or an array of strings: `downRevision`, `branchLabels`, `dependsOn`. */
export function readRevisionList(r: ScriptReader, node: Node, what: string): string | string[] | null | undefined {
  if (isNull(node)) return null;
  const single = stringValue(node);
  if (single !== undefined) return single;
  if (unwrap(node).type !== "ArrayExpression") return expected(r, node, `${what} as null, a string literal or an array of string literals`);
  return readStringList(r, node, what);
}

export function propertyKey(prop: ObjectExpression["properties"][number]): string | undefined {
  if (prop.type !== "ObjectProperty" || prop.computed) return undefined;
  const key = prop.key;
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  return undefined;
}

/**
 * The properties of an options object, `{ nullable: false }`, checked against the keys that
 * `context` takes. Unknown keys (`existing_type`) are errors that name the right spelling.
 */
export function readOptions(r: ScriptReader, node: Node, keys: readonly string[], context: string): Map<string, Node> | undefined {
  const n = unwrap(node);
  if (n.type !== "ObjectExpression") return expected(r, node, `the options of ${context} as an object { … }`);
  const options = new Map<string, Node>();
  for (const prop of n.properties) {
    const key = propertyKey(prop);
    if (key === undefined || prop.type !== "ObjectProperty") {
      r.error(prop, `The options of ${context} must be written as plain 'key: value' pairs. ${LITERALS_ONLY}`);
    } else if (!keys.includes(key)) {
      const known = keys.length > 0 ? ` It takes ${keys.map((k) => `'${k}'`).join(", ")}.` : "";
      r.error(prop.key, `Unknown option '${key}' for ${context}.${didYouMean(key, keys) || known}`);
    } else if (options.has(key)) {
      r.error(prop.key, `The option '${key}' is given twice for ${context}; keep one.`);
    } else {
      options.set(key, prop.value);
    }
  }
  return options;
}

/** Reads one option with `read` when it is present; `undefined` when absent or wrong. */
export function option<T>(options: Map<string, Node>, key: string, read: (node: Node) => T | undefined): T | undefined {
  const node = options.get(key);
  return node === undefined ? undefined : read(node);
}
