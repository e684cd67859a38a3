// The terminal panel: `flask db …` and `retort db …`, Flask-Migrate's lines with their logger
// (dimmed), history with Up/Down (kept per playground across reloads), completion with Tab.
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { openApp, runInTerminal, screenshot, settled, useSite } from "./support";

const site = useSite();

test("db commands run from the terminal, with history and completion", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  const output = page.getByRole("list", { name: "Terminal output" });
  const terminal = page.getByRole("textbox", { name: "Terminal" });

  await runInTerminal(page, 'flask db migrate -m "initial migration"');
  await output.getByText(/^Generating migrations\/versions\/[0-9a-f]{12}_initial_migration\.ts \.\.\. {2}done$/).waitFor();
  await page.getByRole("tab", { name: /initial_migration\.ts/ }).waitFor();
  await output.getByText("Detected added table 'roles'").waitFor();

  await runInTerminal(page, "retort db upgrade");
  await output.getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade {2}-> [0-9a-f]{12}, initial migration$/).waitFor();
  await settled(page);
  await runInTerminal(page, "flask db current");
  await output.getByText(/^[0-9a-f]{12} \(head\)$/).waitFor();

  // Up recalls the last command; Tab completes a command name.
  await terminal.press("ArrowUp");
  expect(await terminal.inputValue()).toBe("flask db current");
  await terminal.press("ArrowUp");
  expect(await terminal.inputValue()).toBe("retort db upgrade");
  await terminal.press("ArrowDown");
  await terminal.press("ArrowDown");
  expect(await terminal.inputValue()).toBe("");
  await terminal.fill("flask db hist");
  await terminal.press("Tab");
  expect(await terminal.inputValue()).toBe("flask db history ");
  await terminal.press("Enter");
  await output.getByText(/^<base> -> [0-9a-f]{12} \(head\), initial migration$/).waitFor();

  // Anything else is refused, never run.
  await runInTerminal(page, "rm -rf /");
  await output.getByText(/^Unknown command 'rm'/).waitFor();
  await runInTerminal(page, "flask db nonsense");
  await settled(page);
  await screenshot(page, "terminal");

  // The keyboard shortcut focuses the terminal from anywhere.
  await page.getByRole("button", { name: "Generate migration" }).focus();
  await page.keyboard.press("Control+Backquote");
  expect(await terminal.evaluate((el) => el === document.activeElement)).toBe(true);
});

test("names that look like HTML are shown as text", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  const sql = 'CREATE TABLE "<img src=x onerror=alert(1)>" ("<b>bold</b>" INTEGER)';
  await page.getByRole("tab", { name: "SQL console" }).click();
  await page.getByLabel("SQL", { exact: true }).fill(sql);
  await page.getByRole("button", { name: "Run SQL" }).click();
  await page.getByRole("tab", { name: "Schema" }).click();
  const table = page.getByRole("article", { name: "Table <img src=x onerror=alert(1)>" });
  await table.waitFor();
  expect(await table.locator("h3").innerText()).toBe("<img src=x onerror=alert(1)>");
  expect(await table.locator("tbody th").innerText()).toBe("<b>bold</b>");
  expect(await page.locator("article img, article b").count()).toBe(0);
});

test("`flask db init` as the first command: Alembic's refusal, then why the playground needs no init", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  const output = page.getByRole("list", { name: "Terminal output" });
  await runInTerminal(page, "flask db init");
  await output.getByText("ERROR [flask_migrate] Error: Directory migrations already exists and is not empty", { exact: true }).waitFor();
  await output.getByText(/^A playground starts initialised, as a project does after `flask db init`/).waitFor();
  await screenshot(page, "terminal-init");
});

/** The terminal's lines as a person reads (and copies) them: each one whole. */
const terminalLines = (page: Page) => page.getByRole("list", { name: "Terminal output" }).getByRole("listitem").allTextContents();

test("a transcript reads like the tutorial's: each log line with its logger, the prefix dimmed", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await runInTerminal(page, 'flask db migrate -m "initial migration"');
  await page.getByRole("tab", { name: /initial_migration\.ts/ }).waitFor();
  await settled(page);
  const lines = await terminalLines(page);
  const from = lines.indexOf('$ flask db migrate -m "initial migration"');
  expect(lines.slice(from + 1)).toEqual([
    "INFO  [alembic.runtime.migration] Context impl SQLiteImpl.",
    "INFO  [alembic.runtime.migration] Will assume transactional DDL.",
    "INFO  [alembic.autogenerate.compare] Detected added table 'roles'",
    "INFO  [alembic.autogenerate.compare] Detected added table 'users'",
    "INFO  [alembic.autogenerate.compare] Detected added index 'ix_users_role_username' on '['role_id', 'username']'",
    "INFO  [alembic.autogenerate.compare] Detected added index 'ix_users_username' on '['username']'",
    expect.stringMatching(/^Generating migrations\/versions\/[0-9a-f]{12}_initial_migration\.ts \.\.\. {2}done$/),
  ]);
  await runInTerminal(page, 'flask db migrate -m "again"');
  await page.getByRole("list", { name: "Terminal output" }).getByText("ERROR [flask_migrate] Error: Target database is not up to date.").waitFor();

  // The prefix is drawn fainter than the message it stands before.
  const line = page.getByRole("list", { name: "Terminal output" }).getByRole("listitem").filter({ hasText: "Detected added table 'roles'" });
  const prefix = line.locator(".prefix");
  expect(await prefix.textContent()).toBe("INFO  [alembic.autogenerate.compare] ");
  const opacity = (el: Element) => Number(getComputedStyle(el).opacity);
  expect(await prefix.evaluate(opacity)).toBeLessThan(0.8);
  expect(await line.evaluate(opacity)).toBe(1);
  await screenshot(page, "terminal-transcript");
});

test("Up recalls each playground's own commands, after a reload too", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  const terminal = page.getByRole("textbox", { name: "Terminal" });
  await runInTerminal(page, "flask db heads");
  await runInTerminal(page, "flask db history --verbose");
  await settled(page);
  await page.waitForTimeout(600);

  await page.reload();
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  await terminal.press("ArrowUp");
  expect(await terminal.inputValue()).toBe("flask db history --verbose");
  await terminal.press("ArrowUp");
  expect(await terminal.inputValue()).toBe("flask db heads");

  // another playground has its own history: none yet, then the line typed there
  await page.getByRole("button", { name: /^Playgrounds: / }).click();
  await page.getByRole("dialog", { name: "Playgrounds" }).getByRole("button", { name: "New tutorial playground" }).click();
  // the new playground is open once the terminal says so (its pending changes read as the old one's)
  await page.getByRole("list", { name: "Terminal output" }).getByText(/^— Opened a new playground/).waitFor();
  await terminal.fill("");
  await terminal.press("ArrowUp");
  expect(await terminal.inputValue()).toBe("");
  await runInTerminal(page, "flask db current");
  await settled(page);
  await page.waitForTimeout(600);
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  await terminal.press("ArrowUp");
  expect(await terminal.inputValue()).toBe("flask db current");
  await terminal.press("ArrowUp");
  expect(await terminal.inputValue()).toBe("flask db current");
});
