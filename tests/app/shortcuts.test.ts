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

test("the step-through's function keys work without Ctrl, and Shift picks the other action", () => {
  expect(matchShortcut(key("F10"))).toBe("step-forward");
  expect(matchShortcut(key("F10", { shift: true }))).toBe("step-back");
  expect(matchShortcut(key("F9"))).toBe("step-play");
  expect(matchShortcut(key("F9", { shift: true }))).toBe("step-to-end");
  expect(matchShortcut(key("Escape", { shift: true }))).toBe("step-cancel");
  expect(matchShortcut(key("Escape"))).toBeNull();
  expect(matchShortcut(key("F10", { ctrl: true }))).toBeNull();
});
