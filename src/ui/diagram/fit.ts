// How the diagram fits its panel: clear of the toolbar above and the zoom controls on the left,
// so that no table starts under a button.
import type { FitViewOptions } from "@xyflow/svelte";

export const FIT_OPTIONS: FitViewOptions = {
  padding: { top: "48px", right: "16px", bottom: "16px", left: "56px" },
  maxZoom: 1.25,
  duration: 0,
};
