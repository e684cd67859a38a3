// A small tokenizer for the CREATE TABLE text that SQLite keeps in sqlite_master. It knows
// SQLite's identifier quotes ("x", [x], `x`), string literals and comments
// (https://www.sqlite.org/lang_keywords.html), which is all that is needed to find constraint
// names and CHECK texts without the regular expressions' blind spots.

export interface Token {
  readonly kind: "word" | "quoted" | "string" | "number" | "punct";
  /** The name for words and quoted identifiers (unquoted), the text otherwise. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const CLOSERS: Readonly<Record<string, string>> = { '"': '"', "`": "`", "[": "]" };

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (isSpace(sql.charCodeAt(i))) {
      i++;
    } else if (sql.startsWith("--", i)) {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (sql.startsWith("/*", i)) {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c in CLOSERS || c === "'") {
      const closer = c === "'" ? "'" : CLOSERS[c]!;
      const end = quotedEnd(sql, i, closer);
      const inner = sql.slice(i + 1, end - 1);
      const value = closer === "]" ? inner : inner.split(closer + closer).join(closer);
      tokens.push({ kind: c === "'" ? "string" : "quoted", value, start: i, end });
      i = end;
    } else if (isWordStart(sql.charCodeAt(i))) {
      i = pushMatch(tokens, "word", WORD, sql, i);
    } else if (/[0-9.]/.test(c) && /^\.?[0-9]/.test(sql.slice(i, i + 2))) {
      i = pushMatch(tokens, "number", NUMBER, sql, i);
    } else {
      tokens.push({ kind: "punct", value: c, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

// Character-class tests by code, as /\s/ and /[A-Za-z_\u0080-\uffff]/ define them: a regular
// expression per character was most of the tokenizer's time on a few hundred tables.
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || (code >= 0x80 && code <= 0xffff);
}

// Sticky patterns: matched in place, without slicing the rest of the text for every token.
const WORD = /[\w$\u0080-\uffff]+/y;
const NUMBER = /[0-9.]+(?:[eE][-+]?[0-9]+)?/y;

function pushMatch(tokens: Token[], kind: Token["kind"], pattern: RegExp, sql: string, at: number): number {
  pattern.lastIndex = at;
  const text = pattern.exec(sql)![0];
  tokens.push({ kind, value: text, start: at, end: at + text.length });
  return at + text.length;
}

/** The index just past the closing quote; a doubled quote inside ("a""b") is part of the name. */
function quotedEnd(sql: string, open: number, closer: string): number {
  let j = open + 1;
  for (;;) {
    const k = sql.indexOf(closer, j);
    if (k < 0) return sql.length;
    if (closer !== "]" && sql[k + 1] === closer) {
      j = k + 2;
      continue;
    }
    return k + 1;
  }
}

export const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === "word" || t.kind === "quoted" || t.kind === "string");

export const isKeyword = (t: Token | undefined, word: string): boolean =>
  t !== undefined && t.kind === "word" && t.value.toUpperCase() === word;

export const isPunct = (t: Token | undefined, p: string): boolean => t !== undefined && t.kind === "punct" && t.value === p;

/** The index of the ")" that closes the "(" at `open`, or tokens.length. */
export function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], "(")) depth++;
    else if (isPunct(tokens[i], ")") && --depth === 0) return i;
  }
  return tokens.length;
}

/** Splits tokens [from, to) at the commas that are not inside parentheses. */
export function splitTopLevel(tokens: readonly Token[], from: number, to: number): [number, number][] {
  const parts: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    if (isPunct(tokens[i], "(")) depth++;
    else if (isPunct(tokens[i], ")")) depth--;
    else if (depth === 0 && isPunct(tokens[i], ",")) {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  if (start < to) parts.push([start, to]);
  return parts;
}
