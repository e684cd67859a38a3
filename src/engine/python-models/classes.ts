// One model class of models.py -> `export class X extends db.Model { … }`: columns, relationships,
// __tablename__, __table_args__, __abstract__ and comments. Methods, properties and anything else
// that is code are left out, and said so.

import { literal, relationshipCall, sqlalchemyCall, type Scope } from "./expressions";
import { children, stringValue, type SyntaxNode } from "./source";

interface Line {
  readonly text: string;
  /** The last Python line the text came from: a comment on that line trails it. */
  readonly pythonLine: number;
}

const STATIC_NAMES = new Set(["__tablename__", "__table_args__", "__abstract__"]);

export function convertClass(scope: Scope, node: SyntaxNode, name: string, base: string): string {
  const { source } = scope;
  const lines: Line[] = [];
  const code: string[] = [];
  let firstCode: SyntaxNode | null = null;
  const body = node.getChild("Body");
  for (const stmt of body ? children(body) : []) {
    switch (stmt.name) {
      case ":":
      case "PassStatement":
        break;
      case "Comment": {
        const comment = `// ${source.textOf(stmt).replace(/^#\s?/, "")}`;
        const last = lines[lines.length - 1];
        if (last && last.pythonLine === source.lineOf(stmt) && !last.text.startsWith("//")) lines[lines.length - 1] = { ...last, text: `${last.text} ${comment}` };
        else lines.push({ text: comment, pythonLine: source.lineOf(stmt) });
        break;
      }
      case "ExpressionStatement":
        if (stringValue(source, stmt.firstChild!) === null) source.report(stmt, `'${source.quote(stmt)}' is code, which models.ts does not hold; it is left out.`);
        break;
      case "FunctionDefinition":
      case "DecoratedStatement":
        firstCode ??= stmt;
        code.push(`${methodName(scope, stmt)} (line ${source.lineOf(stmt)})`);
        break;
      case "AssignStatement": {
        const text = convertAssignment(scope, stmt);
        if (text !== null) lines.push({ text, pythonLine: source.position(stmt.to).line });
        break;
      }
      default:
        source.report(stmt, `'${source.quote(stmt)}' in class ${name} is not a column, a relationship or a table setting; it is left out.`);
    }
  }
  if (firstCode) {
    source.report(firstCode, `Class ${name}: methods and properties are left out (models.ts holds no code, and they do not change the schema): ${code.join(", ")}.`);
  }
  return [`export class ${name} extends ${base} {`, ...lines.map((l) => `  ${l.text}`), "}"].join("\n");
}

function methodName(scope: Scope, stmt: SyntaxNode): string {
  const fn = stmt.name === "DecoratedStatement" ? stmt.getChild("FunctionDefinition") : stmt;
  const name = fn?.getChild("VariableName");
  const decorators = stmt.getChildren("Decorator").map((d) => scope.source.textOf(d).trim());
  return [...decorators, name ? scope.source.textOf(name) : "?"].join(" ");
}

function convertAssignment(scope: Scope, stmt: SyntaxNode): string | null {
  const { source } = scope;
  const parts = children(stmt);
  const target = parts[0]!;
  const value = parts[parts.length - 1]!;
  if (parts.filter((p) => p.name === "AssignOp").length !== 1 || target.name !== "VariableName") {
    source.report(stmt, `'${source.quote(stmt)}' assigns something other than one name; it is left out.`);
    return null;
  }
  const key = source.textOf(target);
  if (STATIC_NAMES.has(key)) return convertStatic(scope, key, value);
  const fn = value.name === "CallExpression" ? scope.names.resolve(source, value.firstChild!) : null;
  if (fn === "mapped_column" || stmt.getChild("TypeDef")) {
    source.report(stmt, `'${source.quote(stmt)}' is SQLAlchemy 2.0 style, which Retort's model language does not mirror: write ${key} = db.Column(db.Integer, …) with the type and nullable=… spelled out.`);
    return null;
  }
  if (fn === "Column") {
    const column = sqlalchemyCall(scope, value, "Column");
    return column === null ? null : `${key} = ${column};`;
  }
  if (fn === "relationship") {
    const rel = relationshipCall(scope, value, "relationship");
    return rel === null ? null : `${key} = ${rel};`;
  }
  source.report(value, `${key} = ${source.quote(value)} is not a column or a relationship (db.Column(…), db.relationship(…)); it is left out.`);
  return null;
}

function convertStatic(scope: Scope, key: string, value: SyntaxNode): string | null {
  const { source } = scope;
  if (key !== "__table_args__") {
    const v = literal(scope, value);
    const ok = key === "__tablename__" ? v?.startsWith('"') : v === "true" || v === "false";
    if (!ok || v === null) {
      source.report(value, `${key} must be ${key === "__tablename__" ? "a string" : "True or False"}, not '${source.quote(value)}'; it is left out.`);
      return null;
    }
    return `static ${key} = ${v};`;
  }
  const items = value.name === "TupleExpression" || value.name === "ArrayExpression" ? children(value).filter((c) => !["(", ")", "[", "]", ","].includes(c.name)) : [value];
  const args: string[] = [];
  for (const item of items) {
    const fn = item.name === "CallExpression" ? scope.names.resolve(source, item.firstChild!) : null;
    if (fn === null) {
      source.report(item, `__table_args__ entry '${source.quote(item)}' is left out: models.ts takes UniqueConstraint, Index, CheckConstraint, PrimaryKeyConstraint and ForeignKeyConstraint there${item.name === "DictionaryExpression" ? ", not table options" : ""}.`);
      continue;
    }
    const arg = sqlalchemyCall(scope, item, fn);
    if (arg !== null) args.push(arg);
  }
  return args.length === 0 ? null : `static __table_args__ = [\n    ${args.join(",\n    ")},\n  ];`;
}
