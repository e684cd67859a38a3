// SQLAlchemy 1.4 types and the SQLite DDL they compile to, both ways.
// Model types keep SQLAlchemy's generic class names ("String", "Integer"); reflected types keep
// the SQLite dialect's upper-case names ("VARCHAR", "INTEGER"), because Alembic's messages print
// them that way: "Detected type change from VARCHAR(length=64) to String(length=200)".

export interface SqlType {
  /** SQLAlchemy's class name: "String", "Numeric", "Enum", or a reflected "VARCHAR". */
  readonly name: string;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** Enum only. */
  readonly values?: readonly string[];
  /** Enum only: the `name` option. */
  readonly enumName?: string;
}

type ArgShape = "none" | "length" | "precisionScale" | "enum";

interface TypeInfo {
  readonly shape: ArgShape;
  /** The DDL keyword SQLAlchemy's SQLite compiler emits (before any arguments). */
  readonly ddl: string;
}

/** The generic types of SPEC §1, as `db.X` / `sa.X`. */
export const GENERIC_TYPES = {
  Integer: { shape: "none", ddl: "INTEGER" },
  BigInteger: { shape: "none", ddl: "BIGINT" },
  SmallInteger: { shape: "none", ddl: "SMALLINT" },
  String: { shape: "length", ddl: "VARCHAR" },
  Unicode: { shape: "length", ddl: "VARCHAR" },
  Text: { shape: "length", ddl: "TEXT" },
  UnicodeText: { shape: "length", ddl: "TEXT" },
  Boolean: { shape: "none", ddl: "BOOLEAN" },
  Float: { shape: "none", ddl: "FLOAT" },
  Numeric: { shape: "precisionScale", ddl: "NUMERIC" },
  Date: { shape: "none", ddl: "DATE" },
  DateTime: { shape: "none", ddl: "DATETIME" },
  Time: { shape: "none", ddl: "TIME" },
  LargeBinary: { shape: "length", ddl: "BLOB" },
  JSON: { shape: "none", ddl: "JSON" },
  Enum: { shape: "enum", ddl: "VARCHAR" },
} as const satisfies Record<string, TypeInfo>;

/**
 * The upper-case types of sqlalchemy/dialects/sqlite/base.py `ischema_names`: what reflection
 * produces, and what Alembic renders for a reflected column (`sa.VARCHAR(length=64)`).
 */
export const REFLECTED_TYPES = {
  BIGINT: { shape: "none", ddl: "BIGINT" },
  BLOB: { shape: "length", ddl: "BLOB" },
  BOOL: { shape: "none", ddl: "BOOLEAN" },
  BOOLEAN: { shape: "none", ddl: "BOOLEAN" },
  CHAR: { shape: "length", ddl: "CHAR" },
  DATE: { shape: "none", ddl: "DATE" },
  DATETIME: { shape: "none", ddl: "DATETIME" },
  DECIMAL: { shape: "precisionScale", ddl: "DECIMAL" },
  DOUBLE: { shape: "none", ddl: "DOUBLE" },
  FLOAT: { shape: "none", ddl: "FLOAT" },
  INTEGER: { shape: "none", ddl: "INTEGER" },
  JSON: { shape: "none", ddl: "JSON" },
  NCHAR: { shape: "length", ddl: "NCHAR" },
  NUMERIC: { shape: "precisionScale", ddl: "NUMERIC" },
  NVARCHAR: { shape: "length", ddl: "NVARCHAR" },
  REAL: { shape: "none", ddl: "REAL" },
  SMALLINT: { shape: "none", ddl: "SMALLINT" },
  TEXT: { shape: "length", ddl: "TEXT" },
  TIME: { shape: "none", ddl: "TIME" },
  TIMESTAMP: { shape: "none", ddl: "TIMESTAMP" },
  VARCHAR: { shape: "length", ddl: "VARCHAR" },
  NULL: { shape: "none", ddl: "" },
} as const satisfies Record<string, TypeInfo>;

export type GenericTypeName = keyof typeof GENERIC_TYPES;
export type ReflectedTypeName = keyof typeof REFLECTED_TYPES;

const ALL_TYPES: Readonly<Record<string, TypeInfo>> = { ...REFLECTED_TYPES, ...GENERIC_TYPES };

export function isKnownType(name: string): boolean {
  return Object.hasOwn(ALL_TYPES, name);
}

export function typeShape(name: string): ArgShape {
  return ALL_TYPES[name]?.shape ?? "none";
}

/** The DDL SQLAlchemy 1.4's SQLite compiler emits: String(64) -> VARCHAR(64), Enum("new","shipped") -> VARCHAR(7). */
export function toDdl(type: SqlType): string {
  const info = ALL_TYPES[type.name];
  if (!info) return type.name;
  switch (info.shape) {
    case "none":
      return info.ddl;
    case "length":
      return type.length === undefined ? info.ddl : `${info.ddl}(${type.length})`;
    case "precisionScale":
      if (type.precision === undefined) return info.ddl;
      return type.scale === undefined ? `${info.ddl}(${type.precision})` : `${info.ddl}(${type.precision}, ${type.scale})`;
    case "enum":
      return `VARCHAR(${enumLength(type)})`;
  }
}

