// Schema items in a migration script: types, server defaults, sa.Column and the table-level
// constraints, as alembic/autogenerate/render.py writes them, in TypeScript syntax.

import type { CheckConstraint, Column, ForeignKey, PrimaryKey, Table, UniqueConstraint } from "../schema/model";
import { typeShape, type SqlType } from "../schema/types";
import { tsNumber, tsObject, tsString, tsStringArray } from "./literals";

/** `sa.String(64)`, `sa.Numeric(8, 2)`, `sa.Enum("a", "b", { name: "status" })`, `sa.VARCHAR(64)`. */
export function renderType(type: SqlType): string {
  // as sqlalchemy's NullType repr: a column declared without a type reflects as it
  if (type.name === "NULL") return "sa.NullType()";
  return `sa.${type.name}(${typeArgs(type).join(", ")})`;
}

function typeArgs(type: SqlType): string[] {
  switch (typeShape(type.name)) {
    case "none":
      return [];
    case "length":
      return type.length === undefined ? [] : [tsNumber(type.length)];
    case "precisionScale":
      if (type.scale !== undefined) return [type.precision === undefined ? "null" : tsNumber(type.precision), tsNumber(type.scale)];
      return type.precision === undefined ? [] : [tsNumber(type.precision)];
    case "enum": {
      const values = (type.values ?? []).map(tsString);
      return type.enumName === undefined ? values : [...values, tsObject([["name", tsString(type.enumName)]])];
    }
  }
}

const QUOTED_LITERAL = /^'((?:[^']|'')*)'$/s;

/**
 * A server default as Alembic's `_render_server_default`: a TextClause (`isSql`: written as
 * text() or reflected) is always `sa.text("…")`; otherwise a plain quoted SQL string literal is
 * written as the string it stands for (`'0'` -> `"0"`), anything else as `sa.text("…")`.
 */
export function renderServerDefault(sql: string | null, isSql = false): string {
  if (sql === null) return "null";
  if (isSql) return `sa.text(${tsString(sql)})`;
  const literal = QUOTED_LITERAL.exec(sql);
  return literal ? tsString(literal[1]!.replace(/''/g, "'")) : `sa.text(${tsString(sql)})`;
}

const referenceSpec = (table: string, column: string) => `${table}.${column}`;

/** `sa.ForeignKey("roles.id", { name, onDelete })`: a foreign key given inline on an added column. */
export function renderInlineForeignKey(fk: ForeignKey): string {
  const spec = referenceSpec(fk.referredTable, fk.referredColumns[0] ?? "");
  const opts = foreignKeyOptions(fk);
  return `sa.ForeignKey(${[tsString(spec), ...(opts.length > 0 ? [tsObject(opts)] : [])].join(", ")})`;
}

/** As render.py `_render_column`: options in Alembic's order; `nullable` always; autoincrement unless "auto". */
export function renderColumn(column: Column, foreignKeys: readonly ForeignKey[] = []): string {
  const opts: [string, string][] = [];
  if (column.serverDefault !== null) opts.push(["serverDefault", renderServerDefault(column.serverDefault, column.serverDefaultIsSql)]);
  if (column.autoincrement !== "auto") opts.push(["autoincrement", String(column.autoincrement)]);
  opts.push(["nullable", String(column.nullable)]);
  if (column.comment !== null) opts.push(["comment", tsString(column.comment)]);
  const args = [tsString(column.name), renderType(column.type), ...foreignKeys.map(renderInlineForeignKey), tsObject(opts)];
  return `sa.Column(${args.join(", ")})`;
}

function nameOption(name: string | null): [string, string][] {
  return name === null ? [] : [["name", tsString(name)]];
}

function withOptions(args: string[], opts: [string, string][]): string {
  return (opts.length > 0 ? [...args, tsObject(opts)] : args).join(", ");
}

// as render.py `_populate_render_fk_opts`: onupdate before ondelete
function foreignKeyOptions(fk: ForeignKey): [string, string][] {
  const opts = nameOption(fk.name);
  if (fk.onUpdate !== null) opts.push(["onUpdate", tsString(fk.onUpdate)]);
  if (fk.onDelete !== null) opts.push(["onDelete", tsString(fk.onDelete)]);
  return opts;
}

export function renderPrimaryKey(pk: PrimaryKey): string {
  return `sa.PrimaryKeyConstraint(${withOptions(pk.columns.map(tsString), nameOption(pk.name))})`;
}

export function renderUniqueConstraint(uq: UniqueConstraint): string {
  return `sa.UniqueConstraint(${withOptions(uq.columns.map(tsString), nameOption(uq.name))})`;
}

export function renderForeignKeyConstraint(fk: ForeignKey): string {
  const refs = fk.referredColumns.map((c) => referenceSpec(fk.referredTable, c));
  return `sa.ForeignKeyConstraint(${withOptions([tsStringArray(fk.columns), tsStringArray(refs)], foreignKeyOptions(fk))})`;
}

export function renderCheckConstraint(ck: CheckConstraint): string {
  return `sa.CheckConstraint(${withOptions([tsString(ck.sqltext)], nameOption(ck.name))})`;
}

/**
 * The columns, then the constraints sorted as render.py `_add_table` sorts them: by their
 * rendered Python text (so CheckConstraint < ForeignKeyConstraint < PrimaryKeyConstraint <
 * UniqueConstraint, then by arguments). A primary key without columns is not rendered.
 */
export function renderTableItems(table: Table): string[] {
  const constraints: [string, string][] = [
    ...(table.primaryKey && table.primaryKey.columns.length > 0 ? [pkPair(table.primaryKey)] : []),
    ...table.foreignKeys.map((fk): [string, string] => [pyForeignKey(fk), renderForeignKeyConstraint(fk)]),
    ...table.uniqueConstraints.map((uq): [string, string] => [pyUnique(uq), renderUniqueConstraint(uq)]),
    ...table.checkConstraints.map((ck): [string, string] => [pyCheck(ck), renderCheckConstraint(ck)]),
  ];
  constraints.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [...table.columns.map((c) => renderColumn(c)), ...constraints.map(([, text]) => text)];
}

// ---- the Python text Alembic sorts by ---------------------------------------------------------

/** Python's repr() of a str: single quotes unless the text holds a ' and no ". */
function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/[\\\n\r\t]|[\u0000-\u001f\u007f]/g, (c) => {
    const named: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

const pyName = (name: string | null) => (name === null ? [] : [`name=${pyRepr(name)}`]);

function pkPair(pk: PrimaryKey): [string, string] {
  return [`sa.PrimaryKeyConstraint(${[...pk.columns.map(pyRepr), ...pyName(pk.name)].join(", ")})`, renderPrimaryKey(pk)];
}

function pyForeignKey(fk: ForeignKey): string {
  const opts = [...pyName(fk.name)];
  if (fk.onUpdate !== null) opts.push(`onupdate=${pyRepr(fk.onUpdate)}`);
  if (fk.onDelete !== null) opts.push(`ondelete=${pyRepr(fk.onDelete)}`);
  const refs = fk.referredColumns.map((c) => pyRepr(referenceSpec(fk.referredTable, c)));
  return `sa.ForeignKeyConstraint([${fk.columns.map(pyRepr).join(", ")}], [${refs.join(", ")}], ${opts.join(", ")})`;
}

const pyUnique = (uq: UniqueConstraint) => `sa.UniqueConstraint(${[...uq.columns.map(pyRepr), ...pyName(uq.name)].join(", ")})`;
const pyCheck = (ck: CheckConstraint) => `sa.CheckConstraint(${[pyRepr(ck.sqltext), ...pyName(ck.name)].join(", ")})`;
