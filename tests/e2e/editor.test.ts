// The editor: IntelliSense for the model language comes from the retort.d.ts the site ships, and
// the help dialog lists the keyboard shortcuts.
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import { clickEditorLine, openApp, screenshot, typeInEditor, useSite } from "./support";

const site = useSite();

test("completion offers the model language's types and column options", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await clickEditorLine(page, "role_id = db.Column");
  await page.keyboard.press("Enter");
  // Neither name appears in the file: they can only come from the declarations.
  await typeInEditor(page, "big = db.Column(db.Big");
  const suggest = page.locator(".monaco-editor .suggest-widget");
  await suggest.getByText("BigInteger", { exact: true }).first().waitFor();
  await page.keyboard.press("Escape");
  await typeInEditor(page, "Integer, { serv");
  await suggest.getByText("serverDefault", { exact: true }).first().waitFor();
  await screenshot(page, "completion");
});

test("the help dialog lists the shortcuts and closes", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await page.keyboard.press("Control+Alt+KeyH");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await dialog.waitFor();
  const text = await dialog.innerText();
  for (const keys of ["Ctrl+Alt+G", "Ctrl+Alt+U", "Ctrl+Alt+D", "Ctrl+`"]) expect(text).toContain(keys);
  await dialog.getByRole("button", { name: "Close" }).click();
  await dialog.waitFor({ state: "hidden" });
  await page.getByRole("button", { name: "Keyboard shortcuts and help" }).click();
  await dialog.waitFor();
});

test("a generated script is edited in its tab: its errors are marked, and the edited text is what runs", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await page.getByText("Detected added table 'roles'").waitFor();
  await page.getByLabel("Message").fill("initial migration");
  await page.getByRole("button", { name: "Generate migration" }).click();
  const tab = page.getByRole("tab", { name: /initial_migration\.ts/ });
  await tab.waitFor();

  await page.locator(".monaco-editor .view-line", { hasText: "export const branchLabels" }).click();
  await page.keyboard.press("End");
  await typeInEditor(page, " oops");
  await tab.getByLabel(/errors/).waitFor();
  await page.locator(".monaco-editor .squiggly-error").first().waitFor();
  await screenshot(page, "script-error-typed");

  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  const log = page.getByLabel("Last step");
  await log.locator(".cmd.failed").waitFor();
  expect((await log.locator("li.error").allInnerTexts()).join("\n")).toMatch(/initial_migration\.ts:\d+:\d+/);
  await screenshot(page, "script-error");

  // Undo the mistake: the script as edited (now fixed) runs.
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+Z");
  await tab.getByLabel(/errors/).waitFor({ state: "detached" });
  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  await log.getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade {2}-> [0-9a-f]{12}, initial migration$/).waitFor();
});

test("completion shows a full list of suggestions, and never Retort's internal names", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await clickEditorLine(page, "role_id = db.Column");
  await page.keyboard.press("Enter");
  const suggest = page.locator(".monaco-editor .suggest-widget");
  const rows = suggest.locator(".monaco-list-row");
  await typeInEditor(page, "created = db.");
  await suggest.getByText("Column", { exact: true }).first().waitFor();
  // `db.` has dozens of members: the list shows a normal number of rows, not two.
  await expect.poll(() => visibleRows(page)).toBeGreaterThanOrEqual(8);
  await screenshot(page, "completion-rows");
  await page.keyboard.press("Escape");

  // A foreign key's members: the brand that types it must not be offered.
  await typeInEditor(page, 'ForeignKey("roles.id").');
  await page.keyboard.press("Control+Space");
  await suggest.waitFor();
  // The TypeScript worker has answered: the widget lists members, or says there are none.
  await expect.poll(() => suggest.innerText()).not.toMatch(/Loading/);
  const offered = (await rows.allInnerTexts()).join("\n");
  expect(offered).not.toMatch(/__retort[A-Z]/);
  await page.keyboard.press("Escape");
  await typeInEditor(page, "__retort");
  await page.keyboard.press("Control+Space");
  await page.waitForTimeout(1000);
  expect((await rows.allInnerTexts()).join("\n")).not.toMatch(/__retort[A-Z]/);
});

/** Rows of the suggestion list that a person can see: what the page shows at the row's middle is the row. */
function visibleRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll(".monaco-editor .suggest-widget .monaco-list-row")];
    return rows.filter((row) => {
      const r = row.getBoundingClientRect();
      const seen = document.elementFromPoint(r.left + Math.min(r.width / 2, 40), r.top + r.height / 2);
      return r.height > 0 && seen !== null && row.contains(seen);
    }).length;
  });
}
