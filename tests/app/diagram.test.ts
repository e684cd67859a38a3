import "./support/runes";
import { describe, expect, test } from "vitest";
import { diffSchemaTables } from "../../src/engine/index";
import { HEADER_HEIGHT, ROW_HEIGHT, toDiagramGraph } from "../../src/app/diagram-graph";
import { layoutDiagram, type DiagramLayout } from "../../src/app/diagram-layout";
import { diagramSvg } from "../../src/app/diagram-svg";
import { SchemaDiagram } from "../../src/app/diagram.svelte";
import type { ColumnView, TableView } from "../../src/app/protocol";

const col = (name: string, extra: Partial<ColumnView> = {}): ColumnView => ({
  name, type: "INTEGER", nullable: true, primaryKey: false, unique: false, indexed: false, references: null, serverDefault: null, ...extra,
});
const table = (name: string, columns: ColumnView[]): TableView => ({ name, columns, indexes: [], rowCount: 0 });
const id = (name: string) => col(name, { primaryKey: true, nullable: false });

const roles = table("roles", [id("id"), col("name", { type: "VARCHAR(64)", unique: true })]);
const users = table("users", [id("id"), col("username", { type: "VARCHAR(64)", indexed: true }), col("role_id", { references: "roles.id" })]);
const posts = table("posts", [id("id"), col("body", { type: "TEXT" }), col("author_id", { references: "users.id" })]);

/** n tables in chains of four (t0 <- t1 <- t2 <- t3, t4 <- …), like a larger project's schema. */
function manyTables(n: number): TableView[] {
  return Array.from({ length: n }, (_, i) => table(`table_${i}`, [
    id("id"), col("title", { type: "VARCHAR(200)" }), col("created_at", { type: "DATETIME" }),
    ...(i % 4 === 0 ? [] : [col(`table_${i - 1}_id`, { references: `table_${i - 1}.id` })]),
  ]));
}

function overlaps(layout: DiagramLayout): string[] {
  const found: string[] = [];
  layout.nodes.forEach((a, i) => layout.nodes.slice(i + 1).forEach((b) => {
    if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) found.push(`${a.id}/${b.id}`);
  }));
  return found;
}

describe("projection", () => {
  test("every table is a node, sized for its rows, and every foreign key an edge between column rows", () => {
    const graph = toDiagramGraph(diffSchemaTables([users, roles, posts], [users, roles, posts]));
    expect(graph.nodes.map((n) => n.id)).toEqual(["users", "roles", "posts"]);
    expect(graph.nodes[0]!.height).toBeGreaterThanOrEqual(HEADER_HEIGHT + 3 * ROW_HEIGHT);
    expect(graph.edges.map((e) => [e.source, e.sourceHandle, e.target, e.targetHandle])).toEqual([
      ["users", "out:role_id", "roles", "in:id"], ["posts", "out:author_id", "users", "in:id"],
    ]);
  });

  test("rows carry badges, and an altered type reads old → new with what changed in words", () => {
    const wider = table("users", [id("id"), col("username", { type: "VARCHAR(120)", indexed: true, nullable: false }), col("role_id", { references: "roles.id" })]);
    const [node] = toDiagramGraph(diffSchemaTables([users], [wider])).nodes;
    expect(node!.rows.map((r) => [r.name, r.change, r.type, r.badges])).toEqual([
      ["id", "unchanged", "INTEGER", ["PK"]],
      ["username", "altered", "VARCHAR(64) → VARCHAR(120)", ["IX"]],
      ["role_id", "unchanged", "INTEGER", ["FK"]],
    ]);
    expect(node!.rows[1]!.changes).toEqual(["type VARCHAR(64) → VARCHAR(120)", "nullable yes → no"]);
  });

  test("a node is wide enough for its longest name and type", () => {
    const long = table("a_table_with_a_rather_long_name", [col("x", { type: "VARCHAR(64) → VARCHAR(120)" })]);
    const [node] = toDiagramGraph(diffSchemaTables([long], [long])).nodes;
    expect(node!.width).toBeGreaterThan("a_table_with_a_rather_long_name".length * 7);
    expect(node!.typeWidth).toBeGreaterThan("VARCHAR(64) → VARCHAR(120)".length * 7);
  });

  test("removed tables are still nodes, marked removed, with their edges removed", () => {
    const graph = toDiagramGraph(diffSchemaTables([users, roles, posts], [users, roles]));
    expect(graph.nodes.map((n) => [n.id, n.change])).toEqual([["users", "unchanged"], ["roles", "unchanged"], ["posts", "removed"]]);
    expect(graph.nodes[2]!.rows.every((r) => r.change === "removed")).toBe(true);
    expect(graph.edges.find((e) => e.source === "posts")?.change).toBe("removed");
  });
});

