// Issue 10, the step-through, as a person uses it: a batch migration of a populated table, stepped
// statement by statement; the temporary table queried mid-batch; Step back; a reload while paused
// (the saved playground is the one from before the run); Cancel; Run to end.
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { clickEditorLine, generateAndUpgradeFirstMigration, openApp, pageErrors, runSql, screenshot, settled, typeInEditor, useSite } from "./support";

const site = useSite({ viewport: { width: 1440, height: 900 } });

const region = (page: Page) => page.getByRole("region", { name: "Step-through" });
const current = (page: Page) => region(page).getByLabel("Current statement");
const position = (page: Page) => region(page).getByLabel("Step position");

/** One statement in the SQL console; its result's cells, row by row. */
async function select(page: Page, sql: string): Promise<string[][]> {
  await page.getByRole("tab", { name: "SQL console" }).click();
  await page.getByLabel("SQL", { exact: true }).fill(sql);
  await page.getByRole("button", { name: "Run SQL" }).click();
  const table = page.getByRole("table", { name: "Query result" });
  await table.waitFor();
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent?.trim() ?? "")));
}

/** The tutorial with three users at the first revision, and "add email" (a unique column: a batch rebuild) generated. */
async function emailPending(page: Page): Promise<void> {
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO users (username) VALUES ('ann'), ('bob'), ('cy')");
  await page.getByRole("tab", { name: "models.ts" }).click();
  await clickEditorLine(page, "role_id = db.Column");
  await page.keyboard.press("Enter");
  await typeInEditor(page, "email = db.Column(db.String(120), { unique: true });");
  await page.getByText("Detected added column 'users.email'").waitFor();
  await page.getByLabel("Message").fill("add email");
  await page.getByRole("button", { name: "Generate migration" }).click();
  await page.getByRole("tab", { name: /add_email\.ts/ }).waitFor();
  await settled(page);
}

async function startStepping(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Step through upgrade" }).click();
  await region(page).waitFor();
  await region(page).getByLabel("Step by").selectOption({ label: "Statement" });
}

/** Steps forward until the statement just run matches `sql`. */
async function stepUntil(page: Page, sql: RegExp): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const before = await position(page).innerText();
    await region(page).getByRole("button", { name: "Step forward" }).click();
    await expect.poll(() => position(page).innerText()).not.toBe(before);
    if (sql.test(await current(page).innerText())) return;
  }
  throw new Error(`no statement matched ${sql}`);
}

const revisionNow = async (page: Page) => (await select(page, "SELECT version_num FROM alembic_version"))[0]?.[0];

