// A fast path for parse-source.ts: a recursive-descent parser for exactly the model language
// (the import, `const db = new SQLAlchemy({...})`, `export class X extends db.Model { static a = …;
// b = …; }` and literal expressions), building the same nodes, fields and positions that
// @babel/parser gives, since Babel was most of the time of autogenerate on a large models.ts.
// It throws GiveUp on anything else, valid or not, so Babel parses it and its diagnostics stay.

import type { Statement } from "@babel/types";
import { GiveUp, ModelLexer, type Comment, type Tok } from "./fast-lexer";
import { LineTable, nodeFactory, type AstNode, type NodeFactory } from "./fast-node";

export type { AstNode } from "./fast-node";

// Words that are not plain identifiers in a strict-mode module (Babel reports or reads them
// otherwise): never taken as names by the fast path.
export const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "import in instanceof new null return super switch this throw true try typeof var void while with yield let static " +
    "implements interface package private protected public await arguments eval async of as from declare abstract " +
    "type readonly constructor prototype get set accessor override satisfies keyof infer unique is asserts out").split(" "),
);

// Class member keys: JavaScript's keywords and the words a member may start with (modifiers,
// accessors), or that Babel checks (constructor, prototype). Others, like `unique`, are plain keys.
const MEMBER_KEY_RESERVED = new Set(
  [...RESERVED].filter((w) => !["type", "satisfies", "keyof", "infer", "unique", "is", "asserts", "of", "as", "from"].includes(w)),
);

/** Also the base of the migration scripts' fast parser (script/fast-parse.ts), whose values are these literals. */
export class ModelParser {
  protected readonly declared = new Set<string>();
  protected readonly lexer: ModelLexer;
  protected readonly lines: LineTable;
  private readonly make: NodeFactory;
  protected tok: Tok;
  protected last: Tok;

  constructor(
    protected readonly text: string,
    comments: Comment[] | null = null,
  ) {
    this.lines = new LineTable(text);
    this.make = nodeFactory(this.lines);
    this.lexer = new ModelLexer(text, this.lines, comments);
    this.tok = this.lexer.read();
    this.last = this.tok;
  }

  protected next(): Tok {
    this.last = this.tok;
    this.tok = this.lexer.read();
    return this.last;
  }

  protected is(kind: Tok["kind"], value?: string): boolean {
    return this.tok.kind === kind && (value === undefined || this.tok.value === value);
  }

  protected eat(kind: Tok["kind"], value?: string): Tok {
    if (!this.is(kind, value)) throw new GiveUp();
    return this.next();
  }

  /** A node from `start` to `end` (character offsets; by default, the end of the last token). */
  protected node(type: string, start: number, fields: Record<string, unknown>, end: number = this.last.end): AstNode {
    return Object.assign(this.make(type, start, end), fields);
  }

  protected binding(): AstNode {
    const t = this.eat("name");
    if (RESERVED.has(t.value) || this.declared.has(t.value)) throw new GiveUp();
    this.declared.add(t.value);
    return this.identifier(t);
  }

  // the commonest nodes are built without a fields object (less garbage)
  protected identifier(t: Tok): AstNode {
    const id = this.make("Identifier", t.start, t.end);
    id["name"] = t.value;
    return id;
  }

  /** `;`, or a line break / `}` / the end, as JavaScript's automatic semicolons allow. */
  protected semicolon(): void {
    if (this.is("punct", ";")) this.next();
    else if (!(this.tok.newlineBefore || this.is("punct", "}") || this.is("eof"))) throw new GiveUp();
  }

  program(): Statement[] {
    const body: AstNode[] = [];
    while (!this.is("eof")) body.push(this.statement());
    return body as unknown as Statement[];
  }

  protected statement(): AstNode {
    const start = this.tok.start;
    if (this.is("name", "import")) return this.importDeclaration();
    if (this.is("name", "const")) return this.constDeclaration();
    if (this.is("name", "class")) return this.classDeclaration();
    this.eat("name", "export");
    const declaration = this.classDeclaration();
    return this.node("ExportNamedDeclaration", start, { exportKind: "value", specifiers: [], source: null, attributes: [], declaration });
  }

