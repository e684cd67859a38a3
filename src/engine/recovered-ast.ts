// Babel's errorRecovery keeps going past `f(, x)` by leaving a null hole in `arguments`, although
// its types promise a node there; the readers of models.ts and of migration scripts trust those
// types. The syntax error is already a diagnostic, so the hole itself carries nothing: it is
// dropped, and every array of nodes is again what the types say. Only an array literal's
// `elements` may hold holes (`[a, , b]`), and its types say so.

import type { Node } from "@babel/types";

const MAY_HOLD_HOLES = new Set(["ArrayExpression", "ArrayPattern"]);

/** Removes the null holes error recovery left in `root`; called only when Babel reported errors. */
export function dropRecoveryHoles(root: Node): void {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as Record<string, unknown>;
    for (const [key, value] of Object.entries(node)) {
      // loc and comments are no child nodes; skipping them also keeps the walk short
      if (key === "loc" || key === "leadingComments" || key === "trailingComments" || key === "innerComments" || key === "extra") continue;
      if (Array.isArray(value)) {
        if (value.includes(null) && !(key === "elements" && MAY_HOLD_HOLES.has(node.type as string))) {
          node[key] = value.filter((v) => v !== null);
        }
        for (const v of node[key] as unknown[]) if (isNode(v)) pending.push(v);
      } else if (isNode(value)) {
        pending.push(value);
      }
    }
  }
}

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string";
}
