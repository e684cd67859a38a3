// Warnings at the moment of a step, as a person meets them: a rename written as drop + add would
// NULL the 3 emails, so Upgrade asks first; Cancel leaves everything as it was, Run anyway runs
// it. Downgrade to base names the tables it would drop, with their rows.
import { expect, test } from "vitest";
import {
  clickEditorLine, editorText, generateAndUpgradeFirstMigration, openApp, pageErrors, runSql, screenshot, settled,
  stepLog, typeInEditor, useSite,
} from "./support";
import type { Page } from "playwright-core";

const site = useSite();

async function generate(page: Page, message: string, file: RegExp): Promise<void> {
  await page.getByLabel("Message").fill(message);
  await page.getByRole("button", { name: "Generate migration" }).click();
  await page.getByRole("tab", { name: file }).waitFor();
}

/** A statement that changes exactly the rows `where` selects: "Done: n rows changed." counts them. */
async function countRows(page: Page, where: string, expected: number): Promise<void> {
  await runSql(page, `UPDATE users SET username = username WHERE ${where}`);
  await page.getByText(`Done: ${expected} ${expected === 1 ? "row" : "rows"} changed.`).waitFor();
}

test("Upgrade asks before a rename NULLs 3 emails; Cancel runs nothing, Run anyway runs it; Downgrade to base lists the tables it drops", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);

  // the tutorial's email column, with 3 users who have one
  await page.getByRole("tab", { name: "models.ts" }).click();
  await clickEditorLine(page, "role_id = db.Column");
  await page.keyboard.press("Enter");
  await typeInEditor(page, "email = db.Column(db.String(120), { unique: true });");
  await page.getByText("Detected added column 'users.email'").waitFor();
  await generate(page, "Added email field", /added_email_field\.ts/);
  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade [0-9a-f]{12} -> [0-9a-f]{12}, Added email field$/).waitFor();
  await settled(page);
  await runSql(page, "INSERT INTO roles (id, name) VALUES (1, 'admin')");
  await runSql(page, "INSERT INTO users (id, username, email, role_id) VALUES (1, 'ann', 'a@x', 1), (2, 'bob', 'b@x', 1), (3, 'cy', 'c@x', NULL)");

  // rename email to email_address in the models: autogenerate sees a drop and an add
  await page.getByRole("tab", { name: "models.ts" }).click();
  await clickEditorLine(page, "email = db.Column");
  await page.keyboard.press("Home");
  await page.keyboard.press("Control+Shift+ArrowRight");
  await typeInEditor(page, "email_address");
  await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain("  email_address = db.Column(db.String(120), { unique: true });");
  await page.getByText("Detected added column 'users.email_address'").waitFor();
  await generate(page, "rename email", /rename_email\.ts/);

  const dialog = page.getByRole("dialog", { name: "Before you run this" });
  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  await dialog.waitFor();
  await dialog.getByText(/rename email\): Dropping column 'users\.email' deletes 3 non-null values\./).waitFor();
  await dialog.getByText(/if this is a rename, the 3 values of 'email' are lost\./).waitFor();
  expect(await dialog.getByRole("button", { name: "Step through" }).count()).toBe(1);
  await screenshot(page, "step-warnings-upgrade");

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "hidden" });
  await settled(page);
  // nothing ran: the last step is still the migrate that wrote the script, and the 3 emails are there
  await stepLog(page).getByText("$ flask db migrate -m rename email").waitFor();
  expect(await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade/).count()).toBe(0);
  await countRows(page, "email IS NOT NULL", 3);

  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  await dialog.getByRole("button", { name: "Run anyway (you can undo it)" }).click();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade [0-9a-f]{12} -> [0-9a-f]{12}, rename email$/).waitFor();
  await settled(page);
  await countRows(page, "email_address IS NULL", 3);

  await page.getByRole("button", { name: "Downgrade to base" }).click();
  await dialog.waitFor();
  await dialog.getByText(/initial migration\): Dropping table 'users' deletes its 3 rows\./).waitFor();
  await dialog.getByText(/initial migration\): Dropping table 'roles' deletes its 1 row\./).waitFor();
  await screenshot(page, "step-warnings-downgrade-base");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "hidden" });
  await countRows(page, "email_address IS NULL", 3);

  // the third answer: the same move, taken over by the step-through, which Cancel undoes whole
  await page.getByRole("button", { name: "Downgrade to base" }).click();
  await dialog.getByRole("button", { name: "Step through" }).click();
  await dialog.waitFor({ state: "hidden" });
  const stepper = page.getByRole("region", { name: "Step-through" });
  await stepper.waitFor();
  await stepper.getByRole("button", { name: "Step forward" }).click();
  await expect.poll(() => stepper.getByLabel("Step position").innerText(), { timeout: 15_000 }).toMatch(/ 1 of /);
  await stepper.getByRole("button", { name: "Cancel" }).click();
  await stepper.waitFor({ state: "hidden" });
  await settled(page);
  await countRows(page, "email_address IS NULL", 3);
  expect(pageErrors(page)).toEqual([]);
});