  protected importDeclaration(): AstNode {
    const start = this.next().start;
    this.eat("punct", "{");
    const specifiers: AstNode[] = [];
    while (!this.is("punct", "}")) {
      const local = this.binding();
      // Babel's imported and local are two nodes with the same fields
      const imported = this.identifier(this.last);
      specifiers.push(this.node("ImportSpecifier", this.startOf(local), { imported, importKind: "value", local }));
      if (!this.is("punct", "}")) this.eat("punct", ",");
    }
    if (specifiers.length === 0) throw new GiveUp();
    this.next();
    this.eat("name", "from");
    const source = this.stringLiteral(this.eat("string"));
    this.semicolon();
    return this.node("ImportDeclaration", start, { importKind: "value", specifiers, source, attributes: [] });
  }

  protected constDeclaration(): AstNode {
    const start = this.next().start;
    const id = this.binding();
    this.eat("punct", "=");
    const init = this.expression();
    const declarator = this.node("VariableDeclarator", this.startOf(id), { id, init });
    this.semicolon();
    return this.node("VariableDeclaration", start, { declarations: [declarator], kind: "const" });
  }

  protected startOf(n: AstNode): number {
    return n.start;
  }

  protected classDeclaration(): AstNode {
    const start = this.eat("name", "class").start;
    const id = this.binding();
    let superClass: AstNode | null = null;
    if (this.is("name", "extends")) {
      this.next();
      superClass = this.postfix(this.primary(), false);
    }
    const bodyStart = this.eat("punct", "{").start;
    const members: AstNode[] = [];
    while (!this.is("punct", "}")) members.push(this.classProperty());
    this.next();
    const body = this.node("ClassBody", bodyStart, { body: members });
    return this.node("ClassDeclaration", start, { id, superClass, body });
  }

  protected classProperty(): AstNode {
    const start = this.tok.start;
    // a member named `static` (`static = 1`) is left to Babel: the key must then be a name
    const isStatic = this.is("name", "static");
    if (isStatic) this.next();
    const keyTok = this.eat("name");
    if (MEMBER_KEY_RESERVED.has(keyTok.value)) throw new GiveUp();
    const key = this.identifier(keyTok);
    this.eat("punct", "=");
    const value = this.expression();
    this.semicolon();
    return this.node("ClassProperty", start, { static: isStatic, key, computed: false, value });
  }

  /** Where a value goes: the script parser adds the arrow functions of its language here. */
  protected expression(): AstNode {
    return this.operand();
  }

  /** A literal, a name, a member access, a call, `new`, or `-` one of these. */
  protected operand(): AstNode {
    if (this.is("punct", "-")) {
      const minus = this.next();
      // "--" is the decrement operator, not two minus signs
      if (this.is("punct", "-") && this.tok.start === minus.end) throw new GiveUp();
      const start = minus.start;
      const argument = this.operand();
      return this.node("UnaryExpression", start, { operator: "-", prefix: true, argument });
    }
    if (this.is("name", "new")) {
      const start = this.next().start;
      const callee = this.postfix(this.primary(), false);
      const args = this.arguments();
      // Babel notes no trailing comma on `new X(a,)`
      return this.postfix(this.node("NewExpression", start, { callee, arguments: args.list }), true);
    }
    return this.postfix(this.primary(), true);
  }

  /** Member accesses, and calls when `calls`. */
  protected postfix(object: AstNode, calls: boolean): AstNode {
    let expr = object;
    for (;;) {
      if (this.is("punct", ".")) {
        this.next();
        const property = this.identifier(this.eat("name"));
        const start = this.startOf(expr);
        const member = this.make("MemberExpression", start, this.last.end);
        member["object"] = expr;
        member["computed"] = false;
        member["property"] = property;
        expr = member;
      } else if (calls && this.is("punct", "(")) {
        const args = this.arguments();
        const extra = trailing(args.trailingComma);
        expr = this.node("CallExpression", this.startOf(expr), { callee: expr, ...extra, arguments: args.list });
      } else return expr;
    }
  }

