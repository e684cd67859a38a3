// The schema diff as a graph to lay out and draw: one node per table, sized from its text, and
// one edge per foreign key from the referring column's row to the referred column's row. The
// sizes here are the ones the table node is drawn at (and the SVG export draws), so that the
// layout and the picture agree.

import type { ColumnAspect, ColumnChange, ForeignKeyEdge, SchemaDiff, TableChange } from "../engine/index";

export const HEADER_HEIGHT = 30;
export const ROW_HEIGHT = 22;
export const PADDING_X = 10;
/** Gap between the name, type and badge columns of a row. */
export const COLUMN_GAP = 12;
/** One character of the 12px monospace font the node uses (measured: 7.2 px), rounded up. */
export const CHAR_WIDTH = 7.4;
export const BADGE_WIDTH = 24;
const MIN_WIDTH = 160;

export type Badge = "PK" | "UQ" | "IX" | "FK";

export interface DiagramRow {
  readonly name: string;
  readonly change: ColumnChange["change"];
  /** The type as shown: "VARCHAR(120)", or "VARCHAR(64) → VARCHAR(120)" for a changed one. */
  readonly type: string;
  readonly nullable: boolean;
  readonly badges: readonly Badge[];
  /** What changed, in words, for a tooltip and screen readers: "type VARCHAR(64) → VARCHAR(120)". */
  readonly changes: readonly string[];
  readonly references: string | null;
}

export interface DiagramNode {
  readonly id: string;
  readonly table: string;
  readonly change: TableChange["change"];
  readonly rows: readonly DiagramRow[];
  readonly width: number;
  readonly height: number;
  /** Widths of the name and type columns inside the node. */
  readonly nameWidth: number;
  readonly typeWidth: number;
}

export interface DiagramEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly sourceHandle: string;
  readonly targetHandle: string;
  readonly change: ForeignKeyEdge["change"];
  readonly label: string;
}

export interface DiagramGraph {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/** Handle ids of a column's row: edges leave from the right and arrive on the left. */
export const sourceHandle = (column: string) => `out:${column}`;
export const targetHandle = (column: string) => `in:${column}`;
/** Node ids are the table names: unique in a schema, and removed tables keep theirs. */
export const nodeId = (table: string) => table;

const ASPECT_WORDS: Record<ColumnAspect, string> = {
  type: "type", nullable: "nullable", primaryKey: "primary key", unique: "unique", indexed: "index",
  references: "foreign key", serverDefault: "default",
};

function describe(aspect: ColumnAspect, c: ColumnChange): string {
  const show = (v: unknown) => (v === null || v === undefined ? "none" : typeof v === "boolean" ? (v ? "yes" : "no") : String(v));
  const was = c.before?.[aspect];
  return `${ASPECT_WORDS[aspect]} ${show(was)} → ${show(c.column[aspect])}`;
}

function toRow(c: ColumnChange): DiagramRow {
  const col = c.column;
  const badges: Badge[] = [];
  if (col.primaryKey) badges.push("PK");
  if (col.unique) badges.push("UQ");
  if (col.indexed) badges.push("IX");
  if (col.references !== null) badges.push("FK");
  const typeChanged = c.change === "altered" && c.before !== null && c.before.type !== col.type;
  return {
    name: c.name,
    change: c.change,
    type: typeChanged ? `${c.before?.type} → ${col.type}` : col.type,
    nullable: col.nullable,
    badges,
    changes: c.change === "altered" ? c.altered.map((a) => describe(a, c)) : [],
    references: col.references,
  };
}

const textWidth = (text: string) => Math.ceil(text.length * CHAR_WIDTH);

export function toDiagramNode(table: TableChange): DiagramNode {
  const rows = table.columns.map(toRow);
  const nameWidth = Math.max(...rows.map((r) => textWidth(r.name)), 0);
  const typeWidth = Math.max(...rows.map((r) => textWidth(r.type)), 0);
  const badges = Math.max(...rows.map((r) => r.badges.length), 0) * BADGE_WIDTH;
  const body = PADDING_X * 2 + nameWidth + COLUMN_GAP + typeWidth + (badges > 0 ? COLUMN_GAP + badges : 0);
  // the header holds the name and a change tag ("added") beside it
  const header = PADDING_X * 2 + textWidth(table.name) + (table.change === "unchanged" ? 0 : COLUMN_GAP + textWidth("unchanged"));
  return {
    id: nodeId(table.name),
    table: table.name,
    change: table.change,
    rows,
    width: Math.max(MIN_WIDTH, body, header),
    height: HEADER_HEIGHT + Math.max(1, rows.length) * ROW_HEIGHT + 4,
    nameWidth,
    typeWidth,
  };
}

/** The diff as nodes and edges; every table, removed ones too, is a node. */
export function toDiagramGraph(diff: SchemaDiff): DiagramGraph {
  return {
    nodes: diff.tables.map(toDiagramNode),
    edges: diff.edges.map((e) => ({
      id: e.id,
      source: nodeId(e.table),
      target: nodeId(e.referredTable),
      sourceHandle: sourceHandle(e.column),
      targetHandle: targetHandle(e.referredColumn),
      change: e.change,
      label: `${e.table}.${e.column} → ${e.referredTable}.${e.referredColumn}`,
    })),
  };
}

/** Where a column's row sits inside its node, for edge ends (the middle of the row). */
export function rowCenterY(node: DiagramNode, column: string): number {
  const index = Math.max(0, node.rows.findIndex((r) => r.name === column));
  return HEADER_HEIGHT + index * ROW_HEIGHT + ROW_HEIGHT / 2;
}
