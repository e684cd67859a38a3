// Indexes and unique constraints, as alembic/autogenerate/compare.py `_compare_indexes_and_uniques`
// does on SQLite (no dialect correction there: alembic/ddl/sqlite.py has none). Its quirks are
// kept, because users see them: an unnamed unique constraint in the database is never reported as
// removed (reflected names are None and only named ones are indexed), an unnamed one in the model
// is matched on its sorted columns, and inside create/drop table only indexes are reported.

import type { Index, Table, UniqueConstraint } from "../schema/model";
import { createIndex, createUniqueConstraint, dropConstraint, dropIndex } from "../ops/ops";
import type { Collector } from "./compare-columns";
import { changeParts, messages } from "./messages";

interface Sig {
  readonly isIndex: boolean;
  readonly name: string | null;
  readonly columns: readonly string[];
  /** The sorted columns: what Alembic matches on. */
  readonly sig: string;
  readonly sortedColumns: readonly string[];
  readonly isUnique: boolean;
  readonly index?: Index;
  readonly unique?: UniqueConstraint;
}

const sorted = (names: readonly string[]) => [...names].sort(pyCompare);
const pyCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const indexSig = (index: Index): Sig => ({
  isIndex: true,
  name: index.name,
  columns: index.columns,
  sig: JSON.stringify(sorted(index.columns)),
  sortedColumns: sorted(index.columns),
  isUnique: index.unique,
  index,
});
const uniqueSig = (unique: UniqueConstraint): Sig => ({
  isIndex: false,
  name: unique.name,
  columns: unique.columns,
  sig: JSON.stringify(sorted(unique.columns)),
  sortedColumns: sorted(unique.columns),
  isUnique: true,
  unique,
});

export type TableSide = "create" | "drop" | "both";

/** `database` is null for a table being created, `model` null for one being dropped. */
export function compareIndexesAndUniques(tableName: string, database: Table | null, model: Table | null, out: Collector): void {
  const side: TableSide = database === null ? "create" : model === null ? "drop" : "both";
  const metaSigs = [...(model?.uniqueConstraints ?? []).map(uniqueSig), ...(model?.indexes ?? []).map(indexSig)];
  // "for DROP TABLE uniques are inline, don't need them"
  const connUniques = side === "drop" ? [] : (database?.uniqueConstraints ?? []).map(uniqueSig);
  const connIndexes = (database?.indexes ?? []).map(indexSig);

  const metaNames = new Map(metaSigs.filter((s) => s.isIndex || s.name !== null).map((s) => [s.name!, s]));
  const connNames = new Map([...connUniques, ...connIndexes].filter((s) => s.name !== null).map((s) => [s.name!, s]));
  const connUniqueNames = new Map(connUniques.map((s) => [s.name, s]));
  const connIndexNames = new Map(connIndexes.map((s) => [s.name, s]));
  const doubled = new Set([...connUniqueNames.keys()].filter((n): n is string => n !== null && connIndexNames.has(n)));
  const connUniqueSigs = new Set(connUniques.map((s) => s.sig));
  const metaUniqueSigs = new Set(metaSigs.filter((s) => !s.isIndex).map((s) => s.sig));
  const metaIndexSigs = new Set(metaSigs.filter((s) => s.isIndex).map((s) => s.sig));
  const unnamedMeta = new Map(metaSigs.filter((s) => !s.isIndex && s.name === null).map((s) => [s.sig, s]));
  const act = actions(tableName, side, out);

  for (const name of [...connNames.keys()].filter((n) => !metaNames.has(n)).sort(pyCompare)) {
    const conn = connNames.get(name)!;
    if (!conn.isIndex && unnamedMeta.has(conn.sig)) continue;
    if (doubled.has(name)) {
      if (!metaIndexSigs.has(conn.sig) && !metaUniqueSigs.has(conn.sig)) {
        act.removed(connUniqueNames.get(name)!);
        act.removed(connIndexNames.get(name)!);
      }
    } else {
      act.removed(conn);
    }
  }
  for (const name of [...metaNames.keys()].filter((n) => connNames.has(n)).sort(pyCompare)) {
    const meta = metaNames.get(name)!;
    const conn = doubled.has(name) ? (meta.isIndex ? connIndexNames.get(name)! : connUniqueNames.get(name)!) : connNames.get(name)!;
    if (conn.isIndex !== meta.isIndex) {
      act.removed(conn);
      act.added(meta);
      continue;
    }
    const changes: string[] = [];
    if (conn.isUnique !== meta.isUnique) changes.push(changeParts.unique(conn.isUnique, meta.isUnique));
    if (conn.sig !== meta.sig) changes.push(changeParts.columns(conn.sortedColumns, meta.sortedColumns));
    if (changes.length > 0) act.changed(conn, meta, changes);
  }
  for (const name of [...metaNames.keys()].filter((n) => !connNames.has(n)).sort(pyCompare)) act.added(metaNames.get(name)!);
  for (const [sig, meta] of unnamedMeta) if (!connUniqueSigs.has(sig)) act.added(meta);
}

// obj_added / obj_removed / obj_changed of compare.py
function actions(table: string, side: TableSide, out: Collector) {
  const added = (s: Sig) => {
    if (s.index) {
      out.ops.push(createIndex(table, s.index));
      out.messages.push(messages.addedIndex(s.index.name, s.columns));
    } else if (s.unique && side === "both") {
      out.ops.push(createUniqueConstraint(table, s.unique));
      out.messages.push(messages.addedUniqueConstraint(s.name, s.columns));
    }
  };
  const removed = (s: Sig) => {
    if (s.index) {
      out.ops.push(dropIndex(table, s.index.name, s.index));
      out.messages.push(messages.removedIndex(s.index.name, table));
    } else if (s.unique && side === "both") {
      out.ops.push(dropConstraint(table, s.name, "unique", s.unique));
      out.messages.push(messages.removedUniqueConstraint(s.name, table));
    }
  };
  const changed = (old: Sig, next: Sig, changes: readonly string[]) => {
    if (old.index && next.index) {
      out.messages.push(messages.changedIndex(old.index.name, table, changes));
      out.ops.push(dropIndex(table, old.index.name, old.index), createIndex(table, next.index));
    } else if (old.unique && next.unique) {
      out.messages.push(messages.changedUniqueConstraint(old.name, table, changes));
      out.ops.push(dropConstraint(table, old.name, "unique", old.unique), createUniqueConstraint(table, next.unique));
    }
  };
  return { added, removed, changed };
}
