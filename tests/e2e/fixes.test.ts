// Issue 11, one-click fixes, as a person uses them: the warnings' buttons in Pending changes edit
// the file in the editor (Ctrl+Z undoes the edit, Ctrl+Y redoes it), and a Monaco quick fix
// (Ctrl+.) corrects a Python spelling in models.ts.
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import { clickEditorLine, generateAndUpgradeFirstMigration, openApp, pageErrors, runSql, screenshot, settled, stepLog, typeInEditor, useSite } from "./support";

const site = useSite();

const pending = (page: Page) => page.getByRole("region", { name: "Pending changes" });
const warnings = (page: Page) => pending(page).getByRole("list", { name: "Warnings" });
const editor = (page: Page) => page.locator(".monaco-editor .view-lines").first();

/**
 * The lines the editor shows, top to bottom. Monaco reuses its line elements and places them by
 * their `top`, so after an edit their order in the DOM is not the order on screen.
 */
async function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll<HTMLElement>(".monaco-editor .view-lines .view-line")];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((l) => l.textContent ?? "").join("\n").replace(/\u00a0/g, " ");
  });
}

/** The top of the file shown in the editor. */
async function topText(page: Page): Promise<string> {
  await editor(page).click();
  await page.keyboard.press("Control+Home");
  return shownText(page);
}

/** Whether the file in the editor holds `text`, looked for a screen at a time from its top. */
async function editorHolds(page: Page, text: string): Promise<boolean> {
  await topText(page);
  for (let screen = 0; screen < 6; screen++) {
    if ((await shownText(page)).includes(text)) return true;
    await page.keyboard.press("PageDown");
    // Monaco draws the new lines on the next animation frames
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  }
  return false;
}

/** A new line after the one holding `marker`, with `text` typed on it (Monaco indents it). */
async function addLineAfter(page: Page, marker: string, text: string): Promise<void> {
  await clickEditorLine(page, marker);
  await page.keyboard.press("Enter");
  await typeInEditor(page, text);
}

async function upgradeOnce(page: Page, message: string): Promise<void> {
  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  await stepLog(page).getByText(new RegExp(`^INFO\\s+\\[alembic\\.runtime\\.migration\\] Running upgrade [0-9a-f]{12} -> [0-9a-f]{12}, ${message}$`)).waitFor();
  await settled(page);
}

async function queryResult(page: Page, sql: string): Promise<string> {
  await page.getByRole("tab", { name: "SQL console" }).click();
  await page.getByLabel("SQL", { exact: true }).fill(sql);
  await page.getByRole("button", { name: "Run SQL" }).click();
  const table = page.getByRole("table", { name: "Query result" });
  await table.waitFor();
  return table.innerText();
}

test("the unique email without a naming convention: 'Add a naming convention' edits models.ts, Ctrl+Z undoes it, and the migration then upgrades", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await page.getByText("Detected added table 'roles'").waitFor();
  // the tutorial without its naming convention: the lines inside SQLAlchemy({ … }) removed
  await editor(page).click();
  await page.keyboard.press("Control+Home");
  await page.locator(".monaco-editor .view-line", { hasText: "const db = new SQLAlchemy({" }).first().click();
  await page.keyboard.press("End");
  for (let i = 0; i < 7; i++) await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Shift+End");
  await page.keyboard.press("Delete");
  await expect.poll(() => topText(page)).toContain("const db = new SQLAlchemy({\n});");
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO users (username) VALUES ('ann'), ('bob')");

  await page.getByRole("tab", { name: "models.ts" }).click();
  await addLineAfter(page, "role_id = db.Column", "email = db.Column(db.String(120), { unique: true });");
  await warnings(page).getByText(/has no name: SQLite batch mode must create and drop constraints by name/).waitFor();
  await screenshot(page, "fixes-unnamed-warning");

  await pending(page).getByRole("button", { name: "Add a naming convention" }).click();
  await expect.poll(() => topText(page)).toContain('const db = new SQLAlchemy({\n  namingConvention: {\n    ix: "ix_%(column_0_label)s",');
  await pending(page).getByText("Detected added unique constraint 'uq_users_email' on '['email']'").waitFor();
  await screenshot(page, "fixes-naming-convention");

  await editor(page).click();
  await page.keyboard.press("Control+Z");
  await expect.poll(() => topText(page)).toContain("const db = new SQLAlchemy({\n});");
  // only the fix is undone: the email line typed before it stays
  await expect.poll(() => editorHolds(page, "email = db.Column(db.String(120), { unique: true });")).toBe(true);
  await page.keyboard.press("Control+Y");
  await expect.poll(() => topText(page)).toContain("  namingConvention: {");

  await pending(page).getByText("Detected added unique constraint 'uq_users_email' on '['email']'").waitFor();
  await page.getByLabel("Message").fill("add email");
  await page.getByRole("button", { name: "Generate migration" }).click();
  await page.getByRole("tab", { name: /add_email\.ts/ }).waitFor();
  await expect.poll(() => editorHolds(page, 'batchOp.createUniqueConstraint("uq_users_email", ["email"]);')).toBe(true);
  await upgradeOnce(page, "add email");
  expect(await queryResult(page, "SELECT sql FROM sqlite_master WHERE name = 'users'")).toContain("CONSTRAINT uq_users_email UNIQUE (email)");
  expect(pageErrors(page)).toEqual([]);
});

