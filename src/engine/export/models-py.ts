// models.py for an exported Flask project: Flask-SQLAlchemy classes whose MetaData is the one
// the playground's models.ts describes (SPEC §1), so that `flask db migrate` in the exported
// project finds no changes. Written from the parsed schema: every column with its type and
// options, every constraint and index in __table_args__, each name given only as far as the
// naming convention does not already make it.

import type { CheckConstraint, Column, ForeignKey, Index, Table, UniqueConstraint } from "../schema/model";
import { applyNamingConvention, type ConventionKind, type NamingConvention } from "../schema/naming";
import { toRepr } from "../schema/types";
import type { ModelClassNames } from "../models";
import { pyBool, pyList, pyStr } from "./python";

const PY_KEYWORDS = new Set(
  ("False None True and as assert async await break class continue def del elif else except finally for from global if import in " +
    "is lambda nonlocal not or pass raise return try while with yield").split(" "),
);
// names a declarative class already has (flask_sqlalchemy.Model, sqlalchemy's registry)
const MODEL_ATTRIBUTES = new Set(["query", "query_class", "metadata", "registry", "db", "sa"]);

const isPlainName = (name: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !PY_KEYWORDS.has(name);

/** A Python identifier from any name, different from every one in `taken` (which it joins). */
function identifier(raw: string, taken: Set<string>, fallback: string): string {
  let base = raw.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "") || fallback;
  if (/^[0-9]/.test(base)) base = `${fallback}_${base}`;
  if (PY_KEYWORDS.has(base) || MODEL_ATTRIBUTES.has(base)) base = `${base}_`;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

/** The models.ts class name when Python can use it, else one made from the table name. */
function className(table: string, taken: Set<string>, given: string | undefined): string {
  if (given !== undefined && isPlainName(given) && !MODEL_ATTRIBUTES.has(given) && !taken.has(given)) {
    taken.add(given);
    return given;
  }
  const camel = table
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
  return identifier(camel, taken, "Table");
}

const SENTINEL = "\u0000";

function conventionTarget(kind: ConventionKind, table: string, columns: readonly string[], name: string | null, fk?: ForeignKey) {
  return {
    kind,
    table,
    name,
    columns: columns.map((c) => ({ name: c, key: c })),
    ...(fk && { referredTable: fk.referredTable, referredColumns: () => fk.referredColumns }),
  };
}

/** Whether SQLAlchemy, with the convention, gives an unnamed constraint or index this name (null: none). */
function conventionMakes(convention: NamingConvention | null, kind: ConventionKind, table: string, columns: readonly string[], actual: string | null, fk?: ForeignKey): boolean {
  const r = applyNamingConvention(convention, conventionTarget(kind, table, columns, null, fk));
  return r.ok && r.name === actual;
}

/**
 * The `name=` a constraint needs so that SQLAlchemy, with the convention, gives it `actual`:
 * none when the convention makes that name by itself, the name itself when the convention
 * keeps an explicit name, the part the template's %(constraint_name)s stands for, or, failing
 * all, `conv('…')`, which no convention changes.
 */
function nameArgument(convention: NamingConvention | null, kind: ConventionKind, table: string, columns: readonly string[], actual: string | null, fk?: ForeignKey): string | null {
  const gives = (name: string | null) => {
    const r = applyNamingConvention(convention, conventionTarget(kind, table, columns, name, fk));
    return r.ok ? r.name : undefined;
  };
  if (kind !== "ix" && conventionMakes(convention, kind, table, columns, actual, fk)) return null;
  if (actual === null) return null;
  if (gives(actual) === actual) return pyStr(actual);
  const around = gives(SENTINEL)?.split(SENTINEL);
  if (around && around.length === 2 && actual.startsWith(around[0]!) && actual.endsWith(around[1]!)) {
    const inner = actual.slice(around[0]!.length, actual.length - around[1]!.length);
    if (inner !== "" && gives(inner) === actual) return pyStr(inner);
  }
  return `conv(${pyStr(actual)})`;
}

const withName = (args: string[], name: string | null) => (name === null ? args : [...args, `name=${name}`]);

function serverDefault(column: Column): string | null {
  if (column.serverDefault === null) return null;
  const literal = /^'((?:[^']|'')*)'$/s.exec(column.serverDefault);
  if (literal && !column.serverDefaultIsSql) return pyStr(literal[1]!.replace(/''/g, "'"));
  return `db.text(${pyStr(column.serverDefault)})`;
}

