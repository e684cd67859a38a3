// Reading static values out of Babel nodes. Nothing is evaluated: a value is read only when it is
// written as a literal, and anything else is reported where the user typed it.

import type { CallExpression, Expression, Node, ObjectExpression } from "@babel/types";
import type { Reporter } from "./report";

/** `db.X` where `db` is the SQLAlchemy instance: returns X, or null. */
export function dbMember(node: Node, db: string): string | null {
  if (node.type !== "MemberExpression" || node.computed) return null;
  if (node.object.type !== "Identifier" || node.object.name !== db) return null;
  return node.property.type === "Identifier" ? node.property.name : null;
}

export interface DbCall {
  readonly name: string;
  readonly node: CallExpression;
  readonly args: readonly Node[];
}

/** `db.X(...)`: its name and arguments, or null. */
export function dbCall(node: Node, db: string): DbCall | null {
  if (node.type !== "CallExpression") return null;
  const name = dbMember(node.callee, db);
  return name === null ? null : { name, node, args: node.arguments };
}

/** A string written as "x", 'x' or `x` (no ${}). */
export function readString(node: Node): string | null {
  if (node.type === "StringLiteral") return node.value;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

/** A number, possibly negative. */
export function readNumber(node: Node): number | null {
  if (node.type === "NumericLiteral") return node.value;
  if (node.type === "UnaryExpression" && node.operator === "-" && node.argument.type === "NumericLiteral") {
    return -node.argument.value;
  }
  return null;
}

export function readBoolean(node: Node): boolean | null {
  return node.type === "BooleanLiteral" ? node.value : null;
}

/** The name of a non-computed property or class member key: `a`, `"a"`. */
export function keyName(key: Node, computed: boolean): string | null {
  if (computed) return null;
  if (key.type === "Identifier") return key.name;
  return readString(key);
}

export interface Entry {
  readonly key: string;
  readonly keyNode: Node;
  readonly value: Expression;
}

/** The entries of `{ a: 1, "b": 2 }`; spreads, computed keys, methods and shorthands are reported. */
export function readObject(node: ObjectExpression, report: Reporter): Entry[] {
  const entries: Entry[] = [];
  for (const p of node.properties) {
    if (p.type === "SpreadElement") {
      report.error(p, "Spreads are not part of the model language: models are read, never run. Write each option out.");
      continue;
    }
    const key = keyName(p.key, p.computed);
    if (p.type === "ObjectMethod" || key === null) {
      report.error(p.key, "Computed keys and methods are not part of the model language. Write the option as `name: value`.");
      continue;
    }
    if (p.shorthand) {
      report.error(p, `Shorthand property '${key}' refers to a variable, which models.ts cannot read. Write '${key}: value'.`);
      continue;
    }
    entries.push({ key, keyNode: p.key, value: p.value as Expression });
  }
  return entries;
}

/** A short description of an unsupported expression, for messages. */
export function describe(node: Node): string {
  switch (node.type) {
    case "CallExpression":
    case "NewExpression":
      return "a function call";
    case "SpreadElement":
      return "a spread";
    case "Identifier":
      return `the variable '${node.name}'`;
    case "ArrowFunctionExpression":
    case "FunctionExpression":
      return "a function";
    case "TemplateLiteral":
      return "a template with ${…}";
    case "ObjectExpression":
      return "an object";
    case "ArrayExpression":
      return "an array";
    case "StringLiteral":
      return `the string "${node.value}"`;
    case "NumericLiteral":
      return `the number ${node.value}`;
    default:
      return "an expression";
  }
}