test("a renamed column with rows: 'Rename instead' shows the SQL before and after, rewrites the script, and the upgrade keeps the rows", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await page.getByText("Detected added table 'roles'").waitFor();
  await addLineAfter(page, "role_id = db.Column", "bio = db.Column(db.Text);");
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO users (username, bio) VALUES ('ann', 'likes tea'), ('bob', 'likes maps')");

  await page.getByRole("tab", { name: "models.ts" }).click();
  await clickEditorLine(page, "bio = db.Column");
  await page.keyboard.press("Home");
  await page.keyboard.press("Control+Shift+ArrowRight");
  await typeInEditor(page, "about");
  await warnings(page).getByText(/Column 'users\.bio' is dropped and 'users\.about' of the same type is added/).waitFor();

  await pending(page).getByText("SQL before and after").click();
  await expect.poll(() => pending(page).getByLabel("SQL after the fix").innerText()).toContain("SELECT users.id, users.username, users.role_id, users.bio");
  expect(await pending(page).getByLabel("SQL before the fix").innerText()).not.toContain("users.bio");
  await screenshot(page, "fixes-rename-preview");

  await page.getByLabel("Message").fill("rename bio");
  await pending(page).getByRole("button", { name: "Rename instead" }).click();
  await page.getByRole("tab", { name: /rename_bio\.ts/ }).waitFor();
  await expect.poll(() => shownText(page)).toContain('batchOp.alterColumn("bio", { newColumnName: "about" });');
  expect(await shownText(page)).not.toContain("dropColumn");
  await screenshot(page, "fixes-rename-script");
  // the open preview follows the pending changes: now that the script exists, it says why it cannot render another
  await pending(page).locator("details").getByText(/Target database is not up to date/).waitFor();
  // the fix is an edit of the script: Ctrl+Z gives back the script as generated
  await editor(page).click();
  await page.keyboard.press("Control+Z");
  await expect.poll(() => shownText(page)).toContain('batchOp.dropColumn("bio");');
  await page.keyboard.press("Control+Y");
  await expect.poll(() => shownText(page)).toContain('batchOp.alterColumn("bio", { newColumnName: "about" });');
  // the same fix as a quick fix on the generated drop: undone once more, then Ctrl+. on its line
  await page.keyboard.press("Control+Z");
  await page.locator(".monaco-editor .view-line", { hasText: 'batchOp.dropColumn("bio");' }).click();
  await page.locator(".monaco-editor .lightBulbWidget").waitFor({ timeout: 60_000 });
  await page.keyboard.press("Control+.");
  const quickFix = page.getByRole("option", { name: /Rename instead: alterColumn/ }).or(page.getByText(/^Rename instead: alterColumn/));
  await quickFix.first().waitFor({ timeout: 60_000 });
  await screenshot(page, "fixes-rename-quick-fix");
  await page.keyboard.press("Enter");
  await expect.poll(() => shownText(page)).toContain('batchOp.alterColumn("bio", { newColumnName: "about" });');
  await page.waitForTimeout(600);

  await upgradeOnce(page, "rename bio");
  const rows = await queryResult(page, "SELECT username, about FROM users ORDER BY id");
  expect(rows).toContain("likes tea");
  expect(rows).toContain("likes maps");
  expect(pageErrors(page)).toEqual([]);
});

