// Python expressions of a model -> models.ts expressions (SPEC §1): literals as they are, SQLAlchemy
// calls as `db.X(positional…, { camelCaseOptions })`. What has no models.ts spelling is reported
// where it stands and left out (null), never guessed.

import { GENERIC_TYPES } from "../schema/types";
import type { Names } from "./names";
import { children, stringValue, type PythonSource, type SyntaxNode } from "./source";

export interface Scope {
  readonly source: PythonSource;
  readonly names: Names;
}

interface Args {
  readonly positional: SyntaxNode[];
  readonly keywords: { readonly key: string; readonly keyNode: SyntaxNode; readonly value: SyntaxNode }[];
}

/** Python keyword -> models.ts option, per call; a keyword missing here is reported. */
const FK_OPTIONS = { ondelete: "onDelete", onupdate: "onUpdate", name: "name" };
const CALL_OPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Column: {
    primary_key: "primaryKey", nullable: "nullable", unique: "unique", index: "index",
    server_default: "serverDefault", default: "default", autoincrement: "autoincrement", comment: "comment",
  },
  ForeignKey: FK_OPTIONS,
  ForeignKeyConstraint: FK_OPTIONS,
  UniqueConstraint: { name: "name" },
  PrimaryKeyConstraint: { name: "name" },
  CheckConstraint: { name: "name" },
  Index: { unique: "unique" },
  Enum: { name: "name" },
  text: {},
};

/** Keywords SQLAlchemy takes that change nothing in the schema Retort builds: left out, said once. */
const WHY_LEFT_OUT: Readonly<Record<string, string>> = {
  onupdate: "a Python-side value set on UPDATE, with no schema effect",
  doc: "documentation only",
  info: "Python-side data",
  key: "a Python-side attribute key",
  native_enum: "SQLite has no native enum",
  create_constraint: "Retort's Enum makes no CHECK constraint, as SQLAlchemy 1.4's default",
  validate_strings: "Python-side validation",
  timezone: "SQLite stores no time zone",
  asdecimal: "a Python-side conversion",
  collation: "not part of Retort's types",
  use_alter: "not needed on SQLite",
  deferrable: "not part of Retort's foreign keys",
  initially: "not part of Retort's foreign keys",
};

const POSITIONAL_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  String: ["length"], Unicode: ["length"], Text: ["length"], UnicodeText: ["length"], LargeBinary: ["length"],
  Numeric: ["precision", "scale"],
};

export function splitArgs(scope: Scope, argList: SyntaxNode): Args | null {
  const nodes = children(argList).filter((c) => !["(", ")", ","].includes(c.name));
  const args: Args = { positional: [], keywords: [] };
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.name === "*" || n.name === "**") {
      scope.source.report(n, `Unpacked arguments (${scope.source.quote(argList)}) cannot be read statically: write each argument out.`);
      return null;
    }
    if (n.name === "VariableName" && nodes[i + 1]?.name === "AssignOp" && nodes[i + 2]) {
      args.keywords.push({ key: scope.source.textOf(n), keyNode: n, value: nodes[i + 2]! });
      i += 2;
    } else args.positional.push(n);
  }
  return args;
}

/** A literal value (string, number, True/False/None, tuple, list, dict) in TypeScript, or null. */
export function literal(scope: Scope, node: SyntaxNode): string | null {
  const { source } = scope;
  switch (node.name) {
    case "String":
    case "ContinuedString": {
      const s = stringValue(source, node);
      return s === null ? null : JSON.stringify(s);
    }
    case "Number":
      return /^[\d_]+(\.[\d_]*)?([eE][-+]?\d+)?$/.test(source.textOf(node)) ? source.textOf(node).replace(/_/g, "") : null;
    case "Boolean":
      return source.textOf(node) === "True" ? "true" : "false";
    case "None":
      return "null";
    case "UnaryExpression": {
      const [op, operand] = children(node);
      const inner = operand && literal(scope, operand);
      return op && source.textOf(op) === "-" && inner && /^\d/.test(inner) ? `-${inner}` : null;
    }
    case "ParenthesizedExpression":
      return literal(scope, children(node)[1]!);
    case "TupleExpression":
    case "ArrayExpression": {
      const items = children(node).filter((c) => !["(", ")", "[", "]", ","].includes(c.name)).map((c) => literal(scope, c));
      return items.every((i) => i !== null) ? `[${items.join(", ")}]` : null;
    }
    default:
      return null;
  }
}

const typeNames = new Set(Object.keys(GENERIC_TYPES));

/** `db.String(64)`, `String`, `sa.Enum("a", "b", name="x")` -> `db.String(64)` …, or null (reported). */
export function typeExpression(scope: Scope, node: SyntaxNode): string | null {
  const isCall = node.name === "CallExpression";
  const name = scope.names.resolve(scope.source, isCall ? node.firstChild! : node);
  if (name === null || !typeNames.has(name)) return null;
  return isCall ? sqlalchemyCall(scope, node, name) : `db.${name}`;
}

export function isTypeExpression(scope: Scope, node: SyntaxNode): boolean {
  const name = scope.names.resolve(scope.source, node.name === "CallExpression" ? node.firstChild! : node);
  return name !== null && typeNames.has(name);
}

