// Show me finds a button as assistive technology names it: aria-label, else its text; an exact
// name first, else the first name that starts with it ("Undo steps" for "Undo steps (3)").
import { expect, test } from "vitest";
import { accessibleName, findButton } from "../../src/app/press-button";

const button = (text: string, label: string | null = null) => ({ textContent: text, getAttribute: (name: string) => (name === "aria-label" ? label : null) });

test("the accessible name is the aria-label, else the text with its spaces folded", () => {
  expect(accessibleName(button("?", "Keyboard shortcuts and help"))).toBe("Keyboard shortcuts and help");
  expect(accessibleName(button("\n  Step through\n   upgrade "))).toBe("Step through upgrade");
});

test("an exact name wins over a longer one that starts with it; a prefix finds a counted name", () => {
  const buttons = [button("Upgrade to head"), button("Upgrade"), button("Undo steps (3)"), button("Restore the database as it was before flask db downgrade")];
  expect(findButton(buttons, "Upgrade")).toBe(buttons[1]);
  expect(findButton(buttons, "Undo steps")).toBe(buttons[2]);
  expect(findButton(buttons, "Restore the database as it was before flask db downgrade")).toBe(buttons[3]);
  expect(findButton(buttons, "Simulate a teammate")).toBeNull();
});
