// The top level of a migration script (SPEC §2): the `retort` import, the four revision
// identifiers, and the upgrade() and downgrade() functions. Nothing else belongs there.

import type { ExportNamedDeclaration, FunctionDeclaration, Node, Program, VariableDeclaration } from "@babel/types";
import type { MigrateOp } from "../ops/ops";
import { readBody } from "./calls";
import { describeNode, didYouMean, type ScriptReader } from "./reader";
import { readRevisionList, stringValue } from "./values";

export interface ScriptModule {
  revision: string | undefined;
  downRevision: string | string[] | null | undefined;
  branchLabels: string[] | null;
  dependsOn: string[] | null;
  upgradeOps: MigrateOp[] | undefined;
  downgradeOps: MigrateOp[] | undefined;
}

const IDENTIFIERS = ["revision", "downRevision", "branchLabels", "dependsOn"] as const;
const FUNCTIONS = ["upgrade", "downgrade"] as const;
const EXPORTS: readonly string[] = [...IDENTIFIERS, ...FUNCTIONS];
const TOP_LEVEL = "At the top level, a migration script holds only `import { op, sa } from \"retort\"`, the exports revision, downRevision, branchLabels and dependsOn, and the functions upgrade() and downgrade()";

export function readModule(r: ScriptReader, program: Program): ScriptModule {
  const m: ScriptModule = { revision: undefined, downRevision: undefined, branchLabels: null, dependsOn: null, upgradeOps: undefined, downgradeOps: undefined };
  const seen = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === "EmptyStatement") continue;
    if (statement.type === "ImportDeclaration") checkImport(r, statement);
    else if (statement.type === "ExportNamedDeclaration") readExport(r, statement, m, seen);
    else r.error(statement, `${TOP_LEVEL}; found ${statementWords(statement)}.`);
  }
  requireExports(r, program, m, seen);
  return m;
}

function statementWords(node: Node): string {
  if (node.type === "ExpressionStatement") return describeNode(node.expression);
  if (node.type === "ExportDefaultDeclaration") return "a default export";
  if (node.type === "VariableDeclaration" || node.type === "FunctionDeclaration") return "a declaration that is not exported";
  return `a ${node.type}`;
}

function checkImport(r: ScriptReader, statement: Node & { type: "ImportDeclaration" }): void {
  if (statement.source.value !== "retort") {
    r.error(statement, `Only \`import { op, sa } from "retort"\` is allowed in a migration script; found an import from "${statement.source.value}".`);
    return;
  }
  for (const spec of statement.specifiers) {
    const imported = spec.type === "ImportSpecifier" ? (spec.imported.type === "Identifier" ? spec.imported.name : spec.imported.value) : undefined;
    if (imported === undefined || (imported !== "op" && imported !== "sa") || spec.local.name !== imported) {
      r.error(spec, `"retort" gives migration scripts op and sa, imported under those names: \`import { op, sa } from "retort"\`.`);
    }
  }
}

function readExport(r: ScriptReader, statement: ExportNamedDeclaration, m: ScriptModule, seen: Set<string>): void {
  const decl = statement.declaration;
  if (decl?.type === "VariableDeclaration") readIdentifiers(r, decl, m, seen);
  else if (decl?.type === "FunctionDeclaration") readFunction(r, decl, m, seen);
  else r.error(statement, `${TOP_LEVEL}; found ${decl ? `an exported ${decl.type}` : "an export list"}.`);
}

function claim(r: ScriptReader, at: Node, name: string, seen: Set<string>): boolean {
  if (!EXPORTS.includes(name)) {
    r.error(at, `Unknown export '${name}'.${didYouMean(name, EXPORTS) || ` ${TOP_LEVEL}.`}`);
    return false;
  }
  if (seen.has(name)) {
    r.error(at, `'${name}' is exported twice; keep one.`);
    return false;
  }
  seen.add(name);
  return true;
}

function readIdentifiers(r: ScriptReader, decl: VariableDeclaration, m: ScriptModule, seen: Set<string>): void {
  if (decl.kind !== "const") r.error(decl, `Write the revision identifiers with const, not ${decl.kind}.`);
  for (const d of decl.declarations) {
    if (d.id.type !== "Identifier") {
      r.error(d.id, "Export each revision identifier by name: `export const revision = \"…\";`.");
      continue;
    }
    const name = d.id.name;
    if (!claim(r, d.id, name, seen)) continue;
    if (!d.init) {
      r.error(d, `'${name}' needs a value: \`export const ${name} = …;\`.`);
      continue;
    }
    if (name === "revision") {
      m.revision = stringValue(d.init);
      if (m.revision === undefined) r.error(d.init, `The revision must be a string literal such as "9f3a45b61f3d"; found ${describeNode(d.init)}. Scripts are read without running them.`);
    } else if (name === "downRevision") {
      m.downRevision = readRevisionList(r, d.init, "downRevision (null for a first revision)");
    } else if (name === "branchLabels" || name === "dependsOn") {
      const value = readRevisionList(r, d.init, name);
      m[name] = typeof value === "string" ? [value] : (value ?? null);
    } else {
      r.error(d, `${name} is a function: \`export function ${name}() { … }\`.`);
    }
  }
}

function readFunction(r: ScriptReader, decl: FunctionDeclaration, m: ScriptModule, seen: Set<string>): void {
  const name = decl.id?.name ?? "";
  if (!claim(r, decl.id ?? decl, name, seen)) return;
  if (name !== "upgrade" && name !== "downgrade") {
    r.error(decl, `${name} is a value: \`export const ${name} = …;\`.`);
    return;
  }
  if (decl.params.length > 0 || decl.async || decl.generator) {
    r.error(decl, `Write ${name} as a plain function without parameters: \`export function ${name}() { … }\`.`);
  }
  const ops = readBody(r, decl.body, `${name}()`);
  if (name === "upgrade") m.upgradeOps = ops;
  else m.downgradeOps = ops;
}

function requireExports(r: ScriptReader, program: Program, m: ScriptModule, seen: Set<string>): void {
  const at = program.body[0] ?? program;
  const missing: [string, string][] = [
    ["revision", 'The script has no revision. Add `export const revision = "<12 hex digits>";`.'],
    ["downRevision", "The script has no downRevision. Add `export const downRevision = null;` for a first revision, or the id of the revision it follows."],
    ["upgrade", "The script has no upgrade(). Add `export function upgrade() { … }`."],
    ["downgrade", "The script has no downgrade(). Add `export function downgrade() { … }`."],
  ];
  for (const [name, message] of missing) if (!seen.has(name)) r.error(at, message);
}
