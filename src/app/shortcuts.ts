// Keyboard shortcuts, listed in the help dialog. Ctrl+Alt (Cmd+Alt on macOS) keeps clear of the
// editor's own bindings; the terminal takes VS Code's Ctrl+` . Matching uses `code`, because Alt
// changes `key` on macOS layouts.

export type ShortcutAction = "generate" | "upgrade" | "downgrade" | "terminal" | "help";

export interface Shortcut {
  readonly action: ShortcutAction;
  readonly code: string;
  readonly alt: boolean;
  readonly keys: string;
  readonly description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: "generate", code: "KeyG", alt: true, keys: "Ctrl+Alt+G", description: "Generate a migration from the pending changes" },
  { action: "upgrade", code: "KeyU", alt: true, keys: "Ctrl+Alt+U", description: "Upgrade one step" },
  { action: "downgrade", code: "KeyD", alt: true, keys: "Ctrl+Alt+D", description: "Downgrade one step" },
  { action: "terminal", code: "Backquote", alt: false, keys: "Ctrl+`", description: "Focus the terminal" },
  { action: "help", code: "KeyH", alt: true, keys: "Ctrl+Alt+H", description: "Show this help" },
];

export interface KeyLike {
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

export function matchShortcut(event: KeyLike): ShortcutAction | null {
  if (event.shiftKey || !(event.ctrlKey || event.metaKey)) return null;
  return SHORTCUTS.find((s) => s.code === event.code && s.alt === event.altKey)?.action ?? null;
}
