// `sa.Column(…)` and `op.createTable(…)` read back into a Column and a Table. Hand-written
// scripts may also mark columns `{ primaryKey: true, unique: true }`, as SQLAlchemy allows.

import type { Node } from "@babel/types";
import { column, emptyTable, type CheckConstraint, type Column, type ForeignKey, type Table, type UniqueConstraint } from "../schema/model";
import { describeNode, memberCall, unwrap, type ScriptReader } from "./reader";
import { isSqlTextDefault, readActions, readInlineForeignKey, readServerDefault, readSqlText, readType, splitReference } from "./schema-items";
import { option, readBoolean, readOptions, readString, readStringList, readStringOrNull } from "./values";

export interface ReadColumn {
  readonly column: Column;
  readonly foreignKeys: ForeignKey[];
  readonly primaryKey: boolean;
  readonly unique: boolean;
  /** false when the script gives `nullable`; a primary key's columns then keep it. */
  readonly nullableImplicit: boolean;
}

const COLUMN_OPTIONS = ["nullable", "serverDefault", "autoincrement", "comment", "primaryKey", "unique", "index", "default"];

function readAutoincrement(r: ScriptReader, node: Node): boolean | "auto" | undefined {
  const n = unwrap(node);
  if (n.type === "StringLiteral" && n.value === "auto") return "auto";
  if (n.type === "BooleanLiteral") return n.value;
  return r.error(node, `Expected autoincrement as true, false or "auto"; found ${describeNode(node)}.`);
}

/** `sa.Column("name", sa.Type(), sa.ForeignKey(…)…, { options })`. */
export function readColumn(r: ScriptReader, node: Node, where: "createTable" | "addColumn"): ReadColumn | undefined {
  const n = unwrap(node);
  const call = memberCall(n);
  if (n.type !== "CallExpression" || call?.object !== "sa" || call.method !== "Column") {
    return r.error(node, `Expected sa.Column("name", sa.Type(), { … }); found ${describeNode(node)}.`);
  }
  const [nameNode, typeNode, ...rest] = n.arguments;
  if (!nameNode || !typeNode) return r.error(n, 'sa.Column needs a name and a type: sa.Column("email", sa.String(120)).');
  const name = readString(r, nameNode, "the column name");
  const type = readType(r, typeNode);
  const last = rest[rest.length - 1];
  const optsNode = last && unwrap(last).type === "ObjectExpression" ? last : undefined;
  const fkNodes = optsNode ? rest.slice(0, -1) : rest;
  const opts = optsNode ? readOptions(r, optsNode, COLUMN_OPTIONS, "sa.Column") : new Map<string, Node>();
  if (name === undefined || type === undefined || !opts) return undefined;
  const foreignKeys = fkNodes.map((fk) => readColumnArgument(r, fk, name)).filter((fk): fk is ForeignKey => fk !== undefined);
  const flag = (key: string) => option(opts, key, (v) => readBoolean(r, v, `the '${key}' option`)) ?? false;
  const primaryKey = flag("primaryKey");
  const unique = flag("unique");
  checkColumnOptions(r, opts, where);
  const nullable = option(opts, "nullable", (v) => readBoolean(r, v, "the 'nullable' option")) ?? !primaryKey;
  const serverDefault = option(opts, "serverDefault", (v) => readServerDefault(r, v, "the server default")) ?? null;
  const autoincrement = option(opts, "autoincrement", (v) => readAutoincrement(r, v)) ?? "auto";
  const comment = option(opts, "comment", (v) => readStringOrNull(r, v, "the comment")) ?? null;
  const nullableImplicit = !opts.has("nullable");
  const serverDefaultIsSql = serverDefault !== null && isSqlTextDefault(opts.get("serverDefault")) ? { serverDefaultIsSql: true as const } : {};
  const col = column(name, type, { nullable, serverDefault, ...serverDefaultIsSql, autoincrement, comment });
  return { column: col, foreignKeys, primaryKey, unique, nullableImplicit };
}