test("a NOT NULL column on a table with rows: 'Fill it in a data step' edits the generated script, and the upgrade fills the rows", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO users (username) VALUES ('ann'), ('bob')");
  await page.getByRole("tab", { name: "models.ts" }).click();
  await addLineAfter(page, "role_id = db.Column", "age = db.Column(db.Integer, { nullable: false });");
  const warning = warnings(page).getByRole("listitem").filter({ hasText: "Adding column 'users.age' as NOT NULL without a server default fails" });
  await warning.getByRole("button", { name: "Add a server default" }).waitFor();
  await screenshot(page, "fixes-not-null-warning");

  await page.getByLabel("Message").fill("add age");
  await warning.getByRole("button", { name: "Fill it in a data step" }).click();
  await page.getByRole("tab", { name: /add_age\.ts/ }).waitFor();
  await expect.poll(() => editorHolds(page, `op.execute("UPDATE users SET age = 0 WHERE age IS NULL");`)).toBe(true);
  await screenshot(page, "fixes-data-step-script");
  await page.waitForTimeout(600);
  await upgradeOnce(page, "add age");
  const rows = await queryResult(page, "SELECT username, age, (SELECT \"notnull\" FROM pragma_table_info('users') WHERE name = 'age') AS not_null FROM users ORDER BY id");
  expect(rows.replace(/\s+/g, " ")).toContain("ann 0 1 bob 0 1");
  expect(pageErrors(page)).toEqual([]);
});

test("a view and a trigger on a table that a migration rebuilds: the warnings say so, and 'Keep the views and triggers' makes the upgrade pass", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  // one paste, three statements: the console runs them all, as the sqlite3 shell does
  await runSql(page, [
    "INSERT INTO users (username) VALUES ('ann')",
    "CREATE VIEW names AS SELECT username FROM users",
    "CREATE TRIGGER users_touch AFTER INSERT ON users BEGIN UPDATE users SET role_id = NULL WHERE id = new.id; END",
  ].join(";\n"));
  await page.getByRole("tab", { name: "models.ts" }).click();
  await addLineAfter(page, "role_id = db.Column", "email = db.Column(db.String(120), { unique: true });");
  await warnings(page).getByText(/View 'names' reads 'users': SQLite refuses the last step of the batch rebuild/).waitFor();
  await warnings(page).getByText(/Trigger 'users_touch' on 'users' is dropped by this migration's batch rebuild/).waitFor();
  await screenshot(page, "fixes-views-triggers-warning");

  await page.getByLabel("Message").fill("add email");
  await warnings(page).getByRole("button", { name: "Keep the views and triggers" }).first().click();
  await page.getByRole("tab", { name: /add_email\.ts/ }).waitFor();
  await expect.poll(() => editorHolds(page, 'op.execute("DROP VIEW IF EXISTS names");')).toBe(true);
  await page.waitForTimeout(600);
  await upgradeOnce(page, "add email");
  const objects = await queryResult(page, "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY name");
  expect(objects.replace(/\s+/g, " ")).toContain("view names trigger users_touch");
  expect(await queryResult(page, "SELECT count(*) AS n FROM names")).toContain("1");
  expect(pageErrors(page)).toEqual([]);
});

test("a Monaco quick fix turns primary_key into primaryKey", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await page.getByText("Detected added table 'roles'").waitFor();
  await addLineAfter(page, "role_id = db.Column", "age = db.Column(db.Integer, { primary_key: false });");
  await pending(page).getByText(/Unknown option 'primary_key'\. Did you mean 'primaryKey'\?/).waitFor();
  await page.keyboard.press("ArrowLeft");
  // the lightbulb shows that the line has fixes (Monaco asks every provider, the TypeScript
  // worker's too, which a loaded machine starts slowly); then Ctrl+. opens them
  await page.locator(".monaco-editor .lightBulbWidget").waitFor({ timeout: 60_000 });
  await page.keyboard.press("Control+.");
  await page.getByRole("option", { name: /Change to 'primaryKey'/ }).or(page.getByText("Change to 'primaryKey'")).first().waitFor({ timeout: 60_000 });
  await screenshot(page, "fixes-quick-fix-menu");
  await page.keyboard.press("Enter");
  await expect.poll(() => shownText(page)).toContain("age = db.Column(db.Integer, { primaryKey: false });");
  await pending(page).getByText("Detected added table 'users'").waitFor();
  expect(await pending(page).innerText()).not.toContain("primary_key");
  expect(pageErrors(page)).toEqual([]);
});
