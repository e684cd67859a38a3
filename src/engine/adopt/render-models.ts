// A reflected schema as the models.ts of SPEC §1, written so that parsing it gives back what
// reflection gave: every constraint and index is named as the database names it (no naming
// convention is declared, so that no name is derived), columns keep their exact names, and what
// the model language cannot say is a comment next to the nearest form (see quirks.ts).

import type { Column, ForeignKey, Table, Schema } from "../schema/model";
import type { SqlType } from "../schema/types";
import { tsString } from "../render/literals";
import type { Quirk } from "./quirks";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// names a class field cannot take without meaning something else to SQLAlchemy or to the parser
const RESERVED_ATTRIBUTES = new Set(["metadata", "query", "registry", "constructor", "prototype", "__tablename__", "__table_args__", "__abstract__"]);

/** The generic type of SPEC §1 that emits a reflected type's DDL, or its upper-case SQLAlchemy name. */
export function typeSource(type: SqlType): string {
  const len = type.length === undefined ? "" : `(${type.length})`;
  const ps = type.precision === undefined ? "" : type.scale === undefined ? `(${type.precision})` : `(${type.precision}, ${type.scale})`;
  switch (type.name) {
    case "INTEGER":
      return "db.Integer";
    case "BIGINT":
      return "db.BigInteger";
    case "SMALLINT":
      return "db.SmallInteger";
    case "VARCHAR":
      return `db.String${len}`;
    case "TEXT":
      return `db.Text${len}`;
    case "BOOLEAN":
      return "db.Boolean";
    case "FLOAT":
      return "db.Float";
    case "NUMERIC":
    case "DECIMAL":
      return `db.Numeric${ps}`;
    case "DATE":
      return "db.Date";
    case "DATETIME":
      return "db.DateTime";
    case "TIME":
      return "db.Time";
    case "BLOB":
    case "NULL":
      return "db.LargeBinary";
    case "JSON":
      return "db.JSON";
    case "CHAR":
    case "NCHAR":
    case "NVARCHAR":
      return `db.${type.name}${len}`;
    default:
      return `db.${type.name}`;
  }
}

function attributeName(name: string, taken: Set<string>): string {
  let base = IDENTIFIER.test(name) && !RESERVED_ATTRIBUTES.has(name) ? name : name.replace(/[^\w$]/g, "_").replace(/^(?=\d)/, "_");
  if (base === "" || RESERVED_ATTRIBUTES.has(base)) base = `${base}_`;
  let attr = base;
  for (let n = 2; taken.has(attr); n++) attr = `${base}_${n}`;
  taken.add(attr);
  return attr;
}

