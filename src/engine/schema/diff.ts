// What changed between two schemas, table by table and column by column, and the foreign keys
// between the tables of both: the data the schema diagram draws. It reads the flat column shape
// the worker already sends to the page (a type name, PK/unique/index flags, "table.column"
// references), so that it runs on the main thread on data that is there anyway, and the
// baseline is any earlier list of those tables.

export type ChangeKind = "added" | "removed" | "altered" | "unchanged";

export interface DiffColumn {
  readonly name: string;
  /** The type as DDL ("VARCHAR(120)"). */
  readonly type: string;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly indexed: boolean;
  /** "roles.id" when the column refers to another table's column. */
  readonly references: string | null;
  readonly serverDefault?: string | null;
}

export interface DiffTable {
  readonly name: string;
  readonly columns: readonly DiffColumn[];
  readonly indexes?: readonly { readonly name: string; readonly columns: readonly string[]; readonly unique: boolean }[];
}

/** The properties of a column that can change, as `DiffColumn` names them. */
export type ColumnAspect = "type" | "nullable" | "primaryKey" | "unique" | "indexed" | "references" | "serverDefault";
const ASPECTS: readonly ColumnAspect[] = ["type", "nullable", "primaryKey", "unique", "indexed", "references", "serverDefault"];

export interface ColumnChange {
  readonly name: string;
  readonly change: ChangeKind;
  /** The column as it is now; as it was, for a removed one. */
  readonly column: DiffColumn;
  /** The column as it was at the baseline (null for an added one). */
  readonly before: DiffColumn | null;
  /** What differs from the baseline, for an altered column. */
  readonly altered: readonly ColumnAspect[];
}

export interface TableChange {
  readonly name: string;
  readonly change: ChangeKind;
  /** The current columns in order, then the removed ones. */
  readonly columns: readonly ColumnChange[];
}

export interface ForeignKeyEdge {
  /** Unique within one diff: "users.role_id->roles.id", with ":removed" for an old reference. */
  readonly id: string;
  readonly table: string;
  readonly column: string;
  readonly referredTable: string;
  readonly referredColumn: string;
  readonly change: "added" | "removed" | "unchanged";
}

export interface SchemaDiff {
  /** The current tables in their order, then the removed ones. */
  readonly tables: readonly TableChange[];
  /** Only between tables of `tables`: a reference to a table that exists in neither schema has no end to draw. */
  readonly edges: readonly ForeignKeyEdge[];
}

export const columnAspectsChanged = (was: DiffColumn, now: DiffColumn): ColumnAspect[] =>
  ASPECTS.filter((a) => (was[a] ?? null) !== (now[a] ?? null));

const indexKey = (t: DiffTable) =>
  (t.indexes ?? []).map((i) => `${i.name}:${i.unique}:${i.columns.join(",")}`).sort().join(";");

function diffTable(before: DiffTable | undefined, now: DiffTable): TableChange {
  if (!before) {
    const columns = now.columns.map((c) => ({ name: c.name, change: "added" as const, column: c, before: null, altered: [] }));
    return { name: now.name, change: "added", columns };
  }
  const old = new Map(before.columns.map((c) => [c.name, c]));
  const columns: ColumnChange[] = now.columns.map((c) => {
    const was = old.get(c.name);
    if (!was) return { name: c.name, change: "added", column: c, before: null, altered: [] };
    const altered = columnAspectsChanged(was, c);
    return { name: c.name, change: altered.length > 0 ? "altered" : "unchanged", column: c, before: was, altered };
  });
  const current = new Set(now.columns.map((c) => c.name));
  for (const c of before.columns) {
    if (!current.has(c.name)) columns.push({ name: c.name, change: "removed", column: c, before: c, altered: [] });
  }
  const changed = columns.some((c) => c.change !== "unchanged") || indexKey(before) !== indexKey(now);
  return { name: now.name, change: changed ? "altered" : "unchanged", columns };
}

const removedTable = (t: DiffTable): TableChange => ({
  name: t.name,
  change: "removed",
  columns: t.columns.map((c) => ({ name: c.name, change: "removed", column: c, before: c, altered: [] })),
});

/** "roles.id" -> ["roles", "id"]; the last dot splits, as a column name has none in a reference. */
function splitReference(reference: string): [string, string] {
  const dot = reference.lastIndexOf(".");
  return dot < 0 ? [reference, ""] : [reference.slice(0, dot), reference.slice(dot + 1)];
}

function edgesOf(tables: readonly TableChange[]): ForeignKeyEdge[] {
  const drawn = new Set(tables.map((t) => t.name));
  const edges: ForeignKeyEdge[] = [];
  const add = (table: string, column: string, reference: string | null, change: ForeignKeyEdge["change"]) => {
    if (reference === null) return;
    const [referredTable, referredColumn] = splitReference(reference);
    if (!drawn.has(referredTable)) return;
    const id = `${table}.${column}->${reference}${change === "removed" ? ":removed" : ""}`;
    edges.push({ id, table, column, referredTable, referredColumn, change });
  };
  for (const t of tables) {
    for (const c of t.columns) {
      if (c.change === "removed") add(t.name, c.name, c.column.references, "removed");
      else if (c.before === null) add(t.name, c.name, c.column.references, "added");
      else if (c.before.references === c.column.references) add(t.name, c.name, c.column.references, "unchanged");
      else {
        add(t.name, c.name, c.before.references, "removed");
        add(t.name, c.name, c.column.references, "added");
      }
    }
  }
  return edges;
}

/**
 * Every table of `current`, marked against `baseline` (the schema at the start of a
 * step-through, or before the last step), with the baseline's removed tables and columns kept
 * so that they can be drawn as removed.
 */
export function diffSchemaTables(baseline: readonly DiffTable[], current: readonly DiffTable[]): SchemaDiff {
  const old = new Map(baseline.map((t) => [t.name, t]));
  const tables = current.map((t) => diffTable(old.get(t.name), t));
  const kept = new Set(current.map((t) => t.name));
  for (const t of baseline) if (!kept.has(t.name)) tables.push(removedTable(t));
  return { tables, edges: edgesOf(tables) };
}

export const hasSchemaChanges = (diff: SchemaDiff): boolean => diff.tables.some((t) => t.change !== "unchanged");
