// Collects the diagnostics of one models.ts parse. Every problem is reported, never thrown, so the
// editor can show all markers at once and the parser can keep reading the rest of the file.

import type { Node } from "@babel/types";
import { diagnosticAt, type Diagnostic } from "../diagnostics";

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  /** True when a syntax error made the parser drop some text: its classes are missing. */
  constructor(readonly lostText = false) {}

  /**
   * A problem that may only be a consequence of text lost to a syntax error (a reference to a
   * class or table that was in it): reported only when nothing was lost, so that the editor shows
   * the cause, not a cascade.
   */
  unlessLost(node: Node, severity: Diagnostic["severity"], message: string): void {
    if (!this.lostText) this.diagnostics.push(diagnosticAt(node, message, severity));
  }

  /** `replacement`: the text the quick fix puts in `node`'s place (Diagnostic.replacement). */
  error(node: Node, message: string, replacement?: string): void {
    this.diagnostics.push(diagnosticAt(node, message, "error", replacement));
  }

  warning(node: Node, message: string): void {
    this.diagnostics.push(diagnosticAt(node, message, "warning"));
  }

  push(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }
}

/** Levenshtein distance, two rows: names here are short, and it runs only on a miss. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

const camelCase = (s: string) => s.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The known name the user most likely meant: the camelCase form of a snake_case name
 * (`primary_key` -> `primaryKey`), a case-insensitive match, or the closest name within a third
 * of its length (typos).
 */
export function suggest(word: string, known: readonly string[]): string | undefined {
  const camel = camelCase(word);
  if (camel !== word && known.includes(camel)) return camel;
  const lower = word.toLowerCase().replace(/_/g, "");
  const folded = known.find((k) => k.toLowerCase().replace(/_/g, "") === lower);
  if (folded) return folded;
  const extended = known.filter((k) => k.toLowerCase().startsWith(word.toLowerCase()));
  if (word.length >= 3 && extended.length === 1) return extended[0];
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(word, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** " Did you mean 'x'?" or " Use one of 'a', 'b'." */
export function hint(word: string, known: readonly string[], quote = (s: string) => `'${s}'`): string {
  const s = suggest(word, known);
  if (s === undefined && known.length === 0) return "";
  return s !== undefined ? ` Did you mean ${quote(s)}?` : ` Use one of ${known.map(quote).join(", ")}.`;
}
