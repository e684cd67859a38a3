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
 * Reads tokens one at a time, so that each dies young (only the positions that nodes keep live
 * on): a token array for a large file was most of the fast path's garbage-collection time.
 */
export class ModelLexer {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private newline = false;

  /** `comments`, when given, receives every comment, in order (only scripts need them). */
  constructor(
    private readonly src: string,
    private readonly comments: Comment[] | null = null,
  ) {
    // Babel also breaks lines at \r, U+2028 and U+2029: leave those files to it
    if (/[\r\u2028\u2029]/.test(src)) throw new GiveUp();
  }

  private pos(index: number): Pos {
    return { line: this.line, column: index - this.lineStart, index };
  }

  private token(kind: Tok["kind"], value: string, start: Pos, end: number): Tok {
    const tok = { kind, value, start, end: this.pos(end), newlineBefore: this.newline };
    this.newline = false;
    this.i = end;
    return tok;
  }

  private newlineAt(index: number): void {
    this.line++;
    this.lineStart = index + 1;
    this.newline = true;
  }

  /** Skips blanks and comments up to the next token. */
  private skip(): void {
    const src = this.src;
    while (this.i < src.length) {
      const c = src.charCodeAt(this.i);
      if (c === 10) this.newlineAt(this.i++);
      else if (c === 32 || c === 9) this.i++;
      else if (c === 47 && src.charCodeAt(this.i + 1) === 47) {
        const nl = src.indexOf("\n", this.i);
        const end = nl < 0 ? src.length : nl;
        if (this.comments) this.comments.push(this.comment("CommentLine", this.pos(this.i), end, src.slice(this.i + 2, end)));
        this.i = end;
      } else if (c === 47 && src.charCodeAt(this.i + 1) === 42) {
        const close = src.indexOf("*/", this.i + 2);
        if (close < 0) throw new GiveUp();
        const start = this.pos(this.i);
        for (let k = src.indexOf("\n", this.i); k >= 0 && k < close; k = src.indexOf("\n", k + 1)) this.newlineAt(k);
        if (this.comments) this.comments.push(this.comment("CommentBlock", start, close + 2, src.slice(start.index + 2, close)));
        this.i = close + 2;
      } else return;
    }
  }

  private comment(type: Comment["type"], start: Pos, end: number, value: string): Comment {
    return { type, value, start: start.index, end, loc: { start, end: this.pos(end) } };
  }

  read(): Tok {
    this.skip();
    const { src, i } = this;
    if (i >= src.length) return this.token("eof", "", this.pos(i), i);
    const c = src.charCodeAt(i);
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < src.length && isNamePart(src.charCodeAt(j))) j++;
      if (src.charCodeAt(j) > 127) throw new GiveUp();
      return this.token("name", src.slice(i, j), this.pos(i), j);
    }
    if (isDigit(c)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(src);
      if (!m) throw new GiveUp();
      return this.token("num", m[0], this.pos(i), i + m[0].length);
    }
    if (c === 34 || c === 39) return this.string();
    if (c === 96) return this.template();
    // `=>` is one token, so that no parser mistakes `= >` for an arrow
    if (c === 61 && src.charCodeAt(i + 1) === 62) return this.token("punct", "=>", this.pos(i), i + 2);
    if (PUNCT.has(src[i]!)) return this.token("punct", src[i]!, this.pos(i), i + 1);
    throw new GiveUp();
  }

  private template(): Tok {
    const { src, i } = this;
    const start = this.pos(i);
    const close = src.indexOf("`", i + 1);
    const text = src.slice(i + 1, close);
    if (close < 0 || text.includes("\\") || text.includes("${")) throw new GiveUp();
    for (let k = text.indexOf("\n"); k >= 0; k = text.indexOf("\n", k + 1)) {
      this.line++;
      this.lineStart = i + 1 + k + 1;
    }
    return this.token("template", text, start, close + 1);
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
    return this.token("string", value, this.pos(at), j + 1);
  }
}
