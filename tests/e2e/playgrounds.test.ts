// Issue 5 in Debian Chromium: many playgrounds and switching, undo snapshots, a zip round trip,
// the open tabs after a reload, and two tabs on one playground that must choose, not overwrite.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  clickEditorLine, generateAndUpgradeFirstMigration, openApp, pageErrors, runSql, screenshot, settled, stepLog,
  typeInEditor, useSite, fillableStorage, setStorageFull } from "./support";
import type { Page } from "playwright-core";

const site = useSite();
let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "retort-e2e-files-"));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const currentRevision = (page: Page) => page.locator("ol[aria-label='Revisions, newest first'] li.current .id").innerText();
const menu = (page: Page) => page.getByRole("dialog", { name: "Playgrounds" });
const saved = (page: Page) => menu(page).getByRole("list", { name: "Saved playgrounds" }).getByRole("listitem");

async function openMenu(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Playgrounds: / }).click();
  await menu(page).waitFor();
}

test("two playgrounds: create, rename, switch back and forth, each keeps its own work", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  const revision = await currentRevision(page);

  await openMenu(page);
  await menu(page).getByRole("button", { name: "New tutorial playground" }).click();
  await page.getByRole("region", { name: "Models and migration scripts" }).getByText("Detected added table 'roles'").waitFor();
  expect(await page.getByRole("tab", { name: /initial_migration\.ts/ }).count()).toBe(0);
  // The first playground's script, open in the editor, does not leak into the new one.
  await page.waitForTimeout(600);
  expect(await page.getByRole("region", { name: "History and database" }).getByText(/initial_migration\.ts/).count()).toBe(0);
  await openMenu(page);
  await expect.poll(() => saved(page).count(), { timeout: 15_000 }).toBe(2);
  await saved(page).filter({ hasText: "open now" }).getByRole("button", { name: "Rename" }).click();
  await menu(page).getByLabel("New title").fill("Second try");
  await menu(page).getByRole("button", { name: "Save title" }).click();
  await saved(page).first().getByText("Second try").waitFor();
  await page.getByRole("button", { name: "Playgrounds: Second try" }).waitFor();
  await screenshot(page, "playgrounds-menu");

  await saved(page).filter({ hasText: "Tutorial playground" }).getByRole("button", { name: "Open" }).click();
  await page.getByRole("tab", { name: /initial_migration\.ts/ }).waitFor();
  expect(await currentRevision(page)).toBe(revision);
  await page.getByRole("button", { name: "Playgrounds: Tutorial playground" }).waitFor();

  // Delete asks first; the deleted one is gone after a reload too.
  await openMenu(page);
  await saved(page).filter({ hasText: "Second try" }).getByRole("button", { name: "Delete" }).click();
  await menu(page).getByRole("button", { name: "Delete for good" }).click();
  await expect.poll(() => saved(page).count(), { timeout: 15_000 }).toBe(1);
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  await openMenu(page);
  expect(await saved(page).allInnerTexts()).toEqual([expect.stringContaining("Tutorial playground")]);
  expect(pageErrors(page)).toEqual([]);
});

test("a reload keeps the open tabs, the selected tab and the undo steps", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  const scriptTab = page.getByRole("tab", { name: /initial_migration\.ts/ });
  await scriptTab.click();
  await page.waitForTimeout(800); // past the save pause
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  await expect.poll(() => scriptTab.getAttribute("aria-selected")).toBe("true");
  await page.getByRole("button", { name: "Undo steps (1)" }).waitFor();
});

test("undo: the database comes back as it was before a downgrade, rows included, and the restore can be undone", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO roles (id, name) VALUES (1, 'admin')");
  const revision = await currentRevision(page);
  await page.getByRole("button", { name: "Downgrade", exact: true }).click();
  // it drops the row's table: the page asks first (step-warnings.test.ts)
  await page.getByRole("dialog", { name: "Before you run this" }).getByRole("button", { name: "Run anyway (you can undo it)" }).click();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running downgrade [0-9a-f]{12} -> , initial migration$/).waitFor();
  await settled(page);
  expect(await page.getByRole("article", { name: "Table roles" }).count()).toBe(0);

  await page.getByRole("button", { name: "Undo steps (2)" }).click();
  const dialog = page.getByRole("dialog", { name: "Undo a step" });
  await dialog.getByText("The last 20 steps are kept.", { exact: false }).waitFor();
  await dialog.getByRole("button", { name: "Restore the database as it was before flask db downgrade" }).click();
  await screenshot(page, "undo-steps");
  await dialog.getByRole("button", { name: "Restore", exact: true }).click();
  await dialog.getByText(/The database is back as it was before flask db downgrade/).waitFor();
  await dialog.getByRole("button", { name: "Close" }).click();
  expect(await currentRevision(page)).toBe(revision);
  await page.getByRole("tab", { name: "Schema" }).click();
  await page.getByRole("article", { name: "Table roles" }).getByText("1 row", { exact: true }).waitFor();
  await page.getByRole("button", { name: "Undo steps (3)" }).waitFor();

  // The restored database is what a reload shows.
  await page.waitForTimeout(800);
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  await page.getByRole("article", { name: "Table roles" }).getByText("1 row", { exact: true }).waitFor();
  expect(pageErrors(page)).toEqual([]);
});

