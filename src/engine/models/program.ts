// The top level of models.ts: the import, the one SQLAlchemy instance, and the model classes.
// Anything else would need running the file, so it is reported where it was typed.

import type { ClassDeclaration, Statement } from "@babel/types";
import { readClass, type ClassContext } from "./class-reader";
import { readInstance, sqlalchemyInstance, type Instance } from "./instance";
import type { ModelClass } from "./ir";
import { hint, type Reporter } from "./report";

const NOT_RUN = "models.ts is read, never run";

function checkImport(s: Statement & { type: "ImportDeclaration" }, report: Reporter): void {
  const only = s.specifiers.length === 1 ? s.specifiers[0] : undefined;
  const isSqlalchemy =
    s.source.value === "retort" && s.importKind !== "type" && only?.type === "ImportSpecifier" &&
    only.imported.type === "Identifier" && only.imported.name === "SQLAlchemy" && only.local.name === "SQLAlchemy";
  if (!isSqlalchemy) {
    // an error, not a warning: nothing imported could be used, since the file is never run
    report.error(s, `Only \`import { SQLAlchemy } from "retort";\` is allowed: ${NOT_RUN}, so other modules cannot be used. Remove this import.`);
  }
}

/** Why a statement is not part of the language, in the user's terms. */
function statementMessage(s: Statement): string {
  if (/^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(s.type)) return `Loops are not part of the model language: ${NOT_RUN}. Write each class out.`;
  if (s.type === "ExpressionStatement" && s.expression.type === "CallExpression") return `Function calls are not part of the model language: ${NOT_RUN}. Remove this call.`;
  if (s.type === "FunctionDeclaration") return `Functions are not part of the model language: ${NOT_RUN}. Remove this function.`;
  return `Only the SQLAlchemy import, one \`const db = new SQLAlchemy()\` and model classes belong in models.ts (${NOT_RUN}). Remove this statement.`;
}

interface TopLevel {
  readonly classes: ClassDeclaration[];
  instance: Instance | null;
}

function classOrVariable(s: Statement, top: TopLevel, report: Reporter): boolean {
  if (s.type === "ClassDeclaration") top.classes.push(s);
  else if (s.type === "VariableDeclaration") {
    const found = sqlalchemyInstance(s);
    if (!found) report.error(s, `Only the SQLAlchemy instance (const db = new SQLAlchemy();) may be declared at the top level: ${NOT_RUN}, so other variables cannot be used. Remove this declaration.`);
    else if (top.instance) {
      const line = top.instance.node.loc?.start.line ?? 1;
      report.error(found.node, `Only one SQLAlchemy instance is allowed: '${top.instance.db}' is already defined on line ${line}. Remove this one and use '${top.instance.db}'.`);
    } else top.instance = readInstance(found.id.name, found.args, found.node, report);
  } else return false;
  return true;
}

function collect(statements: readonly Statement[], report: Reporter): TopLevel {
  const top: TopLevel = { classes: [], instance: null };
  for (const s of statements) {
    if (s.type === "ImportDeclaration") checkImport(s, report);
    else if (s.type === "EmptyStatement" || classOrVariable(s, top, report)) continue;
    else if (s.type === "ExportNamedDeclaration" && s.declaration && classOrVariable(s.declaration, top, report)) continue;
    else report.error(s, statementMessage(s));
  }
  return top;
}

export interface Program {
  readonly instance: Instance | null;
  /** Every model class that could be read, abstract ones included, in file order. */
  readonly classes: readonly ModelClass[];
}

/** Reads the statements, then the classes in file order. */
export function readProgram(statements: readonly Statement[], report: Reporter): Program {
  const top = collect(statements, report);
  const db = top.instance?.db ?? "db";
  const first = top.classes[0];
  if (!top.instance && first) {
    report.unlessLost(first.superClass ?? first, "error", `'${db}' is not defined. Declare the SQLAlchemy instance first: const ${db} = new SQLAlchemy();`);
  }
  const classes = new Map<string, ModelClass>();
  const ctx: ClassContext = { db, report, classes, allClassNames: new Set(top.classes.map((c) => c.id?.name ?? "")) };
  for (const node of top.classes) {
    const name = node.id?.name ?? "";
    // Babel already reports "Identifier 'A' has already been declared"; the first class stands
    if (classes.has(name)) continue;
    const cls = readClass(node, ctx);
    if (cls) classes.set(name, cls);
  }
  checkRelationships([...classes.values()], report);
  return { instance: top.instance, classes: [...classes.values()] };
}

/**
 * `flask db migrate` never configures the mappers, so a relationship to a missing class passes
 * it and fails only when the models are first used: a warning, in SQLAlchemy's words.
 */
function checkRelationships(classes: readonly ModelClass[], report: Reporter): void {
  const mapped = new Set(classes.filter((c) => !c.abstract).map((c) => c.name));
  for (const cls of classes) {
    for (const r of cls.relationships) {
      if (mapped.has(r.value)) continue;
      report.unlessLost(r.node, "warning", `When initializing mapper mapped class ${cls.name}, expression '${r.value}' failed to locate a name ('${r.value}'): no model class of this file is called '${r.value}'. SQLAlchemy fails when the models are first used.${hint(r.value, [...mapped])}`);
    }
  }
}

