// The editor: IntelliSense for the model language comes from the retort.d.ts the site ships, and
// the help dialog lists the keyboard shortcuts.
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { clickEditorLine, DIST, launchBrowser, openApp, screenshot, serveStatic, typeInEditor, type Browser, type StaticServer } from "./support";

let server: StaticServer;
let browser: Browser;
beforeAll(async () => {
  server = await serveStatic(DIST);
});
afterAll(async () => {
  await server?.close();
});
// A fresh browser profile for each test: the site restores the last playground from IndexedDB.
beforeEach(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await browser?.close();
});

test("completion offers the model language's types and column options", async () => {
  const page = await openApp(browser.context, server.url);
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
  const page = await openApp(browser.context, server.url);
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
