// One reader per `op.*` / `batchOp.*` method, the inverse of render/ops.ts. Inside a batch block
// Alembic's methods drop the table argument; the driver puts BATCH_TABLE in its place, so each
// reader sees the arguments of the `op.*` form.

import type { CallExpression, Node } from "@babel/types";
import * as ops from "../ops/ops";
import type { ConstraintType, MigrateOp, RowValue } from "../ops/ops";
import { didYouMean, describeNode, unwrap, type ScriptReader } from "./reader";
import { isSqlTextDefault, readAction, readServerDefault, readSqlText, readType } from "./schema-items";
import { readColumn, readTable } from "./table";
import { isNull, numberValue, option, propertyKey, readArray, readBoolean, readOptions, readString, readStringList, readStringOrNull } from "./values";

export const BATCH_TABLE: unique symbol = Symbol("batch table");
type Arg = Node | typeof BATCH_TABLE;

interface Ctx {
  readonly r: ScriptReader;
  readonly call: CallExpression;
  readonly batchTable: string | null;
}

interface OpSpec {
  /** `op.*` usage; the `batchOp.*` one drops the table argument. */
  readonly usage: string;
  readonly arity: readonly [number, number];
  /** Where the table argument sits in the `op.*` form; absent: not offered by batchOp. */
  readonly tableIndex?: number;
  readonly read: (c: Ctx, args: readonly Arg[]) => MigrateOp | undefined;
}

const node = (c: Ctx, a: Arg | undefined): Node => (a === undefined || a === BATCH_TABLE ? c.call : a);

function str(c: Ctx, a: Arg | undefined, what: string): string | undefined {
  if (a === BATCH_TABLE) return c.batchTable ?? undefined;
  return a === undefined ? undefined : readString(c.r, a, what);
}

function nameOrNull(c: Ctx, a: Arg | undefined, what: string): string | null | undefined {
  return a === undefined || a === BATCH_TABLE ? undefined : readStringOrNull(c.r, a, what);
}

function opts(c: Ctx, a: Arg | undefined, keys: readonly string[], method: string): Map<string, Node> | undefined {
  return a === undefined || a === BATCH_TABLE ? new Map() : readOptions(c.r, a, keys, method);
}

/** Builds the op only when every part was read; the diagnostics say what was not. */
function all<T extends unknown[]>(parts: [...T], make: (...p: { [K in keyof T]: Exclude<T[K], undefined> }) => MigrateOp): MigrateOp | undefined {
  return parts.some((p) => p === undefined) ? undefined : make(...(parts as { [K in keyof T]: Exclude<T[K], undefined> }));
}

const ALTER_OPTIONS = ["existingType", "serverDefault", "type", "nullable", "newColumnName", "existingNullable", "existingServerDefault"];
const CONSTRAINT_TYPES: readonly ConstraintType[] = ["unique", "foreignkey", "check", "primary"];

function readAlterColumn(c: Ctx, args: readonly Arg[]): MigrateOp | undefined {
  const { r } = c;
  const o = opts(c, args[2], ALTER_OPTIONS, "alterColumn");
  if (!o) return undefined;
  const type = (key: string) => option(o, key, (v) => readType(r, v));
  const bool = (key: string) => option(o, key, (v) => readBoolean(r, v, `the '${key}' option`));
  const dflt = (key: string) => option(o, key, (v) => readServerDefault(r, v, `the '${key}' option`));
  const changes = {
    existingType: type("existingType"),
    serverDefault: dflt("serverDefault"),
    type: type("type"),
    nullable: bool("nullable"),
    newColumnName: option(o, "newColumnName", (v) => readString(r, v, "the new column name")),
    existingNullable: bool("existingNullable"),
    existingServerDefault: dflt("existingServerDefault"),
    serverDefaultIsSql: sqlFlag(o, "serverDefault"),
    existingServerDefaultIsSql: sqlFlag(o, "existingServerDefault"),
  };
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  return all([str(c, args[0], "the table name"), str(c, args[1], "the column name")], (t, col) => ops.alterColumn(t, col, defined));
}

/** `true` when the option is `sa.text("…")` (AlterColumnOp.serverDefaultIsSql), undefined otherwise. */
function sqlFlag(o: Map<string, Node>, key: string): true | undefined {
  return isSqlTextDefault(o.get(key)) ? true : undefined;
}

