// One `class X extends db.Model { … }` (or extends an abstract model of the file) -> ModelClass.
// Static members are SQLAlchemy's declarative class attributes; fields are columns and
// relationships. Everything else is reported, and the rest of the class is still read.

import type { ClassDeclaration, ClassProperty, Expression, Node } from "@babel/types";
import { dbCall, dbMember, describe, keyName, readBoolean, readString } from "./ast";
import { readColumn } from "./column-call";
import type { ColumnDef, ModelClass, Named, TableArgDef } from "./ir";
import type { ReadContext } from "./options";
import { hint } from "./report";
import { readTableArgs } from "./table-args";

export interface ClassContext extends ReadContext {
  /** Classes read so far, by name. */
  readonly classes: ReadonlyMap<string, ModelClass>;
  /** Names of every class in the file, to tell "declared later" from "unknown". */
  readonly allClassNames: ReadonlySet<string>;
}

const STATIC_MEMBERS = ["__tablename__", "__abstract__", "__table_args__"];

interface ClassParts {
  abstract: boolean;
  tablename: Named | null;
  tableArgs: TableArgDef[] | null;
  columns: ColumnDef[];
  relationships: Named[];
}

/** The abstract base, null for db.Model, or undefined (reported) when the class cannot be a model. */
function readBase(node: ClassDeclaration, name: string, ctx: ClassContext): ModelClass | null | undefined {
  const sup = node.superClass;
  const fix = `Extend ${ctx.db}.Model or an abstract model class (static __abstract__ = true) of this file.`;
  if (!sup) {
    ctx.report.error(node.id ?? node, `Class '${name}' is not a model: it does not extend ${ctx.db}.Model. ${fix}`);
    return undefined;
  }
  if (dbMember(sup, ctx.db) === "Model") return null;
  if (sup.type === "Identifier") {
    const base = ctx.classes.get(sup.name);
    if (base?.abstract) return base;
    if (base) {
      ctx.report.error(sup, `Class '${name}' extends '${sup.name}', which is not abstract: Retort models have no table inheritance. ${fix}`);
    } else if (ctx.allClassNames.has(sup.name)) {
      ctx.report.error(sup, `Class '${sup.name}' is used before its declaration. Move it above class '${name}'.`);
    } else {
      ctx.report.unlessLost(sup, "error", `Class '${name}' extends '${sup.name}', which is not a model of this file. ${fix}`);
    }
    return undefined;
  }
  ctx.report.error(sup, `Class '${name}' extends ${describe(sup)}. ${fix}`);
  return undefined;
}

function readStatic(key: string, member: ClassProperty, value: Expression, parts: ClassParts, ctx: ClassContext): void {
  if (key === "__tablename__") {
    const s = readString(value);
    if (s === null) ctx.report.error(value, `__tablename__ must be a string literal, not ${describe(value)}.`);
    else parts.tablename = { value: s, node: value };
  } else if (key === "__abstract__") {
    const b = readBoolean(value);
    if (b === null) ctx.report.error(value, `__abstract__ must be true or false, not ${describe(value)}.`);
    else parts.abstract = b;
  } else if (key === "__table_args__") {
    parts.tableArgs = readTableArgs(value, ctx);
  } else {
    ctx.report.error(member.key, `Unknown class attribute 'static ${key}'.${hint(key, STATIC_MEMBERS)}`);
  }
}

/** Arguments of db.relationship / db.backref: never used, but must be static values, not code. */
function checkStatic(node: Node, ctx: ReadContext): void {
  switch (node.type) {
    case "StringLiteral":
    case "NumericLiteral":
    case "BooleanLiteral":
    case "NullLiteral":
    case "Identifier":
      return;
    case "TemplateLiteral":
      if (node.expressions.length === 0) return;
      break;
    case "ArrayExpression":
      for (const e of node.elements) if (e) checkStatic(e, ctx);
      return;
    case "ObjectExpression":
      for (const p of node.properties) {
        if (p.type === "ObjectProperty" && !p.computed) checkStatic(p.value, ctx);
        else ctx.report.error(p, "Spreads, computed keys and methods are not part of the model language. Write each option as `name: value`.");
      }
      return;
    case "CallExpression": {
      const call = dbCall(node, ctx.db);
      if (call?.name === "backref") {
        for (const a of call.args) checkStatic(a, ctx);
        return;
      }
      break;
    }
  }
  ctx.report.error(node, `Relationship options must be literals, not ${describe(node)}: models.ts is read, never run.`);
}

function readField(key: string, member: ClassProperty, value: Expression, parts: ClassParts, ctx: ClassContext): void {
  const call = dbCall(value, ctx.db);
  if (call?.name === "Column") parts.columns.push(readColumn(key, call, ctx));
  else if (call?.name === "relationship") {
    for (const a of call.args) checkStatic(a, ctx);
    const target = call.args[0] ? readString(call.args[0]) : null;
    if (target !== null && call.args[0]) parts.relationships.push({ value: target, node: call.args[0] });
  }
  else if (call) {
    ctx.report.error(call.node.callee, `Unknown model attribute '${ctx.db}.${call.name}'.${hint(call.name, ["Column", "relationship"], (s) => `'${ctx.db}.${s}'`)}`);
  } else {
    ctx.report.error(member.value ?? member, `Field '${key}' must be ${ctx.db}.Column(...) or ${ctx.db}.relationship(...), not ${describe(value)}.`);
  }
}

function readMembers(node: ClassDeclaration, ctx: ClassContext): ClassParts {
  const parts: ClassParts = { abstract: false, tablename: null, tableArgs: null, columns: [], relationships: [] };
  const seen = new Set<string>();
  for (const member of node.body.body) {
    if (member.type !== "ClassProperty") {
      ctx.report.error(member, "Only fields (columns, relationships) and static __tablename__, __table_args__ and __abstract__ belong in a model class: models.ts is read, never run. Remove this member.");
      continue;
    }
    const key = keyName(member.key, member.computed);
    if (key === null) {
      ctx.report.error(member.key, "Computed member names are not part of the model language. Write the name out.");
      continue;
    }
    const id = (member.static ? "static " : "") + key;
    if (seen.has(id)) ctx.report.error(member.key, `Duplicate member '${key}' in class '${node.id?.name ?? ""}'. Remove or rename one of them.`);
    seen.add(id);
    if (!member.value) {
      ctx.report.error(member, `Member '${key}' has no value. Give it one, e.g. ${key} = ${ctx.db}.Column(${ctx.db}.Integer).`);
      continue;
    }
    if (member.static) readStatic(key, member, member.value, parts, ctx);
    else if (STATIC_MEMBERS.includes(key)) ctx.report.error(member.key, `${key} is a class attribute: write it as static ${key} = …;`);
    else readField(key, member, member.value, parts, ctx);
  }
  return parts;
}

/** Reads a class; null when it cannot be a model (already reported). */
export function readClass(node: ClassDeclaration, ctx: ClassContext): ModelClass | null {
  const name = node.id?.name ?? "";
  const base = readBase(node, name, ctx);
  const parts = readMembers(node, ctx);
  if (base === undefined) return null;
  return { name, node, base, ...parts };
}
