// Issue 2: the editor's undo history belongs to one playground. Ctrl+Z right after another
// playground opens (a new one, a saved one) must not bring back the previous playground's text,
// neither in the editor nor in what is saved.
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import { clickEditorLine, editorText, openApp, pageErrors, typeInEditor, useSite } from "./support";

const site = useSite();

const menu = (page: Page) => page.getByRole("dialog", { name: "Playgrounds" });
const saved = (page: Page) => menu(page).getByRole("list", { name: "Saved playgrounds" }).getByRole("listitem");
const FIRST_EDIT = "// typed in the first playground";

async function openMenu(page: Page): Promise<void> {
  if (await menu(page).isVisible()) return;
  await page.getByRole("button", { name: /^Playgrounds: / }).click();
  await menu(page).waitFor();
}

/** The whole of models.ts as the editor shows it (the view is tall enough for the tutorial's file). */
async function modelsText(page: Page): Promise<string> {
  await page.getByRole("tab", { name: "models.ts" }).click();
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  return editorText(page);
}

/** Ctrl+Z in the editor, as a person does after clicking into it, then past the save pause. */
async function undoOnce(page: Page): Promise<void> {
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+Z");
  await page.waitForTimeout(900);
}

async function reloaded(page: Page): Promise<void> {
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
}

/** Opens the saved playground `title` from the menu (the menu just closes when it is open already). */
async function openSaved(page: Page, title: string): Promise<void> {
  await openMenu(page);
  const item = saved(page).filter({ hasText: title });
  await item.waitFor();
  if (await item.getByRole("button", { name: "Open" }).count()) await item.getByRole("button", { name: "Open" }).click();
  else await menu(page).getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: `Playgrounds: ${title}` }).waitFor();
}

/** The first playground, with FIRST_EDIT typed at the end of its models.ts. */
async function editFirstPlayground(page: Page): Promise<string> {
  await page.getByRole("region", { name: "Models and migration scripts" }).getByText("Detected added table 'roles'").waitFor();
  const fresh = await modelsText(page);
  await clickEditorLine(page, "role_id = db.Column");
  await typeInEditor(page, ` ${FIRST_EDIT}`);
  await expect.poll(() => modelsText(page)).toContain(FIRST_EDIT);
  return fresh;
}

async function newTutorialPlayground(page: Page): Promise<void> {
  await openMenu(page);
  await menu(page).getByRole("button", { name: "New tutorial playground" }).click();
  await page.getByRole("button", { name: "Playgrounds: Tutorial playground" }).waitFor();
  await expect.poll(() => modelsText(page)).not.toContain(FIRST_EDIT);
}

test("Ctrl+Z after 'New tutorial playground' does not bring back the previous playground's text", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  const fresh = await editFirstPlayground(page);
  await newTutorialPlayground(page);

  await undoOnce(page);
  expect(await modelsText(page)).toBe(fresh);
  // What was saved is the fresh tutorial too: the reload opens the newest playground.
  await reloaded(page);
  expect(await modelsText(page)).toBe(fresh);
  await openMenu(page);
  await expect.poll(() => saved(page).count()).toBe(2);
  expect(pageErrors(page)).toEqual([]);
});

test("Ctrl+Z after opening another saved playground leaves its models.ts as saved", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  const fresh = await editFirstPlayground(page);
  const firstTitle = "Tutorial playground";
  await newTutorialPlayground(page);
  await openMenu(page);
  await expect.poll(() => saved(page).count()).toBe(2);
  await saved(page).filter({ hasText: "open now" }).getByRole("button", { name: "Rename" }).click();
  await menu(page).getByLabel("New title").fill("Second");
  await menu(page).getByRole("button", { name: "Save title" }).click();
  await page.getByRole("button", { name: "Playgrounds: Second" }).waitFor();

  // Back to the first one, whose edit must stay as saved after Ctrl+Z.
  await openSaved(page, firstTitle);
  await expect.poll(() => modelsText(page)).toContain(FIRST_EDIT);
  const firstSaved = await modelsText(page);
  await undoOnce(page);
  expect(await modelsText(page)).toBe(firstSaved);
  await reloaded(page);
  await openSaved(page, firstTitle);
  expect(await modelsText(page)).toBe(firstSaved);

  // And the other way: the second one, opened after the first, is not given the first's text.
  await openSaved(page, "Second");
  await expect.poll(() => modelsText(page)).toBe(fresh);
  await undoOnce(page);
  expect(await modelsText(page)).toBe(fresh);
  await reloaded(page);
  await openSaved(page, "Second");
  expect(await modelsText(page)).toBe(fresh);
  expect(pageErrors(page)).toEqual([]);
});