function readColumnArgument(r: ScriptReader, node: Node, columnName: string): ForeignKey | undefined {
  const call = memberCall(node);
  if (call?.object === "sa" && call.method === "ForeignKey") return readInlineForeignKey(r, node, columnName);
  return r.error(node, `After the type, sa.Column takes sa.ForeignKey(…) and then { options }; found ${describeNode(node)}.`);
}

function checkColumnOptions(r: ScriptReader, opts: Map<string, Node>, where: "createTable" | "addColumn"): void {
  const index = opts.get("index");
  if (index) r.error(index, "The option 'index' is not read in migration scripts. Create the index with op.createIndex(…) after the table.");
  const dflt = opts.get("default");
  if (dflt) r.warn(dflt, "'default' is a client-side default: it has no effect on the schema and is ignored here.");
  if (where !== "addColumn") return;
  for (const key of ["primaryKey", "unique"]) {
    const node = opts.get(key);
    if (node) r.error(node, `addColumn cannot add a column with '${key}'. Add the column, then a constraint (createUniqueConstraint), in a batchAlterTable block.`);
  }
}

type TableParts = { table: Table; pkFromColumns: string[]; implicitNullable: Set<string> };

/** `op.createTable("name", sa.Column(…)…, sa.PrimaryKeyConstraint(…)…)`. */
export function readTable(r: ScriptReader, nameNode: Node, items: readonly Node[]): Table | undefined {
  const name = readString(r, nameNode, "the table name");
  if (name === undefined) return undefined;
  const parts: TableParts = { table: emptyTable(name), pkFromColumns: [], implicitNullable: new Set() };
  for (const item of items) readTableItem(r, item, parts);
  const { table, pkFromColumns, implicitNullable } = parts;
  const primaryKey = table.primaryKey ?? (pkFromColumns.length > 0 ? { name: null, columns: pkFromColumns } : null);
  // as SQLAlchemy 1.4's PrimaryKeyConstraint._set_parent: its columns are NOT NULL unless the script says otherwise
  const pkColumns = new Set(primaryKey?.columns ?? []);
  const columns = table.columns.map((c) => (pkColumns.has(c.name) && implicitNullable.has(c.name) ? { ...c, nullable: false } : c));
  return { ...table, columns, primaryKey };
}

const TABLE_ITEMS = ["Column", "PrimaryKeyConstraint", "UniqueConstraint", "ForeignKeyConstraint", "CheckConstraint"];

function readTableItem(r: ScriptReader, node: Node, parts: TableParts): void {
  const call = memberCall(node);
  const n = unwrap(node);
  if (n.type !== "CallExpression" || call?.object !== "sa" || !TABLE_ITEMS.includes(call.method)) {
    r.error(node, `createTable takes sa.Column(…) and sa.*Constraint(…) items; found ${describeNode(node)}.`);
    return;
  }
  const t = parts.table;
  const add = (patch: Partial<Table>) => (parts.table = { ...parts.table, ...patch });
  switch (call.method) {
    case "Column": {
      const c = readColumn(r, n, "createTable");
      if (!c) return;
      if (t.columns.some((existing) => existing.name === c.column.name)) r.error(n, `The column '${c.column.name}' appears twice in table '${t.name}'.`);
      if (c.primaryKey) parts.pkFromColumns.push(c.column.name);
      if (c.nullableImplicit) parts.implicitNullable.add(c.column.name);
      const unique = c.unique ? [{ name: null, columns: [c.column.name] }] : [];
      add({ columns: [...t.columns, c.column], foreignKeys: [...t.foreignKeys, ...c.foreignKeys], uniqueConstraints: [...t.uniqueConstraints, ...unique] });
      return;
    }
    case "PrimaryKeyConstraint": {
      if (t.primaryKey) r.error(n, `Table '${t.name}' has two sa.PrimaryKeyConstraint items; keep one.`);
      const pk = readColumnsConstraint(r, n.arguments, "sa.PrimaryKeyConstraint");
      if (pk) add({ primaryKey: pk });
      return;
    }
    case "UniqueConstraint": {
      const uq = readColumnsConstraint(r, n.arguments, "sa.UniqueConstraint");
      if (uq) add({ uniqueConstraints: [...t.uniqueConstraints, uq] });
      return;
    }
    case "ForeignKeyConstraint": {
      const fk = readForeignKeyConstraint(r, n, n.arguments);
      if (fk) add({ foreignKeys: [...t.foreignKeys, fk] });
      return;
    }
    default: {
      const ck = readCheckConstraint(r, n, n.arguments);
      if (ck) add({ checkConstraints: [...t.checkConstraints, ck] });
    }
  }
}