test("export a zip, import it back as a new playground with the same revision and rows", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO roles (id, name) VALUES (5, 'zipped')");
  const revision = await currentRevision(page);
  await openMenu(page);
  const [download] = await Promise.all([page.waitForEvent("download"), menu(page).getByRole("button", { name: "Download zip" }).click()]);
  expect(download.suggestedFilename()).toBe("tutorial-playground.zip");
  const zip = join(scratch, "roundtrip.zip");
  await download.saveAs(zip);

  const [sqlFile] = await Promise.all([page.waitForEvent("download"), menu(page).getByRole("button", { name: "Download SQL" }).click()]);
  expect(sqlFile.suggestedFilename()).toBe("tutorial-playground-base-head.sql");
  const sqlPath = join(scratch, "range.sql");
  await sqlFile.saveAs(sqlPath);
  const sql = readFileSync(sqlPath, "utf8");
  expect(sql).toContain("CREATE TABLE roles");
  expect(sql).not.toContain("Generating static SQL");
  await menu(page).waitFor();

  const [dbFile] = await Promise.all([page.waitForEvent("download"), menu(page).getByRole("button", { name: "Download database (.sqlite)" }).click()]);
  const dbPath = join(scratch, "app.sqlite");
  await dbFile.saveAs(dbPath);
  expect(readFileSync(dbPath).subarray(0, 15).toString("latin1")).toBe("SQLite format 3");

  await menu(page).getByLabel("Import a playground zip").setInputFiles(zip);
  await menu(page).waitFor({ state: "hidden" });
  await page.getByRole("tab", { name: /initial_migration\.ts/ }).waitFor();
  await page.getByRole("tab", { name: "Schema" }).click();
  await page.getByRole("article", { name: "Table roles" }).getByText("1 row", { exact: true }).waitFor();
  expect(await currentRevision(page)).toBe(revision);
  await openMenu(page);
  await expect.poll(() => saved(page).count(), { timeout: 15_000 }).toBe(2);
  await screenshot(page, "playgrounds-after-import");
});

test("two tabs on one playground: the one that would overwrite the other is asked, and a copy keeps both", async () => {
  const first = await openApp(site.browser.context, site.server.url);
  await first.getByRole("region", { name: "Models and migration scripts" }).getByText("Detected added table 'roles'").waitFor();
  await first.waitForTimeout(800);
  const second = await openApp(site.browser.context, site.server.url);
  await clickEditorLine(second, "role_id = db.Column");
  await clickEditorLine(first, "role_id = db.Column");
  // Both tabs change the same playground within one save pause.
  await typeInEditor(first, " // first tab");
  await second.bringToFront();
  await typeInEditor(second, " // second tab");

  const bar = (p: Page) => p.getByRole("alertdialog", { name: "Changed in another tab" });
  const asked = await Promise.race([
    bar(first).waitFor().then(() => first),
    bar(second).waitFor().then(() => second),
  ]);
  await asked.bringToFront();
  await screenshot(asked, "two-tabs-conflict");
  await bar(asked).getByRole("button", { name: "Save mine as a copy" }).click();
  await bar(asked).waitFor({ state: "hidden" });
  await expect.poll(() => asked.getByRole("button", { name: /^Playgrounds: / }).getAttribute("aria-label")).toMatch(/this tab's copy/);
  await openMenu(asked);
  expect(await saved(asked).count()).toBe(2);
  await menu(asked).getByRole("button", { name: "Close" }).click();

  // Both versions are kept: each tab still shows its own edit, and both tabs list both playgrounds.
  const other = asked === first ? second : first;
  await clickEditorLine(asked, asked === first ? "// first tab" : "// second tab");
  await clickEditorLine(other, other === first ? "// first tab" : "// second tab");
  await other.bringToFront();
  await openMenu(other);
  await expect.poll(() => saved(other).count()).toBe(2);
});

test("full storage: a clear message that stays, nothing lost, and saving resumes when there is room", async () => {
  await fillableStorage(site.browser.context);
  const page = await openApp(site.browser.context, site.server.url);
  await setStorageFull(page, true);
  await clickEditorLine(page, "role_id = db.Column");
  await typeInEditor(page, " // kept in the tab");
  const alert = page.getByRole("alert").filter({ hasText: "Not saved: browser storage is full." });
  await alert.waitFor();
  await page.waitForTimeout(1000);
  expect(await alert.isVisible()).toBe(true);
  await screenshot(page, "storage-full");

  await setStorageFull(page, false);
  await typeInEditor(page, " and saved");
  await alert.waitFor({ state: "hidden" });
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  await clickEditorLine(page, "// kept in the tab and saved");
});

test("a share link opened in a tab that has a playground adds a new one and leaves the old one as it was", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await page.getByRole("button", { name: "Share" }).click();
  await page.waitForFunction(() => (document.getElementById("share-link") as HTMLInputElement | null)?.value.includes("#r1."));
  const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  await page.getByRole("dialog", { name: "Share this playground" }).getByRole("button", { name: "Close" }).click();

  const revision = await currentRevision(page);
  const other = await openApp(site.browser.context, link);
  await expect.poll(() => currentRevision(other)).toBe(revision);
  await openMenu(other);
  await expect.poll(() => saved(other).count()).toBe(2);
  await page.bringToFront();
  await openMenu(page);
  await expect.poll(() => saved(page).count(), { timeout: 15_000 }).toBe(2);
  expect(await page.getByRole("tab", { name: /initial_migration\.ts/ }).count()).toBe(1);
});
