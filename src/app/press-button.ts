// A lesson's Show me presses buttons as a person would: found by accessible name, briefly
// highlighted, then clicked. The page's document comes in as a parameter (STYLE.md).

/** How long a pressed button stays highlighted before the click, so that the learner sees which. */
const HIGHLIGHT_MS = 500;
/** A button that is there but disabled (a command still running) is waited for this long. */
const ENABLED_WITHIN_MS = 15_000;

/** The name assistive technology reads for a button: aria-label, else its text. */
export function accessibleName(button: { getAttribute(name: string): string | null; textContent: string | null }): string {
  return (button.getAttribute("aria-label") ?? button.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** The button named exactly `name`, else the first whose name starts with it ("Undo steps (3)"). */
export function findButton<T extends { getAttribute(name: string): string | null; textContent: string | null }>(buttons: readonly T[], name: string): T | null {
  return buttons.find((b) => accessibleName(b) === name) ?? buttons.find((b) => accessibleName(b).startsWith(name)) ?? null;
}

/** Highlights and clicks the button; false when the page has none of that name. */
export async function pressButton(document: Document, name: string, wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<boolean> {
  const until = Date.now() + ENABLED_WITHIN_MS;
  for (;;) {
    const button = findButton([...document.querySelectorAll("button")], name);
    if (button && !button.disabled) {
      button.scrollIntoView({ block: "nearest" });
      button.classList.add("lesson-pressed");
      await wait(HIGHLIGHT_MS);
      button.classList.remove("lesson-pressed");
      button.click();
      await wait(50);
      return true;
    }
    if (Date.now() > until) return false;
    await wait(100);
  }
}
