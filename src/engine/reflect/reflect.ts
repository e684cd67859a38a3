// SQLite -> the plain-data schema, read as SQLAlchemy 1.4's SQLite dialect reads it
// (sqlalchemy/dialects/sqlite/base.py: get_columns, get_pk_constraint, get_foreign_keys,
// get_unique_constraints, get_check_constraints, get_indexes). The comparator sees only the result.

import type { Database } from "../db/database";
import type { Column, ForeignKey, Index, PrimaryKey, ReferentialAction, Schema, Table, UniqueConstraint } from "../schema/model";
import { fromDdl, type SqlType } from "../schema/types";
import { foreignKeyList, indexes, primaryKeyColumns, tableXinfo, userTables, type ForeignKeyListRow, type IndexRows, type TableXinfoRow } from "./pragma";
import { parseCreateTable, type ParsedTable } from "./table-sql";

/** Alembic's own bookkeeping table: never part of the user's schema. */
export const VERSION_TABLE = "alembic_version";

const AUTO_INDEX_PREFIX = "sqlite_autoindex";

/** What SQLite says about the tables, read in a few queries for all of them at once. */
interface Catalog {
  readonly tables: { name: string; sql: string }[];
  readonly columns: Map<string, TableXinfoRow[]>;
  readonly indexes: Map<string, IndexRows[]>;
  readonly foreignKeys: Map<string, ForeignKeyListRow[]>;
}

function readCatalog(db: Database, only?: string): Catalog {
  return { tables: userTables(db, only), columns: tableXinfo(db, only), indexes: indexes(db, only), foreignKeys: foreignKeyList(db, only) };
}

export function reflectSchema(db: Database): Schema {
  const catalog = readCatalog(db);
  const tables = catalog.tables.filter((t) => t.name !== VERSION_TABLE).map((t) => toTable(db, catalog, t.name, t.sql));
  return { tables };
}

export function reflectTable(db: Database, name: string): Table | undefined {
  const catalog = readCatalog(db, name);
  const entry = catalog.tables[0];
  return entry ? toTable(db, catalog, entry.name, entry.sql) : undefined;
}

