// The nodes of the fast parsers (fast-parse.ts, script/fast-parse.ts): Babel's fields, with the
// `loc` of each node (line and column) worked out from its start and end only when something
// reads it, which for a valid file is nothing but a warning or two. Built eagerly, the loc objects
// and their positions were half of what a large file's AST kept alive, and the young-generation
// garbage collections that copied them were a good part of the parse.

export interface Pos {
  readonly line: number;
  readonly column: number;
  readonly index: number;
}

/** Line and column of a character offset, from a table of line starts made on first use. */
export class LineTable {
  private starts: number[] | null = null;

  constructor(private readonly text: string) {}

  pos(index: number): Pos {
    const starts = (this.starts ??= lineStarts(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: index - starts[low]!, index };
  }
}

// the fast lexer gives up on \r, U+2028 and U+2029, so \n is the only line break here
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

export interface AstNode {
  type: string;
  start: number;
  end: number;
  readonly loc: { start: Pos; end: Pos; filename: undefined; identifierName: string | undefined };
  [field: string]: unknown;
}

export type NodeFactory = (type: string, start: number, end: number) => AstNode;

/** Makes the nodes of one file: their `loc` is a getter that reads that file's line table. */
export function nodeFactory(lines: LineTable): NodeFactory {
  class FastNode {
    [field: string]: unknown;
    constructor(
      public type: string,
      public start: number,
      public end: number,
    ) {}

    // as Babel's SourceLocation: identifierName is the name of an Identifier, else undefined
    get loc() {
      const identifierName = this.type === "Identifier" ? (this["name"] as string) : undefined;
      return { start: lines.pos(this.start), end: lines.pos(this.end), filename: undefined, identifierName };
    }
  }
  return (type, start, end) => new FastNode(type, start, end) as unknown as AstNode;
}
