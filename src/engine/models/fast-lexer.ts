// Tokens of the model language subset, for the fast path of parse-source.ts. Anything this does
// not know for sure (escapes beyond the plain ones, \r line ends, non-ASCII names, regexes, numbers
// other than plain decimals) throws GiveUp, and the file goes to Babel, whose diagnostics stay.

import type { LineTable, Pos } from "./fast-node";

export class GiveUp extends Error {}

export interface Tok {
  readonly kind: "name" | "string" | "num" | "template" | "punct" | "eof";
  /** The name, the punctuator, the cooked string or template text, or the number's raw text. */
  readonly value: string;
  /** Character offsets: lines and columns are worked out only for what asks (fast-node.ts). */
  readonly start: number;
  readonly end: number;
  /** A line break comes between this token and the one before it (for automatic semicolons). */
  readonly newlineBefore: boolean;
}

/** A comment as Babel lists it in `File.comments` (the script parser reads the header from it). */
export interface Comment {
  readonly type: "CommentLine" | "CommentBlock";
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly loc: { readonly start: Pos; readonly end: Pos };
}

const PUNCT = new Set(["{", "}", "(", ")", "[", "]", ",", ";", ":", ".", "=", "-"]);
// the plain escapes, cooked as JavaScript does; any other backslash goes to Babel
const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", '"': '"', "'": "'", n: "\n", t: "\t" };

const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isNamePart = (c: number) => isNameStart(c) || isDigit(c);

const NUMBER = /(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?(?![\w$.])/y;

/**
 * Reads tokens one at a time, so that each dies young: a token array for a large file was most of
 * the fast path's garbage-collection time.
 */
export class ModelLexer {
  private i = 0;
  private newline = false;

  /** `comments`, when given, receives every comment, in order (only scripts need them). */
  constructor(
    private readonly src: string,
    private readonly lines: LineTable,
    private readonly comments: Comment[] | null = null,
  ) {
    // Babel also breaks lines at \r, U+2028 and U+2029: leave those files to it
    if (/[\r\u2028\u2029]/.test(src)) throw new GiveUp();
  }

  private token(kind: Tok["kind"], value: string, start: number, end: number): Tok {
    const tok = { kind, value, start, end, newlineBefore: this.newline };
    this.newline = false;
    this.i = end;
    return tok;
  }

  /** Skips blanks and comments up to the next token. */
  private skip(): void {
    const src = this.src;
    while (this.i < src.length) {
      const c = src.charCodeAt(this.i);
      if (c === 10) {
        this.newline = true;
        this.i++;
      } else if (c === 32 || c === 9) this.i++;
      else if (c === 47 && src.charCodeAt(this.i + 1) === 47) {
        const nl = src.indexOf("\n", this.i);
        const end = nl < 0 ? src.length : nl;
        if (this.comments) this.comments.push(this.comment("CommentLine", this.i, end, src.slice(this.i + 2, end)));
        this.i = end;
      } else if (c === 47 && src.charCodeAt(this.i + 1) === 42) {
        const close = src.indexOf("*/", this.i + 2);
        if (close < 0) throw new GiveUp();
        const nl = src.indexOf("\n", this.i);
        if (nl >= 0 && nl < close) this.newline = true;
        if (this.comments) this.comments.push(this.comment("CommentBlock", this.i, close + 2, src.slice(this.i + 2, close)));
        this.i = close + 2;
      } else return;
    }
  }

  // comments are few: their loc is made at once, as Babel lists it
  private comment(type: Comment["type"], start: number, end: number, value: string): Comment {
    return { type, value, start, end, loc: { start: this.lines.pos(start), end: this.lines.pos(end) } };
  }

  read(): Tok {
    this.skip();
    const { src, i } = this;
    if (i >= src.length) return this.token("eof", "", i, i);
    const c = src.charCodeAt(i);
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < src.length && isNamePart(src.charCodeAt(j))) j++;
      if (src.charCodeAt(j) > 127) throw new GiveUp();
      return this.token("name", src.slice(i, j), i, j);
    }
    if (isDigit(c)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(src);
      if (!m) throw new GiveUp();
      return this.token("num", m[0], i, i + m[0].length);
    }
    if (c === 34 || c === 39) return this.string();
    if (c === 96) return this.template();
    // `=>` is one token, so that no parser mistakes `= >` for an arrow
    if (c === 61 && src.charCodeAt(i + 1) === 62) return this.token("punct", "=>", i, i + 2);
    if (PUNCT.has(src[i]!)) return this.token("punct", src[i]!, i, i + 1);
    throw new GiveUp();
  }

  private template(): Tok {
    const { src, i } = this;
    const close = src.indexOf("`", i + 1);
    const text = src.slice(i + 1, close);
    if (close < 0 || text.includes("\\") || text.includes("${")) throw new GiveUp();
    return this.token("template", text, i, close + 1);
  }

  private string(): Tok {
    const { src, i: at } = this;
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
    return this.token("string", value, at, j + 1);
  }
}
