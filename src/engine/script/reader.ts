// The diagnostics of one migration script, placed where the user typed the problem, and the
// small AST helpers every reader shares. Scripts are read statically: nothing in them runs.

import type { Node } from "@babel/types";
import { diagnosticAt, type Diagnostic } from "../diagnostics";

export class ScriptReader {
  readonly diagnostics: Diagnostic[] = [];

  /** Records an error at `node` and returns undefined, so that readers can `return r.error(…)`. */
  error(node: Node | null | undefined, message: string): undefined {
    this.diagnostics.push(diagnosticAt(node, message, "error"));
    return undefined;
  }

  warn(node: Node | null | undefined, message: string): void {
    this.diagnostics.push(diagnosticAt(node, message, "warning"));
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }
}

/** Strips what TypeScript adds without changing the value: `x as const`, `x satisfies T`, `x!`, `(x)`. */
export function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
      case "TSTypeAssertion":
      case "ParenthesizedExpression":
        n = n.expression;
        continue;
      default:
        return n;
    }
  }
}

/** What a node is, in words, for "found …" in messages. */
export function describeNode(node: Node): string {
  const n = unwrap(node);
  switch (n.type) {
    case "Identifier":
      return n.name === "undefined" ? "undefined" : `a variable '${n.name}'`;
    case "StringLiteral":
      return `the string ${JSON.stringify(n.value)}`;
    case "TemplateLiteral":
      return n.expressions.length > 0 ? "a template literal with ${…} substitutions" : "a template literal";
    case "NumericLiteral":
      return `the number ${n.value}`;
    case "BooleanLiteral":
      return String(n.value);
    case "NullLiteral":
      return "null";
    case "ArrayExpression":
      return "an array";
    case "ObjectExpression":
      return "an object";
    case "CallExpression":
      return `a call of '${calleeText(n.callee)}'`;
    case "MemberExpression":
      return `'${calleeText(n)}'`;
    case "AssignmentExpression":
      return n.left.type === "Identifier" ? `a Python keyword argument '${n.left.name}=…' (write { ${n.left.name}: … } instead)` : "an assignment";
    case "SpreadElement":
      return "a spread (...)";
    default:
      return `an expression (${n.type})`;
  }
}

/** `op.addColumn`, `sa.String`, or "…" for anything more dynamic. */
export function calleeText(node: Node): string {
  const n = unwrap(node);
  if (n.type === "Identifier") return n.name;
  if (n.type === "MemberExpression" && !n.computed && n.property.type === "Identifier") {
    return `${calleeText(n.object)}.${n.property.name}`;
  }
  return "…";
}

/** The `object.method` of a call such as `op.addColumn(…)`, or undefined for any other shape. */
export function memberCall(node: Node): { object: string; method: string; objectNode: Node; methodNode: Node } | undefined {
  const n = unwrap(node);
  if (n.type !== "CallExpression") return undefined;
  const callee = n.callee;
  if (callee.type !== "MemberExpression" || callee.computed) return undefined;
  if (callee.object.type !== "Identifier" || callee.property.type !== "Identifier") return undefined;
  return { object: callee.object.name, method: callee.property.name, objectNode: callee.object, methodNode: callee.property };
}

const camel = (name: string) => name.replace(/_+$/, "").replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** " Did you mean 'addColumn'?" for a snake_case or misspelt name; "" when nothing is close. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const camelName = camel(name);
  if (camelName !== name && candidates.includes(camelName)) return ` Did you mean '${camelName}'?`;
  const lower = name.toLowerCase();
  const exactCase = candidates.find((c) => c.toLowerCase() === lower || c.toLowerCase() === camelName.toLowerCase());
  if (exactCase) return ` Did you mean '${exactCase}'?`;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best === undefined ? "" : ` Did you mean '${best}'?`;
}