/** As sqlalchemy Enum: the VARCHAR is as long as the longest value. */
export function enumLength(type: SqlType): number {
  return Math.max(0, ...(type.values ?? []).map((v) => v.length));
}

// Python's repr() of a str: single quotes, unless the text holds one and no double quote.
const pyStr = (s: string) => {
  const escaped = s.replace(/\\/g, "\\\\");
  return s.includes("'") && !s.includes('"') ? `"${escaped}"` : `'${escaped.replace(/'/g, "\\'")}'`;
};

/** Python's repr() of the type, as Alembic prints it in "Detected type change from … to …". */
export function toRepr(type: SqlType): string {
  const shape = typeShape(type.name);
  const kw: string[] = [];
  if (shape === "length" && type.length !== undefined) kw.push(`length=${type.length}`);
  if (shape === "precisionScale") {
    if (type.precision !== undefined) kw.push(`precision=${type.precision}`);
    if (type.scale !== undefined) kw.push(`scale=${type.scale}`);
  }
  if (shape === "enum") {
    const args = (type.values ?? []).map(pyStr);
    if (type.enumName !== undefined) args.push(`name=${pyStr(type.enumName)}`);
    return `Enum(${args.join(", ")})`;
  }
  // sqlalchemy NullType: what a column declared without a type reflects as
  if (type.name === "NULL") return "NullType()";
  return `${type.name}(${kw.join(", ")})`;
}

/**
 * Names of sqlite/base.py `ischema_names` that reflect as another type: `BOOL` is read back as
 * BOOLEAN(), `DOUBLE` as FLOAT(), and so on. Their arguments are dropped, as SQLAlchemy's
 * constructors for these types take none that matter here.
 */
export const REFLECTED_ALIASES: Readonly<Record<string, ReflectedTypeName>> = {
  BOOL: "BOOLEAN",
  DOUBLE: "FLOAT",
  INT: "INTEGER",
  DATE_CHAR: "DATE",
  DATETIME_CHAR: "DATETIME",
  TIME_CHAR: "TIME",
};

/**
 * A declared column type as SQLite keeps it, read back the way SQLAlchemy's SQLite dialect does
 * (sqlalchemy/dialects/sqlite/base.py `_resolve_type_affinity`): a known name with its numeric
 * arguments, otherwise the type that SQLite's affinity rules give.
 */
export function fromDdl(ddl: string): SqlType {
  const m = /^\s*([A-Za-z_][\w ]*?)\s*(?:\(\s*([^)]*)\))?\s*$/.exec(ddl);
  if (!m) return affinityType(ddl);
  const name = m[1]!.toUpperCase();
  const args = (m[2] ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "")
    .map(Number);
  if (args.some((a) => !Number.isInteger(a))) return affinityType(ddl);
  if (Object.hasOwn(REFLECTED_ALIASES, name)) return { name: REFLECTED_ALIASES[name]! };
  if (!Object.hasOwn(REFLECTED_TYPES, name) || name === "NULL") return affinityType(ddl);
  const shape = REFLECTED_TYPES[name as ReflectedTypeName].shape;
  if (shape === "length" && args.length > 0) return { name, length: args[0]! };
  if (shape === "precisionScale" && args.length > 0) {
    return args.length > 1 ? { name, precision: args[0]!, scale: args[1]! } : { name, precision: args[0]! };
  }
  return { name };
}

function affinityType(ddl: string): SqlType {
  const upper = ddl.toUpperCase();
  if (upper.includes("INT")) return { name: "INTEGER" };
  if (/CHAR|CLOB|TEXT/.test(upper)) return { name: "TEXT" };
  if (upper.trim() === "" || upper.includes("BLOB")) return { name: "NULL" };
  if (/REAL|FLOA|DOUB/.test(upper)) return { name: "REAL" };
  return { name: "NUMERIC" };
}

export type Affinity = "INTEGER" | "TEXT" | "BLOB" | "REAL" | "NUMERIC";

/** SQLite's column affinity rules, https://www.sqlite.org/datatype3.html §3.1, in their order. */
export function affinityOf(ddl: string): Affinity {
  const upper = ddl.toUpperCase();
  if (upper.includes("INT")) return "INTEGER";
  if (/CHAR|CLOB|TEXT/.test(upper)) return "TEXT";
  if (upper.trim() === "" || upper.includes("BLOB")) return "BLOB";
  if (/REAL|FLOA|DOUB/.test(upper)) return "REAL";
  return "NUMERIC";
}
