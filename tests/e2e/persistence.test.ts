// SPEC §4: a reload restores the playground exactly (the models as typed, the scripts, the rows
// and the current revision), and a share link opens it as a new playground elsewhere.
import { expect, test } from "vitest";
import { clickEditorLine, editorText, generateAndUpgradeFirstMigration, launchBrowser, openApp, runSql, typeInEditor, useSite } from "./support";

const site = useSite();

test("a reload restores the models as typed, the history, the current revision and the rows", async () => {
  const page = await openApp(site.browser.context, site.server.url);
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
  await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain("email = db.Column(db.String(120));");
  await page.getByRole("article", { name: "Table roles" }).getByText("1 row", { exact: true }).waitFor();
});

test("the Share button gives a link that opens the playground, rows included, as a new one", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO roles (id, name) VALUES (3, 'shared <i>row</i>')");
  const revision = await page.locator("ol[aria-label='Revisions, newest first'] li.current .id").innerText();
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this playground" });
  const input = dialog.getByRole("textbox", { name: "Share link" });
  await page.waitForFunction(() => (document.getElementById("share-link") as HTMLInputElement | null)?.value.includes("#r1."));
  const link = await input.inputValue();
  expect(link.startsWith(site.server.url)).toBe(true);

  // Another browser (a fresh profile) opens the link.
  const other = await launchBrowser();
  try {
    const page2 = await other.context.newPage();
    await page2.goto(link);
    await page2.locator('[data-ready="true"]').waitFor();
    expect(await page2.locator("ol[aria-label='Revisions, newest first'] li.current .id").innerText()).toBe(revision);
    await page2.getByRole("article", { name: "Table roles" }).getByRole("button", { name: "Show rows of roles" }).click();
    await page2.getByRole("table", { name: "Rows of roles" }).getByText("shared <i>row</i>").waitFor();
    expect(new URL(page2.url()).hash).toBe("");
  } finally {
    await other.close();
  }

  // A damaged link is refused with a message, and the page still opens a playground.
  const page3 = await site.browser.context.newPage();
  await page3.goto(`${site.server.url}#r1.@@@`);
  await page3.locator('[data-ready="true"]').waitFor();
  await page3.getByRole("alert").getByText(/This link is damaged/).waitFor();
});
