// A fast path for parsing migration scripts: the rendered format (a header comment, the import,
// `export const` identifiers, `export function upgrade() { op.x(…); … }` with batch callbacks
// `(batchOp) => { … }`) parsed into the same nodes, fields, positions and comments that
// @babel/parser gives. Loading and warming Babel on a 43 KB script was most of `db current`.
// Its values are the model language's literals, so it extends the models' fast parser. It throws
// GiveUp on anything else, valid or not, so that Babel parses it and its diagnostics stay.

import type { File } from "@babel/types";
import { GiveUp, type Comment } from "../models/fast-lexer";
import type { AstNode } from "../models/fast-node";
import { ModelParser, RESERVED } from "../models/fast-parse";

class ScriptParser extends ModelParser {
  constructor(
    text: string,
    private readonly comments: Comment[],
  ) {
    super(text, comments);
  }

  file(): File {
    const body = this.program();
    const end = this.tok.end;
    const program = this.node("Program", 0, { sourceType: "module", interpreter: null, body, directives: [], extra: { topLevelAwait: false } }, end);
    return this.node("File", 0, { errors: [], program, comments: this.comments }, end) as unknown as File;
  }

  protected override statement(): AstNode {
    if (this.is("name", "import")) return this.importDeclaration();
    const start = this.eat("name", "export").start;
    if (!this.is("name", "function") && !this.is("name", "const")) throw new GiveUp();
    const declaration = this.is("name", "function") ? this.functionDeclaration() : this.constDeclaration();
    return this.node("ExportNamedDeclaration", start, { exportKind: "value", specifiers: [], source: null, attributes: [], declaration });
  }

  private functionDeclaration(): AstNode {
    const start = this.next().start;
    const id = this.binding();
    this.eat("punct", "(");
    this.eat("punct", ")");
    return this.node("FunctionDeclaration", start, { id, generator: false, async: false, params: [], body: this.block() });
  }

  /**
   * `{ call; call; … }`: only statements that start with a name, as `op.addColumn(…)` does (one
   * that starts with a string is a directive, and one that starts with `(`, `[`, `-` or a template
   * may continue the statement before it).
   */
  private block(): AstNode {
    const start = this.eat("punct", "{").start;
    const body: AstNode[] = [];
    while (!this.is("punct", "}")) body.push(this.expressionStatement());
    this.next();
    return this.node("BlockStatement", start, { body, directives: [] });
  }

  private expressionStatement(): AstNode {
    if (!this.is("name") || RESERVED.has(this.tok.value)) throw new GiveUp();
    const start = this.tok.start;
    const expression = this.expression();
    // ends at its `;`, or with the expression when the semicolon is automatic
    this.semicolon();
    return this.node("ExpressionStatement", start, { expression });
  }

  protected override expression(): AstNode {
    return this.is("punct", "(") ? this.arrowFunction() : this.operand();
  }

  /** `(batchOp) => { … }`; the parameters are a scope of their own. */
  private arrowFunction(): AstNode {
    const start = this.next().start;
    const params: AstNode[] = [];
    const names = new Set<string>();
    if (!this.is("punct", ")")) {
      for (;;) {
        const t = this.eat("name");
        if (RESERVED.has(t.value) || names.has(t.value)) throw new GiveUp();
        names.add(t.value);
        params.push(this.identifier(t));
        if (this.is("punct", ")")) break;
        this.eat("punct", ",");
      }
    }
    this.next();
    // no line break may come before `=>`
    if (this.tok.newlineBefore) throw new GiveUp();
    this.eat("punct", "=>");
    const body = this.block();
    return this.node("ArrowFunctionExpression", start, { id: null, generator: false, async: false, params, body });
  }
}

/** The File Babel would give for `source` (comments listed, not attached), or null when the fast path cannot tell. */
export function fastParseScript(source: string): File | null {
  try {
    return new ScriptParser(source, []).file();
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}
