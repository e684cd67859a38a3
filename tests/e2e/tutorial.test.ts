// The tutorial's whole flow, as a person does it in the browser: first migration, some rows,
// then type the email column into Monaco, see the pending change, generate, review, upgrade, see
// the column and the preserved rows, downgrade, see it gone.
import { expect, test } from "vitest";
import {
  clickEditorLine, editorText, generateAndUpgradeFirstMigration, openApp, pageErrors, runSql, screenshot, settled,
  stepLog, typeInEditor, useSite,
} from "./support";

// Served under a sub-path: dist/ must work from any path on any static host.
const site = useSite({ prefix: "/some/where/retort/" });

test("the tutorial: add the email column, upgrade keeping the rows, downgrade", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO roles (id, name) VALUES (1, 'admin')");
  await runSql(page, "INSERT INTO users (id, username, role_id) VALUES (1, 'ann', 1), (2, 'bob', 1)");

  // Type the tutorial's new column into the models.
  await page.getByRole("tab", { name: "models.ts" }).click();
  await clickEditorLine(page, "role_id = db.Column");
  await page.keyboard.press("Enter");
  await typeInEditor(page, "email = db.Column(db.String(120), { unique: true });");
  await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain("  email = db.Column(db.String(120), { unique: true });");

  // The pending change appears after a pause in typing, as `flask db migrate` would detect it.
  const pending = page.getByRole("region", { name: "Pending changes" });
  await pending.getByText("Detected added column 'users.email'").waitFor();
  await pending.getByText("Detected added unique constraint 'uq_users_email' on '['email']'").waitFor();

  // Generate; the new script opens in its own tab for review.
  await page.getByLabel("Message").fill("Added email field");
  await page.getByRole("button", { name: "Generate migration" }).click();
  const tab = page.getByRole("tab", { name: /added_email_field\.ts/ });
  await tab.waitFor();
  expect(await tab.getAttribute("aria-selected")).toBe("true");
  await page.locator(".monaco-editor .view-line", { hasText: "batchOp.addColumn" }).first().waitFor();
  await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain('batchOp.addColumn(sa.Column("email", sa.String(120), { nullable: true }));');

  // Upgrade: the log line, the SQL that ran, the new column highlighted, the rows kept.
  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade [0-9a-f]{12} -> [0-9a-f]{12}, Added email field$/).waitFor();
  await settled(page);
  expect(await page.getByLabel("SQL that ran").innerText()).toMatch(/ALTER TABLE users ADD COLUMN email VARCHAR\(120\)|_alembic_tmp_users/);
  await page.getByRole("tab", { name: "Schema" }).click();
  const users = page.getByRole("article", { name: "Table users" });
  await expect(users.locator("tr.changed th").allInnerTexts()).resolves.toEqual(["email"]);
  await screenshot(page, "tutorial-upgraded");

  await users.getByRole("button", { name: "Show rows of users" }).click();
  const grid = page.getByRole("table", { name: "Rows of users" });
  await grid.getByRole("columnheader", { name: "email" }).waitFor();
  expect(await grid.locator("tbody tr").count()).toBe(2);
  await expect(grid.locator("tbody").innerText()).resolves.toMatch(/ann[\s\S]*NULL[\s\S]*bob/);
  await screenshot(page, "tutorial-rows");

  // Downgrade: the column is gone, the rows are still there.
  await page.getByRole("button", { name: "Downgrade", exact: true }).click();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running downgrade [0-9a-f]{12} -> [0-9a-f]{12}, Added email field$/).waitFor();
  await settled(page);
  await grid.getByRole("columnheader", { name: "username" }).waitFor();
  expect(await grid.getByRole("columnheader", { name: "email" }).count()).toBe(0);
  expect(await grid.locator("tbody tr").count()).toBe(2);
  await page.getByRole("tab", { name: "Schema" }).click();
  expect(await users.locator("tbody th").allInnerTexts()).toEqual(["id", "username", "role_id"]);
  await page.getByText("Removed by the last step: column users.email").waitFor();
  await screenshot(page, "tutorial-downgraded");
  expect(pageErrors(page)).toEqual([]);
});

test("the rows grid adds, edits and deletes rows, and shows SQLite's refusal as text", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await page.getByRole("tab", { name: "Rows" }).click();
  await page.getByLabel("Table").selectOption("roles");
  const grid = page.getByRole("table", { name: "Rows of roles" });
  await grid.waitFor();

  const add = page.getByRole("form", { name: "Add a row to roles" });
  await add.getByLabel("New name").fill("admin");
  await add.getByRole("button", { name: "Add row" }).click();
  await grid.getByRole("button", { name: "Edit name of row 1: admin" }).waitFor();
  await add.getByLabel("New name").fill("user");
  await add.getByRole("button", { name: "Add row" }).click();
  await grid.getByRole("button", { name: "Edit name of row 2: user" }).waitFor();

  // Edit a cell: click, type, Enter.
  await grid.getByRole("button", { name: "Edit name of row 1: admin" }).click();
  const cell = grid.getByRole("textbox", { name: "name of row 1" });
  await cell.fill("staff");
  await cell.press("Enter");
  await grid.getByRole("button", { name: "Edit name of row 1: staff" }).waitFor();

  // A duplicate violates UNIQUE: the error is shown, the rows are unchanged.
  await add.getByLabel("New name").fill("user");
  await add.getByRole("button", { name: "Add row" }).click();
  await page.getByRole("alert").getByText(/UNIQUE constraint failed: roles\.name/).waitFor();
  expect(await grid.locator("tbody tr").count()).toBe(2);

  await grid.getByRole("button", { name: "Delete row 2" }).click();
  await grid.getByRole("button", { name: "Edit name of row 2: user" }).waitFor({ state: "detached" });
  expect(await grid.locator("tbody tr").count()).toBe(1);
  await page.getByRole("tab", { name: "Schema" }).click();
  await page.getByRole("article", { name: "Table roles" }).getByText("1 row", { exact: true }).waitFor();
});