interface Rendering {
  readonly convention: NamingConvention | null;
  readonly table: Table;
  /** Said on their column (`index=True`, `unique=True`) rather than in __table_args__. */
  readonly inline: ReadonlySet<Index | UniqueConstraint>;
}

/**
 * The one-column indexes and unique constraints whose names the convention makes by itself, one
 * of each per column, as `index=True` / `unique=True` say them. A column with an index inline
 * keeps its unique constraint in __table_args__: `unique=True, index=True` makes only a unique index.
 */
function inlineItems(convention: NamingConvention | null, table: Table): Set<Index | UniqueConstraint> {
  const inline = new Set<Index | UniqueConstraint>();
  const indexed = new Set<string>();
  for (const ix of table.indexes) {
    const column = ix.columns[0]!;
    if (ix.columns.length !== 1 || indexed.has(column) || !conventionMakes(convention, "ix", table.name, ix.columns, ix.name)) continue;
    inline.add(ix);
    indexed.add(column);
  }
  const unique = new Set<string>();
  for (const uq of table.uniqueConstraints) {
    const column = uq.columns[0]!;
    if (uq.columns.length !== 1 || indexed.has(column) || unique.has(column) || !conventionMakes(convention, "uq", table.name, uq.columns, uq.name)) continue;
    inline.add(uq);
    unique.add(column);
  }
  return inline;
}

function foreignKeyOptions(r: Rendering, fk: ForeignKey): string[] {
  const opts: string[] = [];
  const name = nameArgument(r.convention, "fk", r.table.name, fk.columns, fk.name, fk);
  if (name !== null) opts.push(`name=${name}`);
  if (fk.onDelete !== null) opts.push(`ondelete=${pyStr(fk.onDelete)}`);
  if (fk.onUpdate !== null) opts.push(`onupdate=${pyStr(fk.onUpdate)}`);
  return opts;
}

const inlineForeignKeys = (table: Table) => table.foreignKeys.filter((fk) => fk.columns.length === 1);

/** Whether the primary key is said by `primary_key=True` on its columns (unnamed, in column order). */
function isInlinePrimaryKey(r: Rendering): boolean {
  const pk = r.table.primaryKey;
  if (!pk || pk.columns.length === 0) return true;
  const inOrder = r.table.columns.filter((c) => pk.columns.includes(c.name)).map((c) => c.name);
  return inOrder.join("\0") === pk.columns.join("\0") && nameArgument(r.convention, "pk", r.table.name, pk.columns, pk.name) === null;
}

function columnLine(r: Rendering, column: Column, attribute: string): string {
  const args: string[] = attribute === column.name ? [] : [pyStr(column.name)];
  args.push(`db.${toRepr(column.type)}`);
  for (const fk of inlineForeignKeys(r.table).filter((f) => f.columns[0] === column.name)) {
    args.push(`db.ForeignKey(${[pyStr(`${fk.referredTable}.${fk.referredColumns[0] ?? ""}`), ...foreignKeyOptions(r, fk)].join(", ")})`);
  }
  const isPk = r.table.primaryKey?.columns.includes(column.name) ?? false;
  if (isPk && isInlinePrimaryKey(r)) args.push("primary_key=True");
  const index = r.table.indexes.find((ix) => r.inline.has(ix) && ix.columns[0] === column.name);
  if (index || r.table.uniqueConstraints.some((uq) => r.inline.has(uq) && uq.columns[0] === column.name)) {
    if (!index || index.unique) args.push("unique=True");
    if (index) args.push("index=True");
  }
  // SQLAlchemy: nullable unless part of the primary key
  if (column.nullable === isPk) args.push(`nullable=${pyBool(column.nullable)}`);
  const dflt = serverDefault(column);
  if (dflt !== null) args.push(`server_default=${dflt}`);
  if (column.autoincrement !== "auto") args.push(`autoincrement=${pyBool(column.autoincrement)}`);
  if (column.comment !== null) args.push(`comment=${pyStr(column.comment)}`);
  return `    ${attribute} = db.Column(${args.join(", ")})`;
}

