// Issue 11, "A teammate", as a person meets it: the tutorial's first migration upgraded, then
// Simulate a teammate: two heads in the graph, the History panel's Upgrade and the Pending panel's
// Generate say why they are off and offer `flask db merge heads`, the terminal offers it after the
// error a typed upgrade gets; one click merges, Upgrade runs both branches, the teammate's table
// is in the database and the pending changes are empty.
import { expect, test } from "vitest";
import { editorText, generateAndUpgradeFirstMigration, openApp, pageErrors, runInTerminal, screenshot, settled, stepLog, useSite } from "./support";

const site = useSite({ viewport: { width: 1024, height: 768 } });

test("simulate a teammate, see two heads, merge them, upgrade: their change is in the database", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  const history = page.getByRole("region", { name: "History and database" });
  const output = page.getByRole("list", { name: "Terminal output" });

  await history.getByRole("button", { name: "Simulate a teammate" }).click();
  const note = output.getByText(/^— A teammate added revision [0-9a-f]{12}: /);
  await note.waitFor();
  await settled(page);
  const said = await note.innerText();
  const [, theirs, table] = /revision ([0-9a-f]{12}): add (\w+) table/.exec(said) ?? [];
  expect(theirs, said).toBeDefined();

  // two heads in the graph, the teammate's script open for review, their model pulled into models.ts
  const revisions = page.getByRole("list", { name: "Revisions, newest first" });
  await expect.poll(() => revisions.locator("li", { hasText: "head" }).count()).toBe(2);
  await revisions.getByRole("button", { name: `Open script ${theirs}` }).waitFor();
  await page.getByRole("tab", { name: new RegExp(`${theirs}_add_${table}_table\\.ts`) }).waitFor();
  const pending = page.getByRole("region", { name: "Pending changes" });
  await pending.getByText(`Detected added table '${table}'`).waitFor();

  // the one-step Upgrade and Generate say why they are off, and offer the merge
  const upgrade = history.getByRole("button", { name: "Upgrade", exact: true });
  expect(await upgrade.isDisabled()).toBe(true);
  // `upgrade heads` runs every branch: the teammate's is not run yet, so it stays on
  expect(await history.getByRole("button", { name: "Upgrade to head" }).isDisabled()).toBe(false);
  await history.getByText(/^Two heads: .* one step up needs one head/).waitFor();
  expect(await pending.getByRole("button", { name: "Generate migration" }).isDisabled()).toBe(true);
  await pending.getByText(/`flask db migrate` needs one head/).waitFor();
  await pending.getByRole("button", { name: "flask db merge heads" }).waitFor();

  // a typed upgrade fails as Flask-Migrate's does; the terminal offers the merge after the error
  await runInTerminal(page, "flask db upgrade");
  await output.getByText(/^ERROR \[flask_migrate\] Error: Multiple head revisions are present for given argument 'head'/).waitFor();
  await output.getByRole("button", { name: "flask db merge heads" }).waitFor();
  await settled(page);
  await screenshot(page, "teammate-two-heads");

  await history.getByRole("button", { name: "flask db merge heads" }).click();
  await output.getByText(/^Generating migrations\/versions\/[0-9a-f]{12}_\.ts \.\.\. {2}done$/).waitFor();
  await settled(page);
  await expect.poll(() => revisions.locator("li", { hasText: "head" }).count()).toBe(1);

  await upgrade.click();
  await stepLog(page).getByText(new RegExp(`^INFO\\s+\\[alembic\\.runtime\\.migration\\] Running upgrade {2}-> ${theirs}, add ${table} table$`)).waitFor();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade [0-9a-f]{12}, [0-9a-f]{12} -> [0-9a-f]{12}, empty message$/).waitFor();
  await settled(page);
  await page.getByRole("tab", { name: "Schema" }).click();
  await page.getByRole("article", { name: `Table ${table}` }).waitFor();
  await pending.getByText("No changes in schema detected.").waitFor();
  await screenshot(page, "teammate-merged");
  expect(pageErrors(page)).toEqual([]);
});

test("the pulled model change is an edit of models.ts that Ctrl+Z undoes, and a reload keeps the teammate's work", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  const history = page.getByRole("region", { name: "History and database" });
  await history.getByRole("button", { name: "Simulate a teammate" }).click();
  const note = page.getByRole("list", { name: "Terminal output" }).getByText(/^— A teammate added revision [0-9a-f]{12}: /);
  await note.waitFor();
  await settled(page);
  const [, theirs, table] = /revision ([0-9a-f]{12}): add (\w+) table/.exec(await note.innerText()) ?? [];
  const pending = page.getByRole("region", { name: "Pending changes" });
  await pending.getByText(`Detected added table '${table}'`).waitFor();

  await page.getByRole("tab", { name: "models.ts" }).click();
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  await expect.poll(() => editorText(page)).toContain(`static __tablename__ = "${table}";`);
  await page.keyboard.press("Control+Z");
  await expect.poll(() => editorText(page)).not.toContain(`static __tablename__ = "${table}";`);
  await pending.getByText("No changes in schema detected.").waitFor();
  await page.keyboard.press("Control+Shift+Z");
  await pending.getByText(`Detected added table '${table}'`).waitFor();

  // saved as any change is: a reload shows the two heads and the pulled model
  await page.waitForTimeout(900);
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  const revisions = page.getByRole("list", { name: "Revisions, newest first" });
  await revisions.getByRole("button", { name: `Open script ${theirs}` }).waitFor();
  await expect.poll(() => revisions.locator("li", { hasText: "head" }).count()).toBe(2);
  await pending.getByText(`Detected added table '${table}'`).waitFor();
  expect(pageErrors(page)).toEqual([]);
});