  protected arguments(): { list: AstNode[]; trailingComma?: number } {
    this.eat("punct", "(");
    return this.list(")");
  }

  /** Comma-separated expressions up to `close` (consumed); Babel notes a trailing comma. */
  protected list(close: string): { list: AstNode[]; trailingComma?: number } {
    const list: AstNode[] = [];
    let trailingComma: number | undefined;
    while (!this.is("punct", close)) {
      list.push(this.expression());
      if (this.is("punct", close)) break;
      const comma = this.eat("punct", ",");
      if (this.is("punct", close)) trailingComma = comma.start;
    }
    this.next();
    return { list, trailingComma };
  }

  protected primary(): AstNode {
    const t = this.next();
    switch (t.kind) {
      case "string":
        return this.stringLiteral(t);
      case "num":
        return this.node("NumericLiteral", t.start, { extra: { rawValue: Number(t.value), raw: t.value }, value: Number(t.value) }, t.end);
      case "template":
        return this.template(t);
      case "name":
        return this.word(t);
      case "punct":
        if (t.value === "{") return this.object(t);
        if (t.value === "[") {
          const { list, trailingComma } = this.list("]");
          return this.node("ArrayExpression", t.start, { ...trailing(trailingComma), elements: list });
        }
    }
    throw new GiveUp();
  }

  protected word(t: Tok): AstNode {
    if (t.value === "true" || t.value === "false") return this.node("BooleanLiteral", t.start, { value: t.value === "true" }, t.end);
    if (t.value === "null") return this.node("NullLiteral", t.start, {}, t.end);
    if (RESERVED.has(t.value)) throw new GiveUp();
    return this.identifier(t);
  }

  protected stringLiteral(t: Tok): AstNode {
    const raw = this.source(t);
    return this.node("StringLiteral", t.start, { extra: { rawValue: t.value, raw }, value: t.value }, t.end);
  }

  protected source(t: Tok): string {
    return this.text.slice(t.start, t.end);
  }

  protected template(t: Tok): AstNode {
    const quasi = this.node("TemplateElement", t.start + 1, { value: { raw: t.value, cooked: t.value }, tail: true }, t.end - 1);
    return this.node("TemplateLiteral", t.start, { expressions: [], quasis: [quasi] }, t.end);
  }

  protected object(open: Tok): AstNode {
    const properties: AstNode[] = [];
    let trailingComma: number | undefined;
    while (!this.is("punct", "}")) {
      properties.push(this.property());
      if (this.is("punct", "}")) break;
      const comma = this.eat("punct", ",");
      if (this.is("punct", "}")) trailingComma = comma.start;
    }
    this.next();
    return this.node("ObjectExpression", open.start, { properties, ...trailing(trailingComma) });
  }

  protected property(): AstNode {
    const t = this.next();
    // __proto__ twice is an error Babel reports; such keys are left to it
    if ((t.kind !== "name" && t.kind !== "string") || t.value === "__proto__") throw new GiveUp();
    const key = t.kind === "name" ? this.identifier(t) : this.stringLiteral(t);
    this.eat("punct", ":");
    const value = this.expression();
    return this.node("ObjectProperty", t.start, { method: false, key, computed: false, shorthand: false, value });
  }
}

// Babel's `extra.trailingComma`, in the place among the fields where Babel puts it
const trailing = (at: number | undefined) => (at === undefined ? {} : { extra: { trailingComma: at } });

/** The statements Babel would give for `source`, or null when the fast path cannot tell. */
export function fastParseStatements(source: string): Statement[] | null {
  try {
    return new ModelParser(source).program();
  } catch (e) {
    if (e instanceof GiveUp) return null;
    throw e;
  }
}
