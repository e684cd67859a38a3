import { expect, test } from "vitest";
import { matchShortcut, SHORTCUTS } from "../../src/app/shortcuts";

const key = (code: string, mods: { ctrl?: boolean; meta?: boolean; alt?: boolean; shift?: boolean } = {}) => ({
  code, ctrlKey: mods.ctrl ?? false, metaKey: mods.meta ?? false, altKey: mods.alt ?? false, shiftKey: mods.shift ?? false,
});

test("Ctrl+Alt (or Cmd+Alt) with a letter runs its action; Ctrl+` focuses the terminal", () => {
  expect(matchShortcut(key("KeyG", { ctrl: true, alt: true }))).toBe("generate");
  expect(matchShortcut(key("KeyU", { meta: true, alt: true }))).toBe("upgrade");
  expect(matchShortcut(key("KeyD", { ctrl: true, alt: true }))).toBe("downgrade");
  expect(matchShortcut(key("Backquote", { ctrl: true }))).toBe("terminal");
  expect(matchShortcut(key("KeyH", { ctrl: true, alt: true }))).toBe("help");
});

test("plain typing and the editor's own chords are left alone", () => {
  expect(matchShortcut(key("KeyG"))).toBeNull();
  expect(matchShortcut(key("KeyG", { ctrl: true }))).toBeNull();
  expect(matchShortcut(key("KeyG", { ctrl: true, alt: true, shift: true }))).toBeNull();
  expect(matchShortcut(key("Backquote", { ctrl: true, alt: true }))).toBeNull();
});

test("every action has one shortcut with a description for the help dialog", () => {
  expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
  expect(SHORTCUTS.every((s) => s.description.length > 0 && s.keys.length > 0)).toBe(true);
});