function className(table: string, taken: Set<string>): string {
  const words = table.split(/[^A-Za-z0-9]+/).filter((w) => w !== "");
  let base = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("") || "Table";
  if (/^\d/.test(base)) base = `T${base}`;
  if (base === "SQLAlchemy" || base === "db") base = `${base}Table`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

const strings = (names: readonly string[]) => names.map(tsString).join(", ");
const nameOption = (name: string | null) => (name === null ? "" : `, { name: ${tsString(name)} }`);

function fkOptions(fk: ForeignKey): string {
  const opts = [fk.onDelete && `onDelete: ${tsString(fk.onDelete)}`, fk.onUpdate && `onUpdate: ${tsString(fk.onUpdate)}`, fk.name !== null && `name: ${tsString(fk.name)}`].filter(Boolean);
  return opts.length > 0 ? `, { ${opts.join(", ")} }` : "";
}

const referred = (fk: ForeignKey, i: number) => `${fk.referredTable}.${fk.referredColumns[i] ?? ""}`;

interface TablePlan {
  readonly inlineFk: Map<string, ForeignKey>;
  readonly inlineUnique: Set<string>;
  readonly inlinePk: boolean;
}

/**
 * SQLAlchemy reads "a.b.c" as schema.table.column, so a foreign key whose referred table or
 * column holds a "." has no string form in models.ts.
 */
export const isWritableForeignKey = (fk: ForeignKey) => !fk.referredTable.includes(".") && fk.referredColumns.every((c) => !c.includes("."));

function planTable(t: Table): TablePlan {
  const inlineFk = new Map<string, ForeignKey>();
  for (const fk of t.foreignKeys.filter(isWritableForeignKey)) {
    if (fk.columns.length === 1 && !inlineFk.has(fk.columns[0]!)) inlineFk.set(fk.columns[0]!, fk);
  }
  const inlineUnique = new Set<string>();
  for (const u of t.uniqueConstraints) if (u.name === null && u.columns.length === 1) inlineUnique.add(u.columns[0]!);
  const pk = t.primaryKey;
  // a key in column order, unnamed, is what `primaryKey: true` on its columns declares
  const order = t.columns.filter((c) => pk?.columns.includes(c.name)).map((c) => c.name);
  const inlinePk = pk !== null && pk.name === null && order.every((c, i) => c === pk.columns[i]);
  return { inlineFk, inlineUnique, inlinePk };
}

function columnSource(t: Table, c: Column, attr: string, plan: TablePlan): string {
  const args: string[] = [];
  if (attr !== c.name) args.push(tsString(c.name));
  args.push(typeSource(c.type));
  const fk = plan.inlineFk.get(c.name);
  if (fk) args.push(`db.ForeignKey(${tsString(referred(fk, 0))}${fkOptions(fk)})`);
  const opts: string[] = [];
  const inKey = t.primaryKey?.columns.includes(c.name) ?? false;
  if (inKey && plan.inlinePk) opts.push("primaryKey: true");
  // A key column is NOT NULL by default in SQLAlchemy, but SQLite's `id INTEGER PRIMARY KEY` does not
  // say NOT NULL (PRAGMA table_info reads notnull 0): the model says what the database says.
  const saysNullable = inKey ? !plan.inlinePk || c.nullable : !c.nullable;
  if (saysNullable) opts.push(`nullable: ${c.nullable}`);
  if (plan.inlineUnique.has(c.name)) opts.push("unique: true");
  if (c.serverDefault !== null) opts.push(`serverDefault: db.text(${tsString(c.serverDefault)})`);
  if (opts.length > 0) args.push(`{ ${opts.join(", ")} }`);
  return `  ${attr} = db.Column(${args.join(", ")});`;
}

function tableArgs(t: Table, plan: TablePlan): string[] {
  const args: string[] = [];
  if (t.primaryKey && !plan.inlinePk) args.push(`db.PrimaryKeyConstraint(${strings(t.primaryKey.columns)}${nameOption(t.primaryKey.name)})`);
  for (const u of t.uniqueConstraints) {
    if (!(u.name === null && u.columns.length === 1)) args.push(`db.UniqueConstraint(${strings(u.columns)}${nameOption(u.name)})`);
  }
  for (const i of t.indexes) args.push(`db.Index(${tsString(i.name)}, ${strings(i.columns)}${i.unique ? ", { unique: true }" : ""})`);
  for (const fk of t.foreignKeys.filter(isWritableForeignKey)) {
    if (plan.inlineFk.get(fk.columns[0]!) === fk) continue;
    args.push(`db.ForeignKeyConstraint([${strings(fk.columns)}], [${strings(fk.columns.map((_, i) => referred(fk, i)))}]${fkOptions(fk)})`);
  }
  for (const ck of t.checkConstraints) args.push(`db.CheckConstraint(${tsString(ck.sqltext)}${nameOption(ck.name)})`);
  return args;
}

const commentLines = (text: string, indent: string) => `${indent}// ${text.replace(/\s*\n\s*/g, " ")}`;

function classSource(t: Table, cls: string, quirks: readonly Quirk[]): string {
  const plan = planTable(t);
  const lines = quirks.map((q) => commentLines(q.comment, ""));
  const keyed: Table = t.primaryKey === null ? { ...t, primaryKey: { name: null, columns: t.columns.map((c) => c.name) } } : t;
  const keyedPlan = t.primaryKey === null ? planTable(keyed) : plan;
  lines.push(`export class ${cls} extends db.Model {`, `  static __tablename__ = ${tsString(t.name)};`);
  const args = tableArgs(keyed, keyedPlan);
  if (args.length > 0) lines.push("  static __table_args__ = [", ...args.map((a) => `    ${a},`), "  ];");
  const taken = new Set<string>();
  for (const c of t.columns) lines.push(columnSource(keyed, c, attributeName(c.name, taken), keyedPlan));
  lines.push("}");
  return lines.join("\n");
}

/** models.ts for `schema`; `quirks` become comments above their table's class, or in the header. */
export function renderModels(schema: Schema, quirks: readonly Quirk[], source: string): string {
  const classes = new Set<string>();
  const header = [
    `// Generated by Retort from ${source.replace(/\s+/g, " ")}: one class per table of the database.`,
    "// Constraint and index names are the database's own, so no naming convention is declared.",
    ...quirks.filter((q) => q.table === null).map((q) => commentLines(q.comment, "")),
  ];
  const body = schema.tables.map((t) => classSource(t, className(t.name, classes), quirks.filter((q) => q.table === t.name)));
  return [`import { SQLAlchemy } from "retort";`, header.join("\n"), "const db = new SQLAlchemy();", ...body].join("\n\n") + "\n";
}
