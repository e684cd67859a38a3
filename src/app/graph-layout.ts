// Lanes for the revision graph, newest at the top as `flask db history` prints it: each revision
// sits in a lane, and edges run from a row to the next row, towards each revision's parents
// (its down revisions). Branch points gather several children into one lane; merges fan out.

export interface GraphNode {
  readonly id: string;
  readonly parents: readonly string[];
}

export interface GraphEdge {
  /** Lane at this row. */
  readonly from: number;
  /** Lane at the next row. */
  readonly to: number;
}

export interface GraphRow {
  readonly id: string;
  readonly lane: number;
  readonly edges: readonly GraphEdge[];
}

export interface GraphLayout {
  readonly rows: readonly GraphRow[];
  readonly lanes: number;
}

function freeSlot(lanes: (string | null)[]): number {
  const i = lanes.indexOf(null);
  return i === -1 ? lanes.length : i;
}

/** `nodes` must be newest first (children before their parents). */
export function layoutGraph(nodes: readonly GraphNode[]): GraphLayout {
  let lanes: (string | null)[] = [];
  let width = 0;
  const rows: GraphRow[] = [];
  for (const node of nodes) {
    let lane = lanes.indexOf(node.id);
    if (lane === -1) lane = freeSlot(lanes);
    const after = [...lanes];
    after[lane] = null;
    const edges: GraphEdge[] = [];
    for (const parent of node.parents) {
      let to = after.indexOf(parent);
      if (to === -1) {
        to = after[lane] === null ? lane : freeSlot(after);
        after[to] = parent;
      } else if (to > lane && after[lane] === null) {
        // A sibling already waits for this parent further right: converge into the left lane.
        after[to] = null;
        after[lane] = parent;
        to = lane;
      }
      edges.push({ from: lane, to });
    }
    lanes.forEach((waiting, j) => {
      const to = waiting === null || j === lane ? -1 : after.indexOf(waiting);
      if (to !== -1) edges.push({ from: j, to });
    });
    width = Math.max(width, lane + 1, after.length);
    while (after.length > 0 && after[after.length - 1] === null) after.pop();
    lanes = after;
    rows.push({ id: node.id, lane, edges });
  }
  return { rows, lanes: Math.max(width, 1) };
}

/** Every revision reachable from `from` through down revisions, `from` included. */
export function ancestorsOf(nodes: readonly GraphNode[], from: readonly string[]): Set<string> {
  const parents = new Map(nodes.map((n) => [n.id, n.parents]));
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(parents.get(id) ?? []));
  }
  return seen;
}

/** "upgrade/downgrade to here": downgrade when the revision is already applied, else upgrade. */
export function stepTowards(nodes: readonly GraphNode[], current: readonly string[], target: string): readonly string[] | null {
  if (current.length === 1 && current[0] === target) return null;
  return ancestorsOf(nodes, current).has(target) ? ["downgrade", target] : ["upgrade", target];
}

/**
 * Newest first: every revision after all of its children, one branch kept together where it can
 * be (a stack of ready revisions), as `flask db history` reads top to bottom.
 */
export function orderNewestFirst(nodes: readonly GraphNode[]): GraphNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (const n of nodes) for (const p of n.parents) if (children.has(p)) children.set(p, children.get(p)! + 1);
  const ready = nodes.filter((n) => children.get(n.id) === 0).reverse();
  const out: GraphNode[] = [];
  while (ready.length > 0) {
    const node = ready.pop()!;
    out.push(node);
    for (const p of [...node.parents].reverse()) {
      const left = children.get(p);
      if (left === undefined) continue;
      children.set(p, left - 1);
      if (left === 1) ready.push(byId.get(p)!);
    }
  }
  // A cycle leaves revisions unplaced: list them last rather than lose them.
  for (const n of nodes) if (!out.includes(n)) out.push(n);
  return out;
}