/** A call of one of the SQLAlchemy functions models.ts knows, in models.ts spelling, or null (reported). */
export function sqlalchemyCall(scope: Scope, call: SyntaxNode, name: string): string | null {
  const { source } = scope;
  const options = CALL_OPTIONS[name] ?? (typeNames.has(name) ? {} : undefined);
  if (options === undefined) {
    source.report(call, `${name}() has no models.ts spelling: Retort's model language (SPEC §1) knows Column, ForeignKey, relationship, the constraints and the types ${[...typeNames].join(", ")}.`);
    return null;
  }
  if (call.name !== "CallExpression") return `db.${name}`;
  const args = splitArgs(scope, call.lastChild!);
  if (args === null) return null;
  const positional: string[] = [];
  for (const a of args.positional) {
    if (name === "Enum" && (a.name === "VariableName" || a.name === "MemberExpression")) {
      source.report(a, `Enum(${source.quote(a)}) takes its values from a Python class, which models.ts cannot run: write the values out, Enum("new", "shipped", name="status").`);
      return null;
    }
    const value = argument(scope, a);
    if (value === null) return null;
    positional.push(value);
  }
  const entries: string[] = [];
  for (const k of args.keywords) {
    const asPositional = POSITIONAL_KEYWORDS[name]?.indexOf(k.key) ?? -1;
    if (asPositional >= 0 && asPositional === positional.length) {
      const value = literal(scope, k.value);
      if (value === null) return notLiteral(scope, k.value, k.key);
      positional.push(value);
      continue;
    }
    const option = options[k.key];
    if (option === undefined) {
      const why = WHY_LEFT_OUT[k.key];
      source.report(k.keyNode, why ? `${name}(${k.key}=…) is left out: ${why}.` : `${name}(${k.key}=…) has no models.ts option; it is left out. Known: ${Object.keys(options).join(", ") || "none"}.`);
      continue;
    }
    const value = optionValue(scope, name, k.key, k.value);
    if (value !== null) entries.push(`${option}: ${value}`);
  }
  if (entries.length > 0) positional.push(`{ ${entries.join(", ")} }`);
  return `db.${name}(${positional.join(", ")})`;
}

function notLiteral(scope: Scope, node: SyntaxNode, what: string): null {
  scope.source.report(node, `${what} must be a literal (a string, a number, True, False or None), not '${scope.source.quote(node)}': models.ts is read, never run.`);
  return null;
}

function argument(scope: Scope, node: SyntaxNode): string | null {
  if (node.name === "CallExpression") {
    const name = scope.names.resolve(scope.source, node.firstChild!);
    if (name !== null) return sqlalchemyCall(scope, node, name);
  }
  const type = typeExpression(scope, node);
  if (type !== null) return type;
  const known = scope.names.resolve(scope.source, node);
  if (known !== null) return sqlalchemyCall(scope, node, known);
  if (node.name === "MemberExpression" || node.name === "VariableName") {
    scope.source.report(node, `'${scope.source.quote(node)}' is not a SQLAlchemy name models.ts knows: import it from sqlalchemy, or write it as db.${scope.source.textOf(node).split(".").pop()}.`);
    return null;
  }
  return literal(scope, node) ?? notLiteral(scope, node, "An argument");
}

function optionValue(scope: Scope, call: string, key: string, node: SyntaxNode): string | null {
  const { source } = scope;
  if (key === "server_default" && node.name === "CallExpression") {
    const fn = scope.names.resolve(source, node.firstChild!);
    if (fn === "text") return sqlalchemyCall(scope, node, fn);
    source.report(node, `${call}(server_default=${source.quote(node)}) is left out: models.ts takes a string or db.text("SQL"), e.g. server_default=db.text("CURRENT_TIMESTAMP") for func.now().`);
    return null;
  }
  if (key === "default" && (node.name === "VariableName" || node.name === "MemberExpression")) {
    // a callable such as datetime.utcnow: client-side, so models.ts keeps the reference as written
    return /^[\w.]+$/.test(source.textOf(node)) ? source.textOf(node) : null;
  }
  const value = literal(scope, node);
  if (value === null) {
    source.report(node, `${call}(${key}=${source.quote(node)}) is left out: ${key === "default" ? "a client-side default with no schema effect, and" : ""} models.ts takes literals only, never code.`);
  }
  return value;
}

const camelCase = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** relationship("User", backref=backref("role", lazy="dynamic")): no schema effect, literals kept. */
export function relationshipCall(scope: Scope, call: SyntaxNode, name: "relationship" | "backref"): string | null {
  const { source } = scope;
  const args = splitArgs(scope, call.lastChild!);
  if (args === null) return null;
  const positional: string[] = [];
  for (const a of args.positional) {
    // relationship(User): the class itself, which models.ts names as a string
    const value = a.name === "VariableName" && name === "relationship" && positional.length === 0 ? JSON.stringify(source.textOf(a)) : literal(scope, a);
    if (value === null) return notLiteral(scope, a, `An argument of ${name}()`);
    positional.push(value);
  }
  const entries: string[] = [];
  for (const k of args.keywords) {
    const fn = k.value.name === "CallExpression" ? scope.names.resolve(source, k.value.firstChild!) : null;
    const value = fn === "backref" ? relationshipCall(scope, k.value, "backref") : literal(scope, k.value);
    if (value === null) {
      if (fn !== "backref") source.report(k.value, `${name}(${k.key}=${source.quote(k.value)}) is left out: relationship options have no schema effect, and models.ts takes literals only.`);
      continue;
    }
    entries.push(`${camelCase(k.key)}: ${value}`);
  }
  if (entries.length > 0) positional.push(`{ ${entries.join(", ")} }`);
  return `db.${name}(${positional.join(", ")})`;
}
