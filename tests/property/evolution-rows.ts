// Rows for the first version's tables that both versions accept: non-null where either version
// says NOT NULL, distinct where either has a unique constraint or index on the column, foreign
// keys that point at inserted ids (or NULL).
import type { SqlValue } from "../../src/engine/db/database";
import { chance, colName, type ColSpec, type ColType, type ModelSpec, type Rng, type TableSpec } from "./evolution-model";

export interface TableRows {
  table: string;
  columns: string[];
  rows: SqlValue[][];
}

const pad = (n: number) => String(n).padStart(2, "0");

function valueOf(t: ColType, i: number): SqlValue {
  switch (t.kind) {
    case "Integer": case "BigInteger": case "SmallInteger": return i * 3 + 1;
    case "String": case "Unicode": return `s'${i}`;
    case "Text": case "UnicodeText": return `text "${i}"`;
    case "Boolean": return i % 2;
    case "Float": case "Numeric": return i + 0.5;
    case "Date": return `2024-01-${pad(1 + (i % 28))}`;
    case "DateTime": return `2024-01-${pad(1 + (i % 28))} 10:00:${pad(i % 60)}.000000`;
    case "Time": return `10:${pad(i % 60)}:00.000000`;
    case "LargeBinary": return new Uint8Array([i, 0, 255]);
    case "JSON": return `{"k": ${i}}`;
    case "Enum": { const vs = t.enumValues ?? ["a"]; return vs[i % vs.length] ?? null; }
  }
}

const inUnique = (t: TableSpec | undefined, name: string): boolean =>
  t !== undefined && (t.cols.some((c) => colName(c) === name && c.unique) || t.args.some((a) => (a.kind === "unique" || a.unique === true) && a.cols.includes(name)));

function columnValues(rng: Rng, c: ColSpec, later: ColSpec | undefined, ctx: { count: number; distinct: boolean; duplicated: boolean; ids: Map<string, number[]> }): SqlValue[] {
  if (ctx.duplicated) return Array.from({ length: ctx.count }, () => valueOf(c.type, 0));
  const notNull = !c.nullable || (later !== undefined && !later.nullable);
  const fkTargets = [c.fk?.table, later?.fk?.table].filter((x): x is string => x !== undefined);
  const values: SqlValue[] = [];
  for (let i = 0; i < ctx.count; i++) {
    if (!notNull && chance(rng, 0.25)) { values.push(null); continue; }
    if (fkTargets.length > 0) {
      const ids = fkTargets.map((t) => ctx.ids.get(t) ?? []).reduce((a, b) => a.filter((x) => b.includes(x)));
      // Distinct where a unique covers the column; a dangling id only where NOT NULL leaves no choice
      // (SQLite does not enforce foreign keys unless PRAGMA foreign_keys is on).
      const id = ctx.distinct ? ids[i] : ids[Math.floor(rng() * ids.length)];
      values.push(id ?? (notNull ? 1000 + i : null));
      continue;
    }
    values.push(valueOf(c.type, ctx.distinct ? i : Math.floor(rng() * 3)));
  }
  return values;
}

export function randomRows(rng: Rng, v1: ModelSpec, v2: ModelSpec): TableRows[] {
  const ids = new Map<string, number[]>();
  const out: TableRows[] = [];
  for (const t of v1.tables) {
    // At least two rows where the second version makes a column unique over a repeated value.
    let count = v2.duplicates?.table === t.tablename ? 2 + Math.floor(rng() * 3) : Math.floor(rng() * 5);
    // A boolean (or enum) column that a type change made unique has two (or three) distinct values.
    const later = v2.tables.find((x) => x.tablename === t.tablename);
    const narrow = t.cols.filter((c) => (c.type.kind === "Boolean" || c.type.kind === "Enum") && (inUnique(t, colName(c)) || inUnique(later, colName(c))));
    if (narrow.length > 0) count = Math.min(count, 2);
    ids.set(t.tablename, Array.from({ length: count }, (_, i) => i + 1));
  }
  for (const t of v1.tables) {
    const later = v2.tables.find((x) => x.tablename === t.tablename);
    const count = ids.get(t.tablename)?.length ?? 0;
    const columns = t.cols.map(colName);
    const perColumn = t.cols.map((c) => {
      if (c.attr === "id") return Array.from({ length: count }, (_, i) => i + 1);
      const name = colName(c);
      const distinct = inUnique(t, name) || inUnique(later, name);
      const duplicated = v2.duplicates?.table === t.tablename && v2.duplicates.column === name;
      return columnValues(rng, c, later?.cols.find((x) => colName(x) === name), { count, distinct: distinct && !duplicated, duplicated, ids });
    });
    const rows = Array.from({ length: count }, (_, i) => perColumn.map((vs) => vs[i] ?? null));
    out.push({ table: t.tablename, columns, rows });
  }
  return out;
}
