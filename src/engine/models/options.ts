// The `{ … }` options objects of db.Column, db.ForeignKey, constraints and SQLAlchemy(). Each call
// declares its options as a table of kinds; unknown keys are errors that name the right spelling
// (`primary_key` -> `primaryKey`), because SQLAlchemy's snake_case is what users type first.

import type { Expression, Node, ObjectExpression } from "@babel/types";
import type { ReferentialAction } from "../schema/model";
import { dbCall, describe, readBoolean, readNumber, readObject, readString } from "./ast";
import { hint, suggest, type Reporter } from "./report";

export type OptionKind = "boolean" | "string" | "nullableString" | "serverDefault" | "clientDefault" | "action" | "object" | "autoincrement";

export interface ReadContext {
  readonly db: string;
  readonly report: Reporter;
}

export type OptionValue = boolean | string | null | ObjectExpression;

type Reader = (value: Expression, key: string, ctx: ReadContext) => OptionValue | undefined;

/** `'it''s'`: as SQLAlchemy's String literal processor quotes a plain-string server_default. */
export const quoteSqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

// as sqlalchemy/sql/compiler.py FK_ON_DELETE / FK_ON_UPDATE: the phrases the DDL compiler accepts
const ACTIONS: readonly ReferentialAction[] = ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"];

function readStringOption(v: Expression, key: string, { report }: ReadContext): string | undefined {
  const s = readString(v);
  if (s === null) report.error(v, `Option '${key}' must be a string literal, not ${describe(v)}.`);
  return s ?? undefined;
}

const READERS = {
  boolean: (v, key, { report }) => {
    const b = readBoolean(v);
    if (b === null) report.error(v, `Option '${key}' must be true or false, not ${describe(v)}.`);
    return b ?? undefined;
  },
  string: readStringOption,
  nullableString: (v, key, ctx) => (v.type === "NullLiteral" ? null : readStringOption(v, key, ctx)),
  serverDefault: readServerDefault,
  clientDefault: (v, key, { report }) => {
    // client-side: never run and never in the schema, so any value is fine except code that would run
    if (v.type === "CallExpression" || v.type === "NewExpression") {
      report.error(v, `Option '${key}' cannot be a function call: models.ts is never run. Pass a literal or a function reference.`);
      return undefined;
    }
    return true;
  },
  action: (v, key, { report }) => {
    const s = readString(v);
    const action = ACTIONS.find((a) => a === s?.toUpperCase());
    if (action === undefined) {
      const shown = s === null ? describe(v) : `'${s}'`;
      report.error(v, `Option '${key}' must be one of ${ACTIONS.map((a) => `"${a}"`).join(", ")}, not ${shown}.`);
    }
    return action;
  },
  autoincrement: (v, key, ctx) => {
    // SQLAlchemy's Column(autoincrement=True | False | "auto")
    if (readString(v) === "auto") return "auto";
    const b = readBoolean(v);
    if (b === null) ctx.report.error(v, `Option '${key}' must be true, false or "auto", not ${describe(v)}.`);
    return b ?? undefined;
  },
  object: (v, key, { report }) => {
    if (v.type === "ObjectExpression") return v;
    report.error(v, `Option '${key}' must be an object literal { … }, not ${describe(v)}.`);
    return undefined;
  },
} as const satisfies Record<OptionKind, Reader>;

/** serverDefault: a string or number becomes a quoted literal; db.text("SQL") is the SQL as written. */
function readServerDefault(v: Expression, key: string, ctx: ReadContext): OptionValue | undefined {
  if (v.type === "NullLiteral") return null;
  const s = readString(v);
  if (s !== null) return quoteSqlString(s);
  const n = readNumber(v);
  if (n !== null) return quoteSqlString(String(n));
  const call = dbCall(v, ctx.db);
  if (call?.name === "text") {
    const sql = call.args.length === 1 ? readString(call.args[0]!) : null;
    if (sql !== null) {
      // as sqlalchemy/dialects/sqlite/base.py get_column_specification: only a ColumnElement is
      // wrapped in parentheses, and text() is a TextClause, so its SQL is emitted verbatim
      return sql;
    }
    ctx.report.error(v, `${ctx.db}.text() takes one string literal: ${ctx.db}.text("CURRENT_TIMESTAMP").`);
    return undefined;
  }
  ctx.report.error(v, `Option '${key}' must be a string, a number or ${ctx.db}.text("SQL"), not ${describe(v)}.`);
  return undefined;
}

export type OptionSpec = Readonly<Record<string, OptionKind>>;

export interface ReadOption {
  readonly value: OptionValue;
  readonly node: Node;
}

/** Reads `{ … }` against `spec`; every unknown key and bad value is reported, the rest is kept. */
export function readOptions(node: Node, spec: OptionSpec, what: string, ctx: ReadContext): Map<string, ReadOption> {
  const found = new Map<string, ReadOption>();
  if (node.type !== "ObjectExpression") {
    ctx.report.error(node, `${what} takes its options as an object literal { … }, not ${describe(node)}.`);
    return found;
  }
  const known = Object.keys(spec);
  for (const e of readObject(node, ctx.report)) {
    const kind = Object.hasOwn(spec, e.key) ? spec[e.key] : undefined;
    if (kind === undefined) {
      const meant = suggest(e.key, known);
      const replacement = meant === undefined ? undefined : e.keyNode.type === "Identifier" ? meant : JSON.stringify(meant);
      ctx.report.error(e.keyNode, `Unknown option '${e.key}'.${hint(e.key, known)}`, replacement);
      continue;
    }
    const value = READERS[kind](e.value, e.key, ctx);
    if (value !== undefined) found.set(e.key, { value, node: e.value });
  }
  return found;
}

export function optBoolean(options: Map<string, ReadOption>, key: string): boolean | undefined {
  const v = options.get(key)?.value;
  return typeof v === "boolean" ? v : undefined;
}

export function optString(options: Map<string, ReadOption>, key: string): string | null | undefined {
  const v = options.get(key)?.value;
  return typeof v === "string" || v === null ? v : undefined;
}