function toTable(db: Database, catalog: Catalog, name: string, sql: string): Table {
  const parsed = parseCreateTable(sql);
  const xinfo = (catalog.columns.get(name) ?? []).filter((r) => r.hidden !== 1); // as get_columns: hidden columns are skipped
  const columns: Column[] = xinfo.map((r) => ({
    name: r.name,
    type: reflectedType(generatedTypeCleaned(r.type, r.hidden)),
    nullable: r.notnull === 0,
    serverDefault: r.dflt_value,
    // as sqlalchemy/dialects/sqlite/base.py get_columns: every default comes back as text(), so
    // Alembic renders it sa.text("…") and rebuilds the table to add it back
    ...(r.dflt_value !== null && { serverDefaultIsSql: true as const }),
    autoincrement: "auto",
    comment: null,
  }));
  // as get_pk_constraint: the columns sorted by their position in the key (a stable sort)
  const pkColumns = xinfo.filter((r) => r.pk > 0).sort((a, b) => a.pk - b.pk).map((r) => r.name);
  const primaryKey: PrimaryKey | null = pkColumns.length > 0 ? { name: parsed.primaryKeyName, columns: pkColumns } : null;
  const allIndexes = toIndexes(catalog.indexes.get(name) ?? []);
  const referredKey = (table: string) => {
    const known = catalog.columns.get(table);
    return known ? known.filter((r) => r.pk > 0).sort((a, b) => a.pk - b.pk).map((r) => r.name) : primaryKeyColumns(db, table);
  };
  return {
    name,
    columns,
    primaryKey,
    uniqueConstraints: readUniqueConstraints(allIndexes, parsed),
    indexes: allIndexes.filter((i) => !i.name.startsWith(AUTO_INDEX_PREFIX)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    foreignKeys: readForeignKeys(catalog.foreignKeys.get(name) ?? [], parsed, referredKey),
    checkConstraints: parsed.checks.map((c) => ({ name: c.name, sqltext: c.sqltext })),
  };
}

// A schema repeats a few declared types ("INTEGER", "VARCHAR(64)") hundreds of times: each is read
// once. The types are plain immutable data, so columns may share one object. Bounded, so that a
// long session over many schemas does not keep every type text it ever saw.
const typeCache = new Map<string, SqlType>();
const TYPE_CACHE_LIMIT = 2000;

function reflectedType(ddl: string): SqlType {
  let type = typeCache.get(ddl);
  if (type === undefined) {
    if (typeCache.size >= TYPE_CACHE_LIMIT) typeCache.clear();
    typeCache.set(ddl, (type = fromDdl(ddl)));
  }
  return type;
}

// as _get_column_info: "INTEGER GENERATED ALWAYS" is the declared type of a generated column
function generatedTypeCleaned(type: string, hidden: number): string {
  if (hidden === 0) return type;
  return type.replace(/generated/gi, "").replace(/always/gi, "").trim();
}

/** Every index, sqlite_autoindex_* included; expression indexes are skipped, as get_indexes does. */
function toIndexes(rows: readonly IndexRows[]): Index[] {
  return rows
    .filter((r) => r.info.every((i) => i.name !== null))
    .map((r) => ({ name: r.list.name, columns: r.info.map((i) => i.name!), unique: r.list.unique !== 0 }));
}

// as get_unique_constraints: a UNIQUE clause of the DDL counts only when an automatic index
// with the same columns backs it; each automatic index backs one clause.
function readUniqueConstraints(indexes: readonly Index[], parsed: ParsedTable): UniqueConstraint[] {
  const autoBySig = new Map<string, Index>();
  for (const i of indexes) if (i.name.startsWith(AUTO_INDEX_PREFIX)) autoBySig.set(JSON.stringify(i.columns), i);
  const found: UniqueConstraint[] = [];
  for (const u of parsed.uniques) {
    const sig = JSON.stringify(u.columns);
    if (!autoBySig.delete(sig)) continue;
    found.push({ name: u.name, columns: [...u.columns] });
  }
  return found;
}

const toAction = (rule: string): ReferentialAction | null => {
  const upper = rule.toUpperCase();
  // as get_foreign_keys: "NO ACTION" (SQLite's default) is reported as no option at all
  return upper === "" || upper === "NO ACTION" ? null : (upper as ReferentialAction);
};

// as get_foreign_keys: the PRAGMA gives the keys; the DDL gives the names of those whose
// (columns, referred table, referred columns) match. Named ones first, then the rest.
function readForeignKeys(pragmaRows: readonly ForeignKeyListRow[], parsed: ParsedTable, referredKey: (table: string) => string[]): ForeignKey[] {
  const byId = new Map<number, ForeignKeyListRow[]>();
  for (const row of pragmaRows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  const bySig = new Map<string, ForeignKey>();
  for (const rows of byId.values()) {
    const first = rows[0]!;
    const referredColumns = first.to === null ? referredKey(first.table) : rows.map((r) => r.to ?? "");
    const fk: ForeignKey = {
      name: null,
      columns: rows.map((r) => r.from),
      referredTable: first.table,
      referredColumns,
      onDelete: toAction(first.on_delete),
      onUpdate: toAction(first.on_update),
    };
    bySig.set(fkSignature(fk.columns, fk.referredTable, fk.referredColumns), fk);
  }
  const named: ForeignKey[] = [];
  for (const p of parsed.foreignKeys) {
    const sig = fkSignature(p.columns, p.referredTable, p.referredColumns.length > 0 ? p.referredColumns : p.columns);
    const fk = bySig.get(sig);
    if (!fk) continue;
    bySig.delete(sig);
    named.push({ ...fk, name: p.name });
  }
  return [...named, ...bySig.values()];
}

const fkSignature = (columns: readonly string[], table: string, referred: readonly string[]) => JSON.stringify([columns, table, referred]);
