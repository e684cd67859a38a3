// The theme setting: Light, Dark or System, remembered in localStorage; System follows the
// operating system as it changes; what is shown is put where theme.css reads it.
import "./support/runes";
import { expect, test } from "vitest";
import { THEME_KEY, ThemeSetting, type ThemeDeps } from "../../src/app/theme.svelte";

function fakeBrowser(saved: string | null = null, dark = false) {
  const stored = new Map<string, string>(saved === null ? [] : [[THEME_KEY, saved]]);
  const listeners: ((e: { matches: boolean }) => void)[] = [];
  const applied: string[] = [];
  const deps: ThemeDeps = {
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
    systemDark: { matches: dark, addEventListener: (_type, l) => void listeners.push(l) },
    apply: (t) => void applied.push(t),
  };
  return { deps, stored, applied, setSystemDark: (matches: boolean) => listeners.forEach((l) => l({ matches })) };
}

test("starts on System, which shows what the operating system prefers", () => {
  const browser = fakeBrowser(null, true);
  const theme = new ThemeSetting(browser.deps);
  expect(theme.choice).toBe("system");
  expect(theme.resolved).toBe("dark");
  expect(browser.applied).toEqual(["dark"]);
});

test("a choice is shown at once and remembered for the next page", () => {
  const browser = fakeBrowser(null, false);
  new ThemeSetting(browser.deps).choose("dark");
  expect(browser.applied.at(-1)).toBe("dark");
  expect(browser.stored.get(THEME_KEY)).toBe("dark");
  const next = new ThemeSetting(browser.deps);
  expect(next.choice).toBe("dark");
  expect(next.resolved).toBe("dark");
});

test("System follows the operating system as it changes; an explicit choice does not", () => {
  const browser = fakeBrowser("system", false);
  const theme = new ThemeSetting(browser.deps);
  browser.setSystemDark(true);
  expect(theme.resolved).toBe("dark");
  expect(browser.applied.at(-1)).toBe("dark");
  theme.choose("light");
  browser.setSystemDark(true);
  expect(theme.resolved).toBe("light");
});

test("an unknown saved value, or storage that refuses, falls back to System and still works", () => {
  expect(new ThemeSetting(fakeBrowser("purple").deps).choice).toBe("system");
  const refusing: ThemeDeps = {
    storage: { getItem: () => { throw new Error("SecurityError"); }, setItem: () => { throw new Error("QuotaExceededError"); } },
    systemDark: null,
    apply: () => undefined,
  };
  const theme = new ThemeSetting(refusing);
  theme.choose("dark");
  expect(theme.resolved).toBe("dark");
});