function readConstraintType(c: Ctx, a: Arg | undefined): ConstraintType | null | undefined {
  const o = opts(c, a, ["type"], "dropConstraint");
  const typeNode = o?.get("type");
  if (!typeNode || isNull(typeNode)) return null;
  const value = readString(c.r, typeNode, "the constraint type");
  if (value === undefined || (CONSTRAINT_TYPES as readonly string[]).includes(value)) return value as ConstraintType | undefined;
  return c.r.error(typeNode, `Unknown constraint type '${value}'.${didYouMean(value, CONSTRAINT_TYPES) || ` Use one of ${CONSTRAINT_TYPES.map((t) => `"${t}"`).join(", ")}.`}`);
}

function readRowValue(c: Ctx, n: Node): RowValue | undefined {
  const u = unwrap(n);
  if (u.type === "StringLiteral" || (u.type === "TemplateLiteral" && u.expressions.length === 0)) return readString(c.r, u, "a value");
  if (u.type === "BooleanLiteral") return u.value;
  if (u.type === "NullLiteral") return null;
  const num = numberValue(u);
  if (num !== undefined) return num;
  return c.r.error(n, `Expected a row value (a string, a number, true, false or null); found ${describeNode(n)}.`);
}

function readRows(c: Ctx, a: Arg | undefined): Record<string, RowValue>[] | undefined {
  const items = a === undefined || a === BATCH_TABLE ? undefined : readArray(c.r, a, "rows");
  if (!items) return undefined;
  const rows = items.map((item) => {
    const obj = unwrap(item);
    if (obj.type !== "ObjectExpression") return c.r.error(item, `Each row of bulkInsert is an object { column: value }; found ${describeNode(item)}.`);
    const entries: [string, RowValue][] = [];
    for (const prop of obj.properties) {
      const key = propertyKey(prop);
      if (key === undefined || prop.type !== "ObjectProperty") return c.r.error(prop, "Each row of bulkInsert is written as plain 'column: value' pairs.");
      if (entries.some(([k]) => k === key)) return c.r.error(prop, `The column '${key}' is given twice in one row; keep one.`);
      const value = readRowValue(c, prop.value);
      if (value === undefined) return undefined;
      entries.push([key, value]);
    }
    // fromEntries defines own properties, so a column named "__proto__" stays a column
    return Object.fromEntries(entries);
  });
  return rows.every((row) => row !== undefined) ? (rows as Record<string, RowValue>[]) : undefined;
}

function readExecute(c: Ctx, args: readonly Arg[]): MigrateOp | undefined {
  const text = readSqlText(node(c, args[0]));
  if (text) return ops.execute(text.value);
  return c.r.error(node(c, args[0]), `op.execute takes the SQL as a string or a template literal without \${…}; found ${describeNode(node(c, args[0]))}.`);
}

