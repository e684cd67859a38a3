// compare_type=True on SQLite: Alembic compares the DDL of both types, tokenized
// (alembic/ddl/impl.py `_tokenize_column_type`, `_column_types_match`, `_column_args_match`),
// so VARCHAR(64) vs String(200) differs, VARCHAR vs String(64) does not (an argument that only
// one side has is not compared), and NUMERIC vs DECIMAL are synonyms.

import type { SqlType } from "../schema/types";
import { toDdl } from "../schema/types";

interface TypeParams {
  readonly token0: string;
  readonly tokens: readonly string[];
  readonly args: readonly string[];
}

// as DefaultImpl.type_synonyms
const TYPE_SYNONYMS: readonly ReadonlySet<string>[] = [new Set(["numeric", "decimal"])];

// A schema repeats a few type DDLs ("INTEGER", "VARCHAR(64)") for hundreds of columns: each is
// tokenized once. Bounded, so that a long session does not keep every DDL it ever compared.
const tokenized = new Map<string, TypeParams>();
const TOKENIZED_LIMIT = 2000;

function tokenizeType(type: SqlType): TypeParams {
  const ddl = toDdl(type);
  let params = tokenized.get(ddl);
  if (params === undefined) {
    if (tokenized.size >= TOKENIZED_LIMIT) tokenized.clear();
    tokenized.set(ddl, (params = tokenizeDdl(ddl)));
  }
  return params;
}

function tokenizeDdl(ddl: string): TypeParams {
  const definition = ddl.toLowerCase();
  const found = definition.match(/[\w\-_]+|\(.+?\)/g) ?? [];
  const terms: string[] = [];
  let paren: string | undefined;
  for (const token of found) {
    if (/^\(.*\)$/.test(token)) paren = token;
    else terms.push(token);
  }
  // keyword arguments (`key=value`) never occur in SQLite type DDL; plain arguments do
  const args = paren ? (paren.match(/[^(),]+/g) ?? []).map((a) => a.trim()) : [];
  return { token0: terms[0] ?? "", tokens: terms.slice(1), args };
}

function typesMatch(a: TypeParams, b: TypeParams): boolean {
  if (a.token0 === b.token0) return true;
  const allA = [a.token0, ...a.tokens].join(" ");
  const allB = [b.token0, ...b.tokens].join(" ");
  return TYPE_SYNONYMS.some((s) => (s.has(allA) && s.has(allB)) || (s.has(a.token0) && s.has(b.token0)));
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function argsMatch(conn: TypeParams, meta: TypeParams): boolean {
  if (meta.tokens.length === conn.tokens.length && !sameList(meta.tokens, conn.tokens)) return false;
  if (meta.args.length === conn.args.length && !sameList(meta.args, conn.args)) return false;
  return true;
}

/** True when the database's type and the model's differ, as DefaultImpl.compare_type decides. */
export function isTypeChanged(databaseType: SqlType, modelType: SqlType): boolean {
  const conn = tokenizeType(databaseType);
  const meta = tokenizeType(modelType);
  return !typesMatch(conn, meta) || !argsMatch(conn, meta);
}

/** A reflected NullType (a column declared without a type): Alembic cannot compare it. */
export const isNullType = (type: SqlType): boolean => type.name === "NULL";
