// The schema diagram's state: the tables now against a baseline (before the last step, or the
// start of a step-through), as a diff, a graph and a layout, and the picture as SVG or PNG files.
// The component draws `layout` and asks Svelte Flow to fit when `fitRequests` moves.

import { diffSchemaTables, type DiffTable, type SchemaDiff } from "../engine/index";
import { toDiagramGraph } from "./diagram-graph";
import { layoutDiagram, type DiagramLayout } from "./diagram-layout";
import { diagramSvg } from "./diagram-svg";
import { fileStem, type Download } from "./transfer";

/** The PNG is drawn at twice the SVG's size, so that it stays sharp on a high-density screen. */
export const PNG_SCALE = 2;

/** Draws an SVG text onto a canvas of width × height pixels and returns the PNG bytes (the page's canvas in the browser). */
export type PngRenderer = (svg: string, width: number, height: number) => Promise<Uint8Array>;

export class SchemaDiagram {
  diff = $state.raw<SchemaDiff>({ tables: [], edges: [] });
  layout = $state.raw<DiagramLayout>({ nodes: [], edges: [], width: 0, height: 0 });
  /** Bumped when the view should fit the whole diagram (a new layout, or the Fit button). */
  fitRequests = $state(0);
  /** Drawn over the whole window rather than in the database panel (a large schema needs the room). */
  expanded = $state(false);

  #baseline: readonly DiffTable[] | null = null;
  #current: readonly DiffTable[] | null = null;

  /**
   * Recomputes the picture for `current` against `baseline` (null: nothing to compare, every
   * table unchanged). The same two lists again change nothing, so the view keeps its pan and zoom.
   */
  update(baseline: readonly DiffTable[] | null, current: readonly DiffTable[]): void {
    if (baseline === this.#baseline && current === this.#current) return;
    this.#baseline = baseline;
    this.#current = current;
    this.diff = diffSchemaTables(baseline ?? current, current);
    this.layout = layoutDiagram(toDiagramGraph(this.diff));
    this.fitRequests++;
  }

  fitToView(): void {
    this.fitRequests++;
  }

  /** In or out of the whole window; the diagram is fitted again to its new size. */
  setExpanded(expanded: boolean): void {
    if (expanded === this.expanded) return;
    this.expanded = expanded;
    this.fitRequests++;
  }

  svgDownload(title: string): Download {
    return { name: `${fileStem(title)}-schema.svg`, type: "image/svg+xml", bytes: new TextEncoder().encode(diagramSvg(this.layout)) };
  }

  async pngDownload(title: string, render: PngRenderer): Promise<Download> {
    const svg = diagramSvg(this.layout);
    const [, width, height] = /width="(\d+)" height="(\d+)"/.exec(svg) ?? ["", "0", "0"];
    const bytes = await render(svg, Number(width) * PNG_SCALE, Number(height) * PNG_SCALE);
    return { name: `${fileStem(title)}-schema.png`, type: "image/png", bytes };
  }
}

/** The browser's renderer: the SVG as an image, drawn on a canvas of `doc`, encoded as PNG. */
export function canvasPngRenderer(doc: Document): PngRenderer {
  return async (svg, width, height) => {
    const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      const canvas = doc.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d");
      if (!context) throw new Error("This browser gave no 2D canvas to draw the PNG on: save the diagram as SVG instead.");
      context.drawImage(image, 0, 0, width, height);
      const blob = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, "image/png"));
      if (!blob) throw new Error("The browser could not encode the diagram as PNG (it may be too large): save it as SVG instead.");
      return new Uint8Array(await blob.arrayBuffer());
    } finally {
      URL.revokeObjectURL(url);
    }
  };
}
