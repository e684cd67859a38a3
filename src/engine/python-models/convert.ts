// A pasted Flask-SQLAlchemy models.py -> models.ts (SPEC §1), through @lezer/python's syntax tree:
// the model classes in their order, the naming convention of SQLAlchemy(metadata=MetaData(…)),
// and comments. Whatever has no models.ts spelling is a problem with its line, never a guess.

import { convertClass } from "./classes";
import { splitArgs, type Scope } from "./expressions";
import { Names } from "./names";
import { children, PythonSource, stringValue, type Problem, type SyntaxNode } from "./source";

export type { Problem } from "./source";

export interface ConvertedModels {
  /** models.ts: parses with no diagnostics when `problems` is empty. */
  readonly text: string;
  /** What could not be converted, in the order of the lines. */
  readonly problems: readonly Problem[];
}

export function convertModelsPy(python: string): ConvertedModels {
  const source = new PythonSource(python);
  const scope: Scope = { source, names: new Names() };
  reportSyntaxErrors(source);
  const statements = children(source.tree.topNode);
  const assigned = new Map<string, SyntaxNode>();
  let convention: [string, string][] | null = null;
  for (const s of statements) {
    if (s.name === "ImportStatement") scope.names.addImport(source, s);
    const [target, op, value] = children(s);
    if (s.name !== "AssignStatement" || target?.name !== "VariableName" || op?.name !== "AssignOp" || !value) continue;
    assigned.set(source.textOf(target), value);
    if (value.name === "CallExpression" && scope.names.resolve(source, value.firstChild!) === "SQLAlchemy") {
      scope.names.addInstance(source.textOf(target));
      convention = readInstance(scope, value, assigned);
    }
  }
  // a pasted fragment of classes without its `db = SQLAlchemy()` line: Flask-SQLAlchemy's usual name
  if (!scope.names.hasInstance) scope.names.addInstance("db");
  const models = new Set<string>();
  const blocks: string[] = [];
  let comments: string[] = [];
  for (const s of statements) {
    if (s.name === "Comment") comments.push(`// ${source.textOf(s).replace(/^#\s?/, "")}`);
    else if (s.name === "ClassDefinition") {
      const name = source.textOf(s.getChild("VariableName")!);
      const base = modelBase(scope, s, models);
      if (base === null) {
        source.report(s, `Class ${name} is not a model (it does not derive from db.Model); it is left out.`);
      } else {
        models.add(name);
        blocks.push([...comments, convertClass(scope, s, name, base)].join("\n"));
      }
      comments = [];
    } else if (isTable(scope, s)) {
      source.report(s, `'${source.quote(s)}' is a db.Table, which Retort's model language does not have: write it as a model class with __tablename__ and its columns (primary_key=True on each column of the key). It is left out.`);
      comments = [];
    } else {
      if (!isQuiet(scope, s)) source.report(s, `'${source.quote(s)}' is not part of the models; it is left out.`);
      comments = [];
    }
  }
  const header = `import { SQLAlchemy } from "retort";\n\nconst db = new SQLAlchemy(${renderConvention(convention)});\n`;
  const problems = [...source.problems].sort((a, b) => a.line - b.line || a.column - b.column);
  return { text: `${header}\n${blocks.join("\n\n")}\n`, problems };
}

function reportSyntaxErrors(source: PythonSource): void {
  const lines = new Set<number>();
  source.tree.iterate({
    enter: (n) => {
      if (!n.type.isError) return;
      const { line, column } = source.position(n.from);
      if (lines.has(line)) return;
      lines.add(line);
      source.problems.push({ line, column, message: "Python syntax error here: fix it (or paste the whole file) so that the models around it can be read." });
    },
  });
}

/** `tags = db.Table("post_tags", db.Column(…), …)`: an association table without a class. */
function isTable(scope: Scope, s: SyntaxNode): boolean {
  const value = s.name === "AssignStatement" ? s.lastChild : null;
  return value?.name === "CallExpression" && scope.names.resolve(scope.source, value.firstChild!) === "Table";
}

/** Statements of a models.py that are expected and carry nothing for models.ts. */
function isQuiet(scope: Scope, s: SyntaxNode): boolean {
  if (s.name === "ImportStatement" || s.name === "PassStatement") return true;
  if (s.name === "ExpressionStatement") return stringValue(scope.source, s.firstChild!) !== null;
  if (s.name !== "AssignStatement") return false;
  const value = s.lastChild!;
  // the SQLAlchemy() instance and what it was built from (a MetaData, a convention dict)
  if (value.name === "DictionaryExpression") return true;
  const fn = value.name === "CallExpression" ? scope.names.resolve(scope.source, value.firstChild!) : null;
  return fn === "SQLAlchemy" || fn === "MetaData";
}

function modelBase(scope: Scope, cls: SyntaxNode, models: ReadonlySet<string>): string | null {
  const { source } = scope;
  const bases = children(cls.getChild("ArgList") ?? cls).filter((c) => c.name === "VariableName" || c.name === "MemberExpression");
  const base = bases.find((b) => scope.names.resolve(source, b) === "Model" || models.has(source.textOf(b)));
  if (!base) return null;
  for (const other of bases) {
    if (other !== base) source.report(other, `Base class ${source.textOf(other)} is left out: Retort models derive from db.Model (or an abstract model of the file) only.`);
  }
  return models.has(source.textOf(base)) ? source.textOf(base) : "db.Model";
}

/** SQLAlchemy(app, metadata=MetaData(naming_convention={…})), through variables if need be. */
function readInstance(scope: Scope, call: SyntaxNode, assigned: ReadonlyMap<string, SyntaxNode>): [string, string][] | null {
  const { source } = scope;
  const deref = (n: SyntaxNode) => (n.name === "VariableName" ? assigned.get(source.textOf(n)) ?? n : n);
  const metadata = splitArgs(scope, call.lastChild!)?.keywords.find((k) => k.key === "metadata");
  if (!metadata) return null;
  const meta = deref(metadata.value);
  const isMetaData = meta.name === "CallExpression" && scope.names.resolve(source, meta.firstChild!) === "MetaData";
  const naming = isMetaData ? splitArgs(scope, meta.lastChild!)?.keywords.find((k) => k.key === "naming_convention") : undefined;
  if (!naming) {
    if (!isMetaData) source.report(metadata.value, `metadata=${source.quote(metadata.value)} cannot be read: write metadata=MetaData(naming_convention={…}).`);
    return null;
  }
  const dict = deref(naming.value);
  if (dict.name !== "DictionaryExpression") {
    source.report(naming.value, `naming_convention=${source.quote(naming.value)} cannot be read: write the dict out, {"ix": "ix_%(column_0_label)s", …}.`);
    return null;
  }
  const entries: [string, string][] = [];
  const items = children(dict).filter((c) => !["{", "}", ",", ":"].includes(c.name));
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = stringValue(source, items[i]!);
    const value = stringValue(source, items[i + 1]!);
    if (key === null || value === null) source.report(items[i]!, `Naming convention entry '${source.quote(items[i]!)}' is left out: models.ts takes string keys ("ix", "uq", "ck", "fk", "pk") and string templates.`);
    else entries.push([key, value]);
  }
  return entries;
}

function renderConvention(entries: readonly [string, string][] | null): string {
  if (entries === null || entries.length === 0) return "";
  const keys = entries.map(([k, v]) => `    ${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${JSON.stringify(v)},`);
  return `{\n  namingConvention: {\n${keys.join("\n")}\n  },\n}`;
}
