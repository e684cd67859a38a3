// Positions for the diagram's nodes. dagre lays out each group of tables joined by foreign keys
// (referring tables left of the tables they refer to); the groups, and the tables with no keys
// at all, are then placed in rows like words on a page, so that fifty unrelated tables make a
// block that fits a screen rather than one column fifty tables tall. Only imported by the lazily
// loaded diagram, so dagre stays out of the page's first download.

import dagre from "@dagrejs/dagre";
import type { DiagramEdge, DiagramGraph, DiagramNode } from "./diagram-graph";

export const NODE_GAP = 36;
export const RANK_GAP = 90;
/** Space between the groups placed in rows. */
export const GROUP_GAP = 56;

export interface PlacedNode extends DiagramNode {
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
}

export interface DiagramLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly DiagramEdge[];
  readonly width: number;
  readonly height: number;
}

interface Group {
  readonly nodes: PlacedNode[];
  readonly width: number;
  readonly height: number;
}

/** Groups of nodes joined by edges (in either direction), each in the order of `nodes`. */
function connectedGroups(graph: DiagramGraph): DiagramNode[][] {
  const parent = new Map(graph.nodes.map((n) => [n.id, n.id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    return r;
  };
  for (const e of graph.edges) if (parent.has(e.source) && parent.has(e.target)) parent.set(root(e.source), root(e.target));
  const groups = new Map<string, DiagramNode[]>();
  for (const n of graph.nodes) {
    const r = root(n.id);
    groups.set(r, [...(groups.get(r) ?? []), n]);
  }
  return [...groups.values()];
}

function layoutGroup(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[]): Group {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: NODE_GAP, ranksep: RANK_GAP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) {
    // a self-reference (users.manager_id -> users.id) is drawn, but has nothing to rank
    if (ids.has(e.source) && ids.has(e.target) && e.source !== e.target) g.setEdge(e.source, e.target, {}, e.id);
  }
  dagre.layout(g);
  const placed = nodes.map((n) => {
    const at = g.node(n.id);
    return { ...n, x: at.x - n.width / 2, y: at.y - n.height / 2 };
  });
  return normalised(placed);
}

/** The group moved so that its top-left corner is 0,0, with its size. */
function normalised(nodes: readonly PlacedNode[]): Group {
  const left = Math.min(...nodes.map((n) => n.x));
  const top = Math.min(...nodes.map((n) => n.y));
  const moved = nodes.map((n) => ({ ...n, x: n.x - left, y: n.y - top }));
  return {
    nodes: moved,
    width: Math.max(...moved.map((n) => n.x + n.width)),
    height: Math.max(...moved.map((n) => n.y + n.height)),
  };
}

/** The screen-like shape the groups are packed towards (width:height). */
const TARGET_ASPECT = 1.6;

/** Groups in rows no wider than `rowWidth`, left to right, a row as tall as its tallest group. */
function placeInRows(groups: readonly Group[], rowWidth: number): { nodes: PlacedNode[]; width: number; height: number } {
  const nodes: PlacedNode[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const g of groups) {
    if (x > 0 && x + g.width > rowWidth) {
      x = 0;
      y += rowHeight + GROUP_GAP;
      rowHeight = 0;
    }
    for (const n of g.nodes) nodes.push({ ...n, x: n.x + x, y: n.y + y });
    width = Math.max(width, x + g.width);
    rowHeight = Math.max(rowHeight, g.height);
    x += g.width + GROUP_GAP;
  }
  return { nodes, width, height: y + rowHeight };
}

/**
 * The row width whose packing comes closest to TARGET_ASPECT: groups are of uneven sizes, so
 * the width a square root of their area suggests is only where the search starts.
 */
function packed(groups: readonly Group[]): { nodes: PlacedNode[]; width: number; height: number } {
  const area = groups.reduce((sum, g) => sum + (g.width + GROUP_GAP) * (g.height + GROUP_GAP), 0);
  const start = Math.sqrt(area * TARGET_ASPECT);
  const widest = Math.max(...groups.map((g) => g.width));
  const miss = (p: { width: number; height: number }) => Math.abs(Math.log(p.width / p.height / TARGET_ASPECT));
  let best = placeInRows(groups, Math.max(start, widest));
  for (let k = 0.6; k <= 2.5; k += 0.1) {
    const candidate = placeInRows(groups, Math.max(start * k, widest));
    if (miss(candidate) < miss(best)) best = candidate;
  }
  return best;
}

export function layoutDiagram(graph: DiagramGraph): DiagramLayout {
  if (graph.nodes.length === 0) return { nodes: [], edges: graph.edges, width: 0, height: 0 };
  const groups = connectedGroups(graph).map((nodes) => layoutGroup(nodes, graph.edges));
  // the largest groups first: they are the ones the reader looks for, and rows pack tighter
  groups.sort((a, b) => b.nodes.length - a.nodes.length || b.height - a.height);
  const placed = packed(groups);
  const order = new Map(graph.nodes.map((n, i) => [n.id, i]));
  placed.nodes.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { nodes: placed.nodes, edges: graph.edges, width: placed.width, height: placed.height };
}