test("a batch migration stepped statement by statement: the temporary table mid-batch, Step back, a reload, Cancel, Run to end", { timeout: 180_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await emailPending(page);
  const first = await revisionNow(page);
  expect(first).toMatch(/^[0-9a-f]{12}$/);

  await startStepping(page);
  expect(await current(page).innerText()).toBe("");
  await stepUntil(page, /^INSERT INTO _alembic_tmp_users/);
  expect(await position(page).innerText()).toMatch(/^Statement \d+ of \d+$/);
  await region(page).getByText(/batch .*: copy the rows/).waitFor();
  // the rows the copy touched: the temporary table empty before it, the three users after
  await region(page).getByRole("heading", { name: "_alembic_tmp_users 0 rows → 3 rows" }).waitFor();
  expect(await region(page).getByRole("table", { name: "_alembic_tmp_users after" }).locator("tbody tr").count()).toBe(3);
  expect(await select(page, "SELECT count(*) FROM _alembic_tmp_users")).toEqual([["3"]]);
  // the batch block being run is highlighted in the migration script
  await page.locator(".monaco-editor .retort-step-op").first().waitFor();
  expect(await page.getByRole("tab", { name: /add_email\.ts/, selected: true }).count()).toBe(1);
  await screenshot(page, "step-through-mid-batch-1440");
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, "step-through-mid-batch-1024");
  await page.setViewportSize({ width: 1440, height: 900 });
  // the diagram follows the step, against the start of the run: the temporary table is new
  await page.getByRole("tab", { name: "Diagram" }).click();
  const diagram = page.getByRole("region", { name: "Schema diagram" });
  await expect.poll(() => diagram.getByLabel("Table _alembic_tmp_users", { exact: true }).getAttribute("data-change")).toBe("added");
  expect(await diagram.getByLabel("Table users", { exact: true }).getAttribute("data-change")).toBe("unchanged");
  await screenshot(page, "step-through-diagram-1440");

  // a write waits for the end of the step-through, and says so
  await page.getByRole("tab", { name: "SQL console" }).click();
  await page.getByLabel("SQL", { exact: true }).fill("DELETE FROM users");
  await page.getByRole("button", { name: "Run SQL" }).click();
  await page.getByRole("alert").getByText(/Finish or cancel the step-through first/).waitFor();
  // and so does restoring an undo step, which would replace the database under the paused run
  expect(await page.getByRole("button", { name: /^Undo steps/ }).isDisabled()).toBe(true);

  const copied = await position(page).innerText();
  await region(page).getByRole("button", { name: "Step back" }).click();
  await expect.poll(() => position(page).innerText()).not.toBe(copied);
  expect(await select(page, "SELECT count(*) FROM _alembic_tmp_users")).toEqual([["0"]]);

  // a reload while paused: the saved playground is the one from before the run
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  expect(await region(page).count()).toBe(0);
  expect(await revisionNow(page)).toBe(first);
  expect(await select(page, "SELECT username FROM users ORDER BY id")).toEqual([["ann"], ["bob"], ["cy"]]);
  expect(await select(page, "SELECT count(*) FROM sqlite_master WHERE name = '_alembic_tmp_users'")).toEqual([["0"]]);

  // Cancel: the database as before
  await startStepping(page);
  await stepUntil(page, /^INSERT INTO _alembic_tmp_users/);
  await region(page).getByRole("button", { name: "Cancel" }).click();
  await region(page).waitFor({ state: "detached" });
  expect(await revisionNow(page)).toBe(first);
  expect(await select(page, "SELECT name FROM pragma_table_info('users') ORDER BY cid")).toEqual([["id"], ["username"], ["role_id"]]);

  // Run to end from mid-batch: as a plain upgrade
  await startStepping(page);
  await stepUntil(page, /^INSERT INTO _alembic_tmp_users/);
  await region(page).getByRole("button", { name: "Run to end" }).click();
  await region(page).waitFor({ state: "detached" });
  await settled(page);
  expect(await revisionNow(page)).not.toBe(first);
  expect(await select(page, "SELECT name FROM pragma_table_info('users') ORDER BY cid")).toEqual([["id"], ["username"], ["role_id"], ["email"]]);
  expect(await select(page, "SELECT username FROM users ORDER BY id")).toEqual([["ann"], ["bob"], ["cy"]]);
  const head = await revisionNow(page);
  // and that is what a reload finds
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  expect(await revisionNow(page)).toBe(head);
  expect(pageErrors(page)).toEqual([]);
});

test("the keyboard drives it: F10 steps forward, Shift+F10 back, Shift+Esc cancels; the help dialog lists them", { timeout: 120_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await emailPending(page);
  await startStepping(page);
  await page.getByRole("heading", { name: "History" }).click();
  await page.keyboard.press("F10");
  await expect.poll(() => position(page).innerText()).toMatch(/^Statement \d+ of \d+$/);
  await page.keyboard.press("F10");
  await expect.poll(() => current(page).innerText()).not.toBe("");
  const after = await position(page).innerText();
  await page.keyboard.press("Shift+F10");
  await expect.poll(() => position(page).innerText()).not.toBe(after);
  // keys wait for the step they follow: one pressed while a step still runs is not taken
  await settled(page);
  await page.keyboard.press("Shift+Escape");
  await region(page).waitFor({ state: "detached" });
  await page.keyboard.press("Control+Alt+KeyH");
  const help = page.getByRole("dialog");
  await help.getByText("Step-through: step forward").waitFor();
  expect(await help.innerText()).toContain("Shift+F10");
  expect(pageErrors(page)).toEqual([]);
});
