// Python literals for the files of an exported Flask project: every string, number and list goes
// through here, written as Python's repr() writes it (Alembic renders with %r), so that what
// the scripts say reads back in Python exactly as the playground had it.

import type { RowValue } from "../ops/ops";

const NAMED_ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Python's repr() of a str: single quotes unless the text holds a ' and no ". */
export function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/[\\\n\r\t\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    const code = c.charCodeAt(0);
    if (NAMED_ESCAPES[c] !== undefined) return NAMED_ESCAPES[c];
    // a lone surrogate cannot be saved as UTF-8; Python spells it \udxxx
    return code > 0xff ? `\\u${code.toString(16).padStart(4, "0")}` : `\\x${code.toString(16).padStart(2, "0")}`;
  });
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

export function pyNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "float('nan')" : value > 0 ? "float('inf')" : "float('-inf')";
  if (Object.is(value, -0)) return "-0.0";
  if (Number.isInteger(value)) return String(value);
  // a JavaScript number is a double; Python's float literal needs a "." or an exponent
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

export function pyValue(value: RowValue): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return pyNumber(value);
  return pyStr(value);
}

export const pyBool = (value: boolean): string => (value ? "True" : "False");

/** `['a', 'b']`, as repr() of a list of str. */
export const pyList = (values: readonly string[]): string => `[${values.map(pyStr).join(", ")}]`;

/** `('a',)` or `('a', 'b')`, as repr() of a tuple of str. */
export const pyTuple = (values: readonly string[]): string =>
  values.length === 1 ? `(${pyStr(values[0]!)},)` : `(${values.map(pyStr).join(", ")})`;

/** A dict literal in insertion order: `{'id': 1, 'name': 'x'}`. */
export function pyDict(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([k, v]) => `${pyStr(k)}: ${v}`).join(", ")}}`;
}

/**
 * The text of a module docstring: a backslash or a run of three double quotes would end or change
 * it, so those are escaped (Python reads `\\` and `\"` back as `\` and `"`).
 */
export function docstringText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/"(?="")|"$/g, '\\"');
}
