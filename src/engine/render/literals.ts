// TypeScript literals for the values a migration script carries. Every string goes through
// here, so that any identifier or SQL text (quotes, backslashes, newlines, `</script>`, lone
// surrogates) reads back unchanged by the script parser.

import type { RowValue } from "../ops/ops";

const LINE_SEPARATORS = /[\u2028\u2029]/g;

/** A double-quoted string literal. JSON's escaping is valid TypeScript; U+2028/9 are escaped for old tools. */
export function tsString(value: string): string {
  return JSON.stringify(value).replace(LINE_SEPARATORS, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

// Characters a template literal cannot hold as they are: `\r` would be read back as `\n`
// (ECMA-262 §12.9.6 normalises line terminators), control characters and lone surrogates would
// not survive a save as UTF-8.
const TEMPLATE_UNSAFE = /[\\`\r\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]|\$\{|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A template literal without substitutions, for SQL that spans lines (readable in the editor). */
export function tsTemplate(value: string): string {
  const body = value.replace(TEMPLATE_UNSAFE, (c) => {
    if (c === "\\" || c === "`") return `\\${c}`;
    if (c === "${") return "\\${";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `\`${body}\``;
}

/** SQL text: a template literal when it spans lines, a string literal otherwise. */
export function tsText(value: string): string {
  return value.includes("\n") ? tsTemplate(value) : tsString(value);
}

export function tsStringArray(values: readonly string[]): string {
  return `[${values.map(tsString).join(", ")}]`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** An object key: bare when it is a plain identifier, quoted otherwise. */
export function tsKey(key: string): string {
  return IDENTIFIER.test(key) ? key : tsString(key);
}

export function tsNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`The number ${value} cannot be written in a migration script. Use a finite number or a string.`);
  }
  return Object.is(value, -0) ? "-0" : String(value);
}

export function tsValue(value: RowValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return tsString(value);
  if (typeof value === "number") return tsNumber(value);
  return String(value);
}

/** `{ a: 1, b: "x" }`; `{}` when empty. */
export function tsObject(entries: readonly (readonly [string, string])[]): string {
  if (entries.length === 0) return "{}";
  return `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${v}`).join(", ")} }`;
}