function tableArgs(r: Rendering): string[] {
  const t = r.table;
  const items: string[] = [];
  const pk = t.primaryKey;
  if (pk && pk.columns.length > 0 && !isInlinePrimaryKey(r)) {
    items.push(`db.PrimaryKeyConstraint(${withName(pk.columns.map(pyStr), nameArgument(r.convention, "pk", t.name, pk.columns, pk.name)).join(", ")})`);
  }
  for (const fk of t.foreignKeys.filter((f) => f.columns.length !== 1)) {
    const refs = fk.referredColumns.map((c) => `${fk.referredTable}.${c}`);
    items.push(`db.ForeignKeyConstraint(${[pyList(fk.columns), pyList(refs), ...foreignKeyOptions(r, fk)].join(", ")})`);
  }
  const outside = <T extends Index | UniqueConstraint>(items: readonly T[]) => items.filter((item) => !r.inline.has(item));
  items.push(...outside(t.uniqueConstraints).map((uq) => unique(r, uq)), ...t.checkConstraints.map((ck) => check(r, ck)), ...outside(t.indexes).map((ix) => index(r, ix)));
  return items;
}

const unique = (r: Rendering, uq: UniqueConstraint) =>
  `db.UniqueConstraint(${withName(uq.columns.map(pyStr), nameArgument(r.convention, "uq", r.table.name, uq.columns, uq.name)).join(", ")})`;

const check = (r: Rendering, ck: CheckConstraint) =>
  `db.CheckConstraint(${withName([pyStr(ck.sqltext)], nameArgument(r.convention, "ck", r.table.name, [], ck.name)).join(", ")})`;

function index(r: Rendering, ix: Index): string {
  // an Index always carries its name; only a %(constraint_name)s template changes it
  const name = nameArgument(r.convention, "ix", r.table.name, ix.columns, ix.name) ?? pyStr(ix.name);
  return `db.Index(${[name, ...ix.columns.map(pyStr), ...(ix.unique ? ["unique=True"] : [])].join(", ")})`;
}

function modelClass(r: Rendering, classNames: Set<string>, given: ModelClassNames | undefined): string[] {
  const attributes = new Set<string>();
  const lines = [`class ${className(r.table.name, classNames, given?.className)}(db.Model):`, `    __tablename__ = ${pyStr(r.table.name)}`];
  const args = tableArgs(r);
  if (args.length > 0) lines.push("    __table_args__ = (", ...args.map((a) => `        ${a},`), "    )");
  lines.push("");
  for (const column of r.table.columns) {
    // the models.ts attribute, else the column name, when Python can use it
    const wanted = [given?.attributes[column.name], column.name].find(
      (a): a is string => a !== undefined && isPlainName(a) && !MODEL_ATTRIBUTES.has(a) && !attributes.has(a),
    );
    if (wanted !== undefined) attributes.add(wanted);
    lines.push(columnLine(r, column, wanted ?? identifier(given?.attributes[column.name] ?? column.name, attributes, "column")));
  }
  return lines;
}

function conventionArgument(convention: NamingConvention | null): string {
  if (!convention || Object.keys(convention).length === 0) return "";
  const entries = Object.entries(convention).map(([k, v]) => `    ${pyStr(k)}: ${pyStr(v ?? "")},`);
  return ["metadata=MetaData(naming_convention={", ...entries, "})"].join("\n");
}

/**
 * models.py: `db` and one class per table, in the playground's table order, named as models.ts
 * names the class and its attributes (`classes`) where Python allows.
 */
export function renderModelsPy(tables: readonly Table[], convention: NamingConvention | null, classes: readonly ModelClassNames[] = []): string {
  const classNames = new Set<string>();
  const rendered = tables.map((table) => {
    const r = { convention, table, inline: inlineItems(convention, table) };
    return modelClass(r, classNames, classes.find((c) => c.table === table.name)).join("\n");
  });
  const body = rendered.join("\n\n\n");
  const needsConv = body.includes("conv(");
  const metadata = conventionArgument(convention);
  const header = [
    "from flask_sqlalchemy import SQLAlchemy",
    ...(metadata !== "" ? ["from sqlalchemy import MetaData"] : []),
    ...(needsConv ? ["from sqlalchemy.sql.elements import conv"] : []),
    "",
    `db = SQLAlchemy(${metadata})`,
  ];
  return `${[...header, ...(body === "" ? [] : ["", "", body])].join("\n")}\n`;
}
