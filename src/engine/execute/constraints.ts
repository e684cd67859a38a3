// Table-level constraints as one tagged list: what a batch rebuild keeps, orders and renames.

import type { CheckConstraint, ForeignKey, Table, UniqueConstraint } from "../schema/model";
import type { OpOfKind } from "../ops/ops";
import type { TableConstraint } from "./ddl";
import { ident } from "./quote";

export function constraintName(c: TableConstraint): string | null {
  return c.value.name;
}

/** The local columns a constraint needs; a CHECK's columns are not known, so none. */
export function constraintColumns(c: TableConstraint): readonly string[] {
  return c.kind === "check" ? [] : c.value.columns;
}

export function toTableConstraint(op: OpOfKind<"create_unique_constraint" | "create_foreign_key" | "create_check_constraint">): TableConstraint {
  switch (op.kind) {
    case "create_unique_constraint":
      return { kind: "unique", value: op.constraint };
    case "create_foreign_key":
      return { kind: "foreignkey", value: op.foreignKey };
    case "create_check_constraint":
      return { kind: "check", value: op.constraint };
  }
}

export function fromTableConstraint(list: readonly TableConstraint[]): Pick<Table, "uniqueConstraints" | "foreignKeys" | "checkConstraints"> {
  const uniqueConstraints: UniqueConstraint[] = [];
  const foreignKeys: ForeignKey[] = [];
  const checkConstraints: CheckConstraint[] = [];
  for (const c of list) {
    if (c.kind === "unique") uniqueConstraints.push(c.value);
    else if (c.kind === "foreignkey") foreignKeys.push(c.value);
    else checkConstraints.push(c.value);
  }
  return { uniqueConstraints, foreignKeys, checkConstraints };
}

/** A column rename seen by a constraint; a self-referencing foreign key follows it on both sides. */
export function renameInConstraint(c: TableConstraint, table: string, from: string, to: string): TableConstraint {
  const swap = (cols: readonly string[]) => cols.map((x) => (x === from ? to : x));
  switch (c.kind) {
    case "unique":
      return { kind: "unique", value: { ...c.value, columns: swap(c.value.columns) } };
    case "foreignkey": {
      const referredColumns = c.value.referredTable === table ? swap(c.value.referredColumns) : c.value.referredColumns;
      return { kind: "foreignkey", value: { ...c.value, columns: swap(c.value.columns), referredColumns } };
    }
    case "check":
      return { kind: "check", value: { ...c.value, sqltext: renameInSql(c.value.sqltext, from, to) } };
  }
}

// A string literal, a double-quoted identifier, or a bare word of an SQL expression.
const TOKEN = /'(?:[^']|'')*'|"((?:[^"]|"")*)"|([A-Za-z_][A-Za-z0-9_$]*)/g;

const tokenName = (quoted: string | undefined, bare: string | undefined) => (quoted !== undefined ? quoted.replace(/""/g, '"') : bare);

/** The names an expression mentions (string literals skipped): a superset of the columns it reads. */
export function namesIn(sqltext: string): string[] {
  return [...sqltext.matchAll(TOKEN)].map((m) => tokenName(m[1], m[2])).filter((n): n is string => n !== undefined);
}

/** A CHECK follows a column rename, as SQLite's own ALTER TABLE RENAME COLUMN rewrites it. */
export function renameInSql(sqltext: string, from: string, to: string): string {
  return sqltext.replace(TOKEN, (whole, quoted: string | undefined, bare: string | undefined) => {
    const name = tokenName(quoted, bare);
    const same = quoted !== undefined ? name === from : name?.toLowerCase() === from.toLowerCase();
    return same ? ident(to) : whole;
  });
}

/**
 * The existing constraints of a table in the order its CREATE TABLE text lists them, when the
 * text is known (a live database); otherwise in create_table order. Alembic walks a Python set
 * here, so its order is not fixed; the text order is the closest stable one.
 */
export function existingConstraintOrder(table: Table, createSql: string | null): TableConstraint[] {
  const all: TableConstraint[] = [
    ...table.checkConstraints.map((value) => ({ kind: "check", value }) as const),
    ...table.foreignKeys.map((value) => ({ kind: "foreignkey", value }) as const),
    ...table.uniqueConstraints.map((value) => ({ kind: "unique", value }) as const),
  ];
  if (createSql === null) return all;
  const position = (c: TableConstraint) => {
    const name = constraintName(c);
    if (name === null) return Number.MAX_SAFE_INTEGER;
    const at = createSql.search(new RegExp(`CONSTRAINT\\s+("?)${escapeRegExp(name)}\\1\\s`, "i"));
    return at < 0 ? Number.MAX_SAFE_INTEGER - 1 : at;
  };
  return all.map((c, i) => ({ c, i, p: position(c) })).sort((a, b) => a.p - b.p || a.i - b.i).map((x) => x.c);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
