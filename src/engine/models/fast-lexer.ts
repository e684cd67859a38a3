// Tokens of the model language subset, for the fast path of parse-source.ts. Anything this does
// not know for sure (escapes beyond the plain ones, \r line ends, non-ASCII names, regexes, numbers
// other than plain decimals) throws GiveUp, and the file goes to Babel, whose diagnostics stay.

export class GiveUp extends Error {}

export interface Pos {
  readonly line: number;
  readonly column: number;
  readonly index: number;
}

export interface Tok {
  readonly kind: "name" | "string" | "num" | "template" | "punct" | "eof";
  /** The name, the punctuator, the cooked string or template text, or the number's raw text. */
  readonly value: string;
  readonly start: Pos;
  readonly end: Pos;
  /** A line break comes between this token and the one before it (for automatic semicolons). */
  readonly newlineBefore: boolean;
}

const PUNCT = new Set(["{", "}", "(", ")", "[", "]", ",", ";", ":", ".", "=", "-"]);
// the plain escapes, cooked as JavaScript does; any other backslash goes to Babel
const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", '"': '"', "'": "'", n: "\n", t: "\t" };

const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isNamePart = (c: number) => isNameStart(c) || isDigit(c);

const NUMBER = /(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?(?![\w$.])/y;

export function tokenizeModels(src: string): Tok[] {
  // Babel also breaks lines at \r, U+2028 and U+2029: leave those files to it
  if (/[\r\u2028\u2029]/.test(src)) throw new GiveUp();
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let newline = false;
  const pos = (index: number): Pos => ({ line, column: index - lineStart, index });
  const push = (kind: Tok["kind"], value: string, start: Pos, end: number) => {
    toks.push({ kind, value, start, end: pos(end), newlineBefore: newline });
    newline = false;
  };
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
      newline = true;
      i++;
    } else if (c === 32 || c === 9) i++;
    else if (c === 47 && src.charCodeAt(i + 1) === 47) {
      const nl = src.indexOf("\n", i);
      i = nl < 0 ? src.length : nl;
    } else if (c === 47 && src.charCodeAt(i + 1) === 42) {
      const close = src.indexOf("*/", i + 2);
      if (close < 0) throw new GiveUp();
      for (let k = src.indexOf("\n", i); k >= 0 && k < close; k = src.indexOf("\n", k + 1)) {
        line++;
        lineStart = k + 1;
        newline = true;
      }
      i = close + 2;
    } else if (isNameStart(c)) {
      let j = i + 1;
      while (j < src.length && isNamePart(src.charCodeAt(j))) j++;
      if (src.charCodeAt(j) > 127) throw new GiveUp();
      push("name", src.slice(i, j), pos(i), j);
      i = j;
    } else if (isDigit(c)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(src);
      if (!m) throw new GiveUp();
      push("num", m[0], pos(i), i + m[0].length);
      i += m[0].length;
    } else if (c === 34 || c === 39) i = readString(src, i, push, pos);
    else if (c === 96) {
      const start = pos(i);
      const close = src.indexOf("`", i + 1);
      const text = src.slice(i + 1, close);
      if (close < 0 || text.includes("\\") || text.includes("${")) throw new GiveUp();
      for (let k = text.indexOf("\n"); k >= 0; k = text.indexOf("\n", k + 1)) {
        line++;
        lineStart = i + 1 + k + 1;
      }
      push("template", text, start, close + 1);
      i = close + 1;
    } else if (PUNCT.has(src[i]!)) {
      push("punct", src[i]!, pos(i), i + 1);
      i++;
    } else throw new GiveUp();
  }
  toks.push({ kind: "eof", value: "", start: pos(i), end: pos(i), newlineBefore: newline });
  return toks;
}

function readString(src: string, at: number, push: (kind: Tok["kind"], value: string, start: Pos, end: number) => void, pos: (i: number) => Pos): number {
  const quote = src[at];
  let value = "";
  let j = at + 1;
  for (;;) {
    const ch = src[j];
    if (ch === undefined || ch === "\n") throw new GiveUp();
    if (ch === quote) break;
    if (ch === "\\") {
      const cooked = ESCAPES[src[j + 1] ?? ""];
      if (cooked === undefined) throw new GiveUp();
      value += cooked;
      j += 2;
    } else {
      value += ch;
      j++;
    }
  }
  push("string", value, pos(at), j + 1);
  return j + 1;
}