describe("layout", () => {
  test.each([
    ["the tutorial's tables", [users, roles, posts]],
    ["fifty tables in chains", manyTables(50)],
    ["tables without keys and a self-reference", [table("a", [id("id"), col("parent_id", { references: "a.id" })]), table("b", [id("id")]), table("c", [id("id")])]],
  ])("%s: finite positions, no two nodes overlapping, the box holding them all", (_, tables) => {
    const layout = layoutDiagram(toDiagramGraph(diffSchemaTables(tables, tables)));
    expect(layout.nodes).toHaveLength(tables.length);
    for (const n of layout.nodes) expect([n.x, n.y, n.width, n.height].every(Number.isFinite)).toBe(true);
    expect(overlaps(layout)).toEqual([]);
    expect(Math.min(...layout.nodes.map((n) => n.x))).toBe(0);
    expect(Math.max(...layout.nodes.map((n) => n.x + n.width))).toBeCloseTo(layout.width);
    expect(Math.max(...layout.nodes.map((n) => n.y + n.height))).toBeCloseTo(layout.height);
  });

  test("a referring table sits left of the table it refers to", () => {
    const layout = layoutDiagram(toDiagramGraph(diffSchemaTables([], [users, roles])));
    const at = (name: string) => layout.nodes.find((n) => n.id === name)!;
    expect(at("users").x + at("users").width).toBeLessThan(at("roles").x);
  });

  test("fifty tables make a block, not a column fifty tables tall", () => {
    const layout = layoutDiagram(toDiagramGraph(diffSchemaTables([], manyTables(50))));
    expect(layout.width / layout.height).toBeGreaterThan(1);
    expect(layout.width / layout.height).toBeLessThan(3);
  });

  test("an empty schema lays out as nothing", () => {
    expect(layoutDiagram(toDiagramGraph(diffSchemaTables([], [])))).toEqual({ nodes: [], edges: [], width: 0, height: 0 });
  });
});

describe("SVG", () => {
  test("is well-formed standalone SVG with every table, column, and edge, names escaped", () => {
    const odd = table("a<b>&\"c'", [id("id")]);
    const tables = [users, roles, posts, odd];
    const svg = diagramSvg(layoutDiagram(toDiagramGraph(diffSchemaTables(tables, tables))));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toContain("foreignObject");
    for (const name of ["users", "roles", "posts", "role_id", "author_id", "a&lt;b&gt;&amp;&quot;c&#39;"]) expect(svg).toContain(`>${name}<`);
    expect(svg.match(/<path d="M[^"]*" fill="none"/g)).toHaveLength(2);
    // every tag closes: a parser would refuse the file otherwise
    const opened = [...svg.matchAll(/<(\w+)[^>]*?(\/?)>/g)].filter((m) => m[2] !== "/").map((m) => m[1]);
    const closed = [...svg.matchAll(/<\/(\w+)>/g)].map((m) => m[1]);
    expect(opened.sort()).toEqual(closed.sort());
  });

  test("marks changes: removed struck through and dashed, the change named on the table", () => {
    const svg = diagramSvg(layoutDiagram(toDiagramGraph(diffSchemaTables([users, roles, posts], [users, roles]))));
    expect(svg).toContain('text-decoration="line-through">posts<');
    expect(svg).toContain(">removed<");
    expect(svg).toContain('stroke-dasharray="6 4"');
  });
});

describe("state", () => {
  test("compares the tables with the baseline, or with themselves when there is none", () => {
    const diagram = new SchemaDiagram();
    diagram.update(null, [users, roles]);
    expect(diagram.diff.tables.map((t) => t.change)).toEqual(["unchanged", "unchanged"]);
    diagram.update([users, roles, posts], [users, roles]);
    expect(diagram.diff.tables.map((t) => [t.name, t.change])).toEqual([["users", "unchanged"], ["roles", "unchanged"], ["posts", "removed"]]);
    expect(diagram.layout.nodes).toHaveLength(3);
  });

  test("the same inputs again keep the view (no new fit); new ones and the Fit button ask for one", () => {
    const diagram = new SchemaDiagram();
    const current = [users, roles];
    diagram.update(null, current);
    const fits = diagram.fitRequests;
    diagram.update(null, current);
    expect(diagram.fitRequests).toBe(fits);
    diagram.update(current, [users]);
    diagram.fitToView();
    expect(diagram.fitRequests).toBe(fits + 2);
  });

  test("expanding to the whole window and back fits the diagram each time; asking twice changes nothing", () => {
    const diagram = new SchemaDiagram();
    diagram.update(null, [users, roles]);
    const fits = diagram.fitRequests;
    diagram.setExpanded(true);
    diagram.setExpanded(true);
    expect([diagram.expanded, diagram.fitRequests]).toEqual([true, fits + 1]);
    diagram.setExpanded(false);
    expect([diagram.expanded, diagram.fitRequests]).toEqual([false, fits + 2]);
  });

  test("downloads: an SVG file named after the playground, and a PNG at twice its size", async () => {
    const diagram = new SchemaDiagram();
    diagram.update(null, [users, roles]);
    const svg = diagram.svgDownload("Tutorial playground");
    expect([svg.name, svg.type]).toEqual(["tutorial-playground-schema.svg", "image/svg+xml"]);
    expect(new TextDecoder().decode(svg.bytes)).toContain(">users<");
    const asked: number[][] = [];
    const png = await diagram.pngDownload("Tutorial playground", async (_svg, w, h) => (asked.push([w, h]), new Uint8Array([137, 80])));
    expect([png.name, png.type, [...png.bytes]]).toEqual(["tutorial-playground-schema.png", "image/png", [137, 80]]);
    const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(new TextDecoder().decode(svg.bytes))!;
    expect(asked).toEqual([[Number(w) * 2, Number(h) * 2]]);
  });
});