export const OP_SPECS: Readonly<Record<string, OpSpec>> = {
  createTable: {
    usage: 'op.createTable("table", sa.Column(…), …)',
    arity: [1, Infinity],
    read: (c, args) => {
      const table = readTable(c.r, node(c, args[0]), args.slice(1).map((a) => node(c, a)));
      return table && ops.createTable(table);
    },
  },
  dropTable: { usage: 'op.dropTable("table")', arity: [1, 1], read: (c, a) => all([str(c, a[0], "the table name")], (t) => ops.dropTable(t)) },
  renameTable: {
    usage: 'op.renameTable("old_name", "new_name")',
    arity: [2, 2],
    read: (c, a) => all([str(c, a[0], "the table name"), str(c, a[1], "the new table name")], ops.renameTable),
  },
  addColumn: {
    usage: 'op.addColumn("table", sa.Column("name", sa.Type(), { … }))',
    arity: [2, 2],
    tableIndex: 0,
    read: (c, a) => {
      const col = readColumn(c.r, node(c, a[1]), "addColumn");
      return all([str(c, a[0], "the table name"), col], (t, rc) => ops.addColumn(t, rc.column, rc.foreignKeys));
    },
  },
  dropColumn: {
    usage: 'op.dropColumn("table", "column")',
    arity: [2, 2],
    tableIndex: 0,
    read: (c, a) => all([str(c, a[0], "the table name"), str(c, a[1], "the column name")], (t, col) => ops.dropColumn(t, col)),
  },
  alterColumn: { usage: 'op.alterColumn("table", "column", { … })', arity: [3, 3], tableIndex: 0, read: readAlterColumn },
  createIndex: {
    usage: 'op.createIndex("ix_name", "table", ["column"], { unique: false })',
    arity: [3, 4],
    tableIndex: 1,
    read: (c, a) => {
      const o = opts(c, a[3], ["unique"], "createIndex");
      const unique = (o && option(o, "unique", (v) => readBoolean(c.r, v, "the 'unique' option"))) ?? false;
      const columns = a[2] === undefined || a[2] === BATCH_TABLE ? undefined : readStringList(c.r, a[2], "the indexed columns");
      return all([str(c, a[0], "the index name"), str(c, a[1], "the table name"), columns, o], (name, t, cols) =>
        ops.createIndex(t, { name, columns: cols, unique }),
      );
    },
  },
  dropIndex: {
    usage: 'op.dropIndex("ix_name", { tableName: "table" })',
    arity: [1, 2],
    read: (c, a) => all([str(c, a[0], "the index name"), readDropIndexTable(c, a[1])], (name, t) => ops.dropIndex(t, name)),
  },
  createUniqueConstraint: {
    usage: 'op.createUniqueConstraint("uq_name", "table", ["column"])',
    arity: [3, 3],
    tableIndex: 1,
    read: (c, a) => {
      const columns = a[2] === undefined || a[2] === BATCH_TABLE ? undefined : readStringList(c.r, a[2], "the columns");
      return all([nameOrNull(c, a[0], "the constraint name"), str(c, a[1], "the table name"), columns], (name, t, cols) =>
        ops.createUniqueConstraint(t, { name, columns: cols }),
      );
    },
  },
  createForeignKey: {
    usage: 'op.createForeignKey("fk_name", "source_table", "referred_table", ["local_column"], ["referred_column"], { onDelete })',
    arity: [5, 6],
    tableIndex: 1,
    read: (c, a) => {
      const o = opts(c, a[5], ["onDelete", "onUpdate"], "createForeignKey");
      const list = (x: Arg | undefined, what: string) => (x === undefined || x === BATCH_TABLE ? undefined : readStringList(c.r, x, what));
      const action = (key: string) => (o && option(o, key, (v) => readAction(c.r, v, `${key} action`))) ?? null;
      const parts: [string | null | undefined, string | undefined, string | undefined, string[] | undefined, string[] | undefined] = [
        nameOrNull(c, a[0], "the constraint name"),
        str(c, a[1], "the source table"),
        str(c, a[2], "the referred table"),
        list(a[3], "the local columns"),
        list(a[4], "the referred columns"),
      ];
      return all(parts, (name, t, ref, cols, refCols) =>
        ops.createForeignKey(t, { name, columns: cols, referredTable: ref, referredColumns: refCols, onDelete: action("onDelete"), onUpdate: action("onUpdate") }),
      );
    },
  },
  createCheckConstraint: {
    usage: 'op.createCheckConstraint("ck_name", "table", "condition")',
    arity: [3, 3],
    tableIndex: 1,
    read: (c, a) => {
      const text = a[2] === undefined || a[2] === BATCH_TABLE ? undefined : readSqlText(a[2]);
      if (!text) c.r.error(node(c, a[2]), 'The condition of createCheckConstraint is a string: "length(name) > 1".');
      return all([nameOrNull(c, a[0], "the constraint name"), str(c, a[1], "the table name"), text], (name, t, tx) =>
        ops.createCheckConstraint(t, { name, sqltext: tx.value }),
      );
    },
  },
  dropConstraint: {
    usage: 'op.dropConstraint("name", "table", { type: "unique" })',
    arity: [2, 3],
    tableIndex: 1,
    read: (c, a) =>
      all([nameOrNull(c, a[0], "the constraint name"), str(c, a[1], "the table name"), readConstraintType(c, a[2])], (name, t, type) =>
        ops.dropConstraint(t, name, type),
      ),
  },
  execute: { usage: 'op.execute("SQL")', arity: [1, 1], read: readExecute },
  bulkInsert: {
    usage: 'op.bulkInsert("table", [{ column: value }, …])',
    arity: [2, 2],
    read: (c, a) => all([str(c, a[0], "the table name"), readRows(c, a[1])], ops.bulkInsert),
  },
};

function readDropIndexTable(c: Ctx, a: Arg | undefined): string | undefined {
  if (c.batchTable !== null) {
    if (a !== undefined && a !== BATCH_TABLE) c.r.error(a, "Inside a batchAlterTable block, dropIndex takes only the index name.");
    return c.batchTable;
  }
  if (a === undefined || a === BATCH_TABLE) {
    return c.r.error(c.call, 'op.dropIndex needs the table: op.dropIndex("ix_name", { tableName: "table" }).');
  }
  if (unwrap(a).type !== "ObjectExpression") return readString(c.r, a, "the table name");
  const o = readOptions(c.r, a, ["tableName"], "dropIndex");
  const t = o && option(o, "tableName", (v) => readString(c.r, v, "the table name"));
  return t ?? c.r.error(a, 'op.dropIndex needs the table: op.dropIndex("ix_name", { tableName: "table" }).');
}
