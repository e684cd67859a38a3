// Where a test can type an empty argument: the `(` of every call in a source, outside strings
// and comments (a `(` there is text, and an empty argument in it is no syntax error).

/** Indexes of each `(` that follows an identifier, in code. */
export function callParens(source: string): number[] {
  const out: number[] = [];
  let offset = 0;
  for (const line of source.split("\n")) {
    const code = /^\s*(?:\/\/|\/\*|\*)/.test(line) ? "" : line;
    let quote: string | null = null;
    for (let i = 0; i < code.length; i++) {
      const ch = code[i];
      if (quote) {
        if (ch === "\\") i++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'" || ch === "`") {
        quote = ch;
      } else if (ch === "/" && code[i + 1] === "/") {
        break;
      } else if (ch === "(" && /\w/.test(code[i - 1] ?? "")) {
        out.push(offset + i);
      }
    }
    offset += line.length + 1;
  }
  return out;
}
