// The laid-out diagram as a standalone SVG file: the same boxes, rows, badges and edges as the
// page draws, from the same geometry, in plain SVG elements (no HTML inside), so that any viewer
// opens it and a canvas can draw it for the PNG without being tainted.

import { BADGE_WIDTH, COLUMN_GAP, HEADER_HEIGHT, PADDING_X, ROW_HEIGHT, rowCenterY, type DiagramNode } from "./diagram-graph";
import type { DiagramLayout, PlacedNode } from "./diagram-layout";

const MARGIN = 24;
const FONT = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";

/** Colours of the saved picture: light, whatever the page's theme, as a file is read anywhere. */
const COLORS = {
  background: "#ffffff", box: "#ffffff", header: "#f0f0ec", border: "#b9b9b0", text: "#1d1d1b", muted: "#65655e",
  added: "#1f7a38", removed: "#b3261e", altered: "#8a5a00", edge: "#7d7d74", addedFill: "#e3f4e7", removedFill: "#fbe6e4", alteredFill: "#fff2b3",
};

const changeColor = (change: string) =>
  change === "added" ? COLORS.added : change === "removed" ? COLORS.removed : change === "altered" ? COLORS.altered : COLORS.border;
const changeFill = (change: string) =>
  change === "added" ? COLORS.addedFill : change === "removed" ? COLORS.removedFill : change === "altered" ? COLORS.alteredFill : null;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

function text(x: number, y: number, content: string, attrs = ""): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(content)}</text>`;
}

function nodeSvg(n: PlacedNode): string {
  const color = changeColor(n.change);
  const out = [`<g transform="translate(${n.x} ${n.y})"${n.change === "removed" ? ' opacity="0.6"' : ""}>`];
  out.push(`<title>${escapeXml(`Table ${n.table} (${n.change})`)}</title>`);
  out.push(`<rect width="${n.width}" height="${n.height}" rx="5" fill="${COLORS.box}" stroke="${color}" stroke-width="${n.change === "unchanged" ? 1 : 2}"/>`);
  out.push(`<path d="M0 5a5 5 0 0 1 5-5h${n.width - 10}a5 5 0 0 1 5 5v${HEADER_HEIGHT - 5}h${-n.width}z" fill="${changeFill(n.change) ?? COLORS.header}"/>`);
  out.push(text(PADDING_X, 19, n.table, `font-weight="700"${n.change === "removed" ? ' text-decoration="line-through"' : ""}`));
  if (n.change !== "unchanged") out.push(text(n.width - PADDING_X, 19, n.change, `text-anchor="end" font-size="11" fill="${color}"`));
  n.rows.forEach((r, i) => {
    const top = HEADER_HEIGHT + i * ROW_HEIGHT;
    const fill = changeFill(r.change);
    if (fill && n.change === "altered") out.push(`<rect x="1" y="${top}" width="${n.width - 2}" height="${ROW_HEIGHT}" fill="${fill}"/>`);
    const base = top + 15;
    const struck = r.change === "removed" ? ' text-decoration="line-through"' : "";
    out.push(text(PADDING_X, base, r.name, `font-weight="600"${struck}`));
    out.push(text(PADDING_X + n.nameWidth + COLUMN_GAP, base, r.type, `fill="${COLORS.muted}"${struck}`));
    r.badges.forEach((b, j) => {
      const x = PADDING_X + n.nameWidth + COLUMN_GAP + n.typeWidth + COLUMN_GAP + j * BADGE_WIDTH;
      out.push(`<rect x="${x}" y="${top + 4}" width="${BADGE_WIDTH - 4}" height="14" rx="3" fill="none" stroke="${COLORS.border}"/>`);
      out.push(text(x + (BADGE_WIDTH - 4) / 2, top + 15, b, `text-anchor="middle" font-size="9.5" fill="${COLORS.muted}"`));
    });
  });
  out.push("</g>");
  return out.join("");
}

/** A curve from the right of the referring row to the left of the referred one (a loop for a self-reference). */
export function edgePath(source: PlacedNode, sourceColumn: string, target: PlacedNode, targetColumn: string): string {
  const x1 = source.x + source.width;
  const y1 = source.y + rowCenterY(source, sourceColumn);
  const x2 = target.x;
  const y2 = target.y + rowCenterY(target, targetColumn);
  if (source.id === target.id) {
    const out = x1 + 40;
    return `M${x1} ${y1}C${out} ${y1} ${out} ${y2 - 30} ${x1 + 10} ${y2 - 30}S${x2 - 40} ${y2} ${x2} ${y2}`;
  }
  const bend = Math.max(40, Math.abs(x2 - x1) / 2);
  return `M${x1} ${y1}C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}`;
}

const handleColumn = (handle: string) => handle.slice(handle.indexOf(":") + 1);

export function diagramSvg(layout: DiagramLayout): string {
  const byId = new Map<string, DiagramNode & PlacedNode>(layout.nodes.map((n) => [n.id, n]));
  const width = Math.ceil(layout.width + MARGIN * 2);
  const height = Math.ceil(layout.height + MARGIN * 2);
  const edges = layout.edges.flatMap((e) => {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) return [];
    const color = e.change === "unchanged" ? COLORS.edge : changeColor(e.change);
    const dash = e.change === "removed" ? ' stroke-dasharray="6 4"' : "";
    return [`<path d="${edgePath(s, handleColumn(e.sourceHandle), t, handleColumn(e.targetHandle))}" fill="none" stroke="${color}" stroke-width="1.5"${dash} marker-end="url(#arrow)"><title>${escapeXml(e.label)}</title></path>`];
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="12" fill="${COLORS.text}">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${COLORS.edge}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="${COLORS.background}"/>`,
    `<g transform="translate(${MARGIN} ${MARGIN})">`,
    ...edges,
    ...layout.nodes.map(nodeSvg),
    "</g></svg>",
  ].join("\n");
}
