// Keyboard shortcuts, listed in the help dialog. Ctrl+Alt (Cmd+Alt on macOS) keeps clear of the
// editor's own bindings; the terminal takes VS Code's Ctrl+` . Matching uses `code`, because Alt
// changes `key` on macOS layouts. The step-through takes function keys without Ctrl, as
// debuggers do (F10 steps over); Monaco leaves F9 and F10 alone.

export type ShortcutAction =
  | "generate" | "upgrade" | "downgrade" | "terminal" | "help"
  | "step-forward" | "step-back" | "step-play" | "step-to-end" | "step-cancel";

export interface Shortcut {
  readonly action: ShortcutAction;
  readonly code: string;
  readonly alt: boolean;
  /** A function key, pressed without Ctrl (Shift as given): the step-through's, as in debuggers. */
  readonly functionKey?: { readonly shift: boolean };
  readonly keys: string;
  readonly description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: "generate", code: "KeyG", alt: true, keys: "Ctrl+Alt+G", description: "Generate a migration from the pending changes" },
  { action: "upgrade", code: "KeyU", alt: true, keys: "Ctrl+Alt+U", description: "Upgrade one step" },
  { action: "downgrade", code: "KeyD", alt: true, keys: "Ctrl+Alt+D", description: "Downgrade one step" },
  { action: "terminal", code: "Backquote", alt: false, keys: "Ctrl+`", description: "Focus the terminal" },
  { action: "help", code: "KeyH", alt: true, keys: "Ctrl+Alt+H", description: "Show this help" },
  { action: "step-forward", code: "F10", alt: false, functionKey: { shift: false }, keys: "F10", description: "Step-through: step forward" },
  { action: "step-back", code: "F10", alt: false, functionKey: { shift: true }, keys: "Shift+F10", description: "Step-through: step back" },
  { action: "step-play", code: "F9", alt: false, functionKey: { shift: false }, keys: "F9", description: "Step-through: play or pause" },
  { action: "step-to-end", code: "F9", alt: false, functionKey: { shift: true }, keys: "Shift+F9", description: "Step-through: run to end" },
  { action: "step-cancel", code: "Escape", alt: false, functionKey: { shift: true }, keys: "Shift+Esc", description: "Step-through: cancel" },
];

/** The actions that move a step-through: they only apply while one is open. */
export const STEP_ACTIONS: ReadonlySet<ShortcutAction> = new Set(["step-forward", "step-back", "step-play", "step-to-end", "step-cancel"]);

export interface KeyLike {
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

export function matchShortcut(event: KeyLike): ShortcutAction | null {
  const ctrl = event.ctrlKey || event.metaKey;
  const found = SHORTCUTS.find((s) => {
    if (s.code !== event.code || s.alt !== event.altKey) return false;
    return s.functionKey ? !ctrl && s.functionKey.shift === event.shiftKey : ctrl && !event.shiftKey;
  });
  return found?.action ?? null;
}
