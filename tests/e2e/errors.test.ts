// Mistakes, as people make them: a syntax error in the models (a marker, nothing lost) and a
// migration that fails on the rows (a clear error, the database exactly as it was).
import { expect, test } from "vitest";
import {
  clickEditorLine, editorText, generateAndUpgradeFirstMigration, openApp, runSql, screenshot, settled, stepLog,
  typeInEditor, useSite,
} from "./support";

const site = useSite();

test("a syntax error in the models is marked where it was typed, and nothing is lost", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  // Tall enough that Monaco renders every line of models.ts, so the whole text can be read back.
  await page.setViewportSize({ width: 1280, height: 1700 });
  await page.getByText("Detected added table 'roles'").waitFor();
  const before = await editorText(page);
  expect(before).toContain('import { SQLAlchemy } from "retort";');
  expect(before).toContain("export class User extends db.Model {");

  await clickEditorLine(page, "username = db.Column");
  await page.keyboard.press("Enter");
  await typeInEditor(page, "email = = db.Column(db.String(120));");

  // The engine's diagnostic: a marker in the editor, an error dot on the tab, and the pending panel says so.
  await page.locator(".monaco-editor .squiggly-error").first().waitFor();
  const pending = page.getByRole("region", { name: "Pending changes" });
  await pending.getByText(/models\.ts has \d+ errors?; fix/).waitFor();
  await page.getByRole("tab", { name: /models\.ts/ }).getByLabel(/errors/).waitFor();
  expect(await page.getByRole("button", { name: "Generate migration" }).isDisabled()).toBe(true);
  await screenshot(page, "syntax-error");

  // Nothing lost: every line typed is still there, the broken one included.
  const text = await editorText(page);
  for (const line of before.split("\n")) expect(text).toContain(line);
  expect(text).toContain("email = = db.Column(db.String(120));");

  // Fixing it clears the marker and brings the pending changes back.
  await page.keyboard.press("Home");
  await page.keyboard.press("Shift+End");
  await typeInEditor(page, "email = db.Column(db.String(120));");
  await pending.getByText("Detected added table 'roles'").waitFor();
  await page.locator(".monaco-editor .squiggly-error").waitFor({ state: "detached" });
});

test("a failing upgrade says why, and leaves the database exactly as it was", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO roles (id, name) VALUES (1, 'admin')");
  await runSql(page, "INSERT INTO users (id, username, role_id) VALUES (1, 'ann', 1), (2, 'bob', 1)");

  // A NOT NULL column without a server default cannot be added to a table with rows.
  await page.getByRole("tab", { name: "models.ts" }).click();
  await clickEditorLine(page, "role_id = db.Column");
  await page.keyboard.press("Enter");
  await typeInEditor(page, "age = db.Column(db.Integer, { nullable: false });");
  const pending = page.getByRole("region", { name: "Pending changes" });
  await pending.getByText("Detected added column 'users.age'").waitFor();
  await pending.getByLabel("Warnings").getByText(/users/).first().waitFor();

  await page.getByLabel("Message").fill("add age");
  await page.getByRole("button", { name: "Generate migration" }).click();
  await page.getByRole("tab", { name: /add_age\.ts/ }).waitFor();
  // The database is now behind the new head: the pending panel says generating would be refused.
  await pending.getByText(/not at the head revision/).waitFor();
  const currentBefore = await page.locator("ol[aria-label='Revisions, newest first'] li.current .id").innerText();

  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  // the page says so before running it (step-warnings.test.ts); run it to see how it fails
  const before = page.getByRole("dialog", { name: "Before you run this" });
  await before.getByText(/Adding column 'users\.age' as NOT NULL without a server default fails on the 2 existing rows/).waitFor();
  await before.getByRole("button", { name: "Run anyway (you can undo it)" }).click();
  await settled(page);
  const log = stepLog(page);
  await log.locator(".cmd.failed").waitFor();
  expect(await log.locator("li.error").allInnerTexts()).not.toEqual([]);
  expect((await log.locator("li.error").allInnerTexts()).join("\n")).toMatch(/NOT NULL|age/);
  await screenshot(page, "failing-upgrade");

  // Unchanged: the same current revision, no age column, no leftovers, the rows intact.
  expect(await page.locator("ol[aria-label='Revisions, newest first'] li.current .id").innerText()).toBe(currentBefore);
  await page.getByRole("tab", { name: "Schema" }).click();
  expect(await page.getByRole("article", { name: "Table users" }).locator("tbody th").allInnerTexts()).toEqual(["id", "username", "role_id"]);
  expect(await page.getByRole("article").count()).toBe(2);
  await runSql(page, "DELETE FROM users WHERE 0");
  await page.getByLabel("SQL", { exact: true }).fill("SELECT username FROM users ORDER BY id");
  await page.getByRole("button", { name: "Run SQL" }).click();
  await expect(page.getByRole("table", { name: "Query result" }).innerText()).resolves.toMatch(/ann\s+bob/);
  await settled(page);
});
