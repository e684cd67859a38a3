// The pasted models.py as @lezer/python sees it: nodes, their text and their place (1-based line
// and column, as editors show them), and Python literals decoded to their values.

import { parser } from "@lezer/python";

// @lezer/common's types, named through @lezer/python so that only the declared dependency is imported
export type Tree = ReturnType<typeof parser.parse>;
export type SyntaxNode = Tree["topNode"];

export interface Problem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export class PythonSource {
  readonly tree: Tree;
  readonly problems: Problem[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.lineStarts.push(i + 1);
    this.tree = parser.parse(text);
  }

  textOf(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  /** The node's text on one line, cut short: how a problem quotes what it is about. */
  quote(node: SyntaxNode): string {
    const text = this.textOf(node).replace(/\s+/g, " ").trim();
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  lineOf(node: SyntaxNode): number {
    return this.position(node.from).line;
  }

  report(node: SyntaxNode, message: string): void {
    this.problems.push({ ...this.position(node.from), message });
  }
}

export const children = (node: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
};

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0", a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };

/** A String node's value, or null for bytes and f-strings (they are not plain text). */
export function stringValue(source: PythonSource, node: SyntaxNode): string | null {
  if (node.name === "ContinuedString") {
    const parts = children(node).map((c) => stringValue(source, c));
    return parts.every((p) => p !== null) ? parts.join("") : null;
  }
  if (node.name !== "String") return null;
  const raw = source.textOf(node);
  const prefix = /^[a-zA-Z]*/.exec(raw)![0].toLowerCase();
  if (prefix.includes("b") || prefix.includes("f")) return null;
  const quote = raw.startsWith('"""', prefix.length) || raw.startsWith("'''", prefix.length) ? 3 : 1;
  const body = raw.slice(prefix.length + quote, raw.length - quote);
  if (prefix.includes("r")) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g, (all, e: string) => {
    if (/^[xuU]/.test(e) && e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? all;
  });
}
