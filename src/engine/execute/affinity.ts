// SQLAlchemy's `_type_affinity`: the generic class a type belongs to. Alembic's SQLite impl casts
// a column during a batch copy only when this changes (alembic/ddl/sqlite.py cast_for_batch_migrate),
// e.g. INTEGER -> VARCHAR(10) is cast, VARCHAR(64) -> TEXT is not, and nothing is cast to JSON.

import type { SqlType } from "../schema/types";

const AFFINITY: Readonly<Record<string, string>> = {
  // generic model types (sqlalchemy/sql/sqltypes.py)
  Integer: "Integer",
  BigInteger: "Integer",
  SmallInteger: "Integer",
  String: "String",
  Unicode: "String",
  Text: "String",
  UnicodeText: "String",
  Enum: "String",
  Boolean: "Boolean",
  Float: "Numeric",
  Numeric: "Numeric",
  Date: "Date",
  DateTime: "DateTime",
  Time: "Time",
  LargeBinary: "_Binary",
  JSON: "JSON",
  // reflected SQLite types (sqlalchemy/dialects/sqlite/base.py ischema_names)
  BIGINT: "Integer",
  INT: "Integer",
  INTEGER: "Integer",
  SMALLINT: "Integer",
  BLOB: "_Binary",
  BOOL: "Boolean",
  BOOLEAN: "Boolean",
  CHAR: "String",
  NCHAR: "String",
  NVARCHAR: "String",
  TEXT: "String",
  VARCHAR: "String",
  DATE: "Date",
  DATETIME: "DateTime",
  TIMESTAMP: "DateTime",
  TIME: "Time",
  DECIMAL: "Numeric",
  DOUBLE: "Numeric",
  FLOAT: "Numeric",
  NUMERIC: "Numeric",
  REAL: "Numeric",
};

export function typeAffinity(type: SqlType): string {
  return AFFINITY[type.name] ?? "NullType";
}

/** True when a batch copy must CAST the old values into the new type. */
export function needsCast(from: SqlType, to: SqlType): boolean {
  return typeAffinity(from) !== typeAffinity(to) && typeAffinity(to) !== "JSON";
}