function splitOptions(args: readonly Node[]): [readonly Node[], Node | undefined] {
  const last = args[args.length - 1];
  return last && unwrap(last).type === "ObjectExpression" ? [args.slice(0, -1), last] : [args, undefined];
}

const readName = (r: ScriptReader, opts: Map<string, Node> | undefined, what: string) =>
  (opts && option(opts, "name", (v) => readStringOrNull(r, v, `the name of the ${what}`))) ?? null;

/** `sa.UniqueConstraint("a", "b", { name })`, `sa.PrimaryKeyConstraint("id", { name })`. */
function readColumnsConstraint(r: ScriptReader, args: readonly Node[], context: string): UniqueConstraint | undefined {
  const [columnNodes, optsNode] = splitOptions(args);
  const opts = optsNode ? readOptions(r, optsNode, ["name"], context) : undefined;
  const columns = columnNodes.map((c) => readString(r, c, `a column of ${context}`));
  if (columns.some((c) => c === undefined)) return undefined;
  return { name: readName(r, opts, "constraint"), columns: columns as string[] };
}

/** `sa.ForeignKeyConstraint(["role_id"], ["roles.id"], { name, onDelete, onUpdate })`. */
function readForeignKeyConstraint(r: ScriptReader, node: Node, args: readonly Node[]): ForeignKey | undefined {
  const [positional, optsNode] = splitOptions(args);
  if (positional.length !== 2) return r.error(node, 'sa.ForeignKeyConstraint takes the local columns and the referred "table.column"s: sa.ForeignKeyConstraint(["role_id"], ["roles.id"]).');
  const opts = optsNode ? readOptions(r, optsNode, ["name", "onDelete", "onUpdate"], "sa.ForeignKeyConstraint") : undefined;
  const columns = readStringList(r, positional[0]!, "the local columns");
  const specs = readStringList(r, positional[1]!, "the referred columns");
  if (!columns || !specs) return undefined;
  const refs = specs.map((s) => splitReference(r, positional[1]!, s));
  if (refs.some((ref) => ref === undefined)) return undefined;
  const tables = new Set(refs.map((ref) => ref![0]));
  if (tables.size !== 1 || columns.length !== specs.length) {
    return r.error(node, "A sa.ForeignKeyConstraint refers to one table, with as many referred columns as local columns.");
  }
  return { name: readName(r, opts, "foreign key"), columns, referredTable: refs[0]![0], referredColumns: refs.map((ref) => ref![1]), ...readActions(r, opts) };
}

/** `sa.CheckConstraint("length(name) > 1", { name })`. */
export function readCheckConstraint(r: ScriptReader, node: Node, args: readonly Node[]): CheckConstraint | undefined {
  const [positional, optsNode] = splitOptions(args);
  const text = positional.length === 1 ? readSqlText(positional[0]!) : undefined;
  if (!text) return r.error(node, 'sa.CheckConstraint takes the condition as a string: sa.CheckConstraint("length(name) > 1", { name: "ck_name" }).');
  const opts = optsNode ? readOptions(r, optsNode, ["name"], "sa.CheckConstraint") : undefined;
  return { name: readName(r, opts, "check constraint"), sqltext: text.value };
}
