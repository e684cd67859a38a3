// SPEC §4: a reload restores the playground exactly: the models as typed, the scripts, the rows
// and the current revision.
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  clickEditorLine, DIST, editorText, generateAndUpgradeFirstMigration, launchBrowser, openApp, runSql, serveStatic,
  typeInEditor, type Browser, type StaticServer,
} from "./support";

let server: StaticServer;
let browser: Browser;
beforeAll(async () => {
  server = await serveStatic(DIST);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("a reload restores the models as typed, the history, the current revision and the rows", async () => {
  const page = await openApp(browser.context, server.url);
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO roles (id, name) VALUES (7, 'kept')");
  await page.getByRole("tab", { name: "models.ts" }).click();
  await clickEditorLine(page, "role_id = db.Column");
  await page.keyboard.press("Enter");
  await typeInEditor(page, "email = db.Column(db.String(120));");
  await page.getByText("Detected added column 'users.email'").waitFor();
  const revision = await page.locator("ol[aria-label='Revisions, newest first'] li.current .id").innerText();
  await page.waitForTimeout(800); // past the save pause

  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  expect(await page.locator("ol[aria-label='Revisions, newest first'] li.current .id").innerText()).toBe(revision);
  await page.getByText("Detected added column 'users.email'").waitFor();
  await clickEditorLine(page, "email = db.Column");
  expect(await editorText(page)).toContain("email = db.Column(db.String(120));");
  await page.getByRole("article", { name: "Table roles" }).getByText("1 row", { exact: true }).waitFor();
});
