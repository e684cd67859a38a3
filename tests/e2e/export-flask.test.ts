// Issue 12 in Debian Chromium: the Playgrounds dialog's "Export as Flask project" downloads the
// Flask-Migrate project as a zip, and "Export new revisions as .py" the revisions after the chosen
// one (by default the oldest) as one .py file.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { generateAndUpgradeFirstMigration, openApp, pageErrors, runInTerminal, screenshot, settled, useSite } from "./support";

const site = useSite();
let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "retort-e2e-flask-"));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const menu = (page: Page) => page.getByRole("dialog", { name: "Playgrounds" });

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), menu(page).getByRole("button", { name: button }).click()]);
  const path = join(scratch, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

test("export the tutorial as a Flask project, then its new revision alone as a .py file", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  const first = (await page.getByRole("tab", { name: /initial_migration\.ts/ }).innerText()).slice(0, 12);
  await runInTerminal(page, 'flask db revision -m "add data"');
  await page.getByRole("tab", { name: /add_data\.ts/ }).waitFor();
  await settled(page);

  await page.getByRole("button", { name: /^Playgrounds: / }).click();
  await menu(page).waitFor();
  await screenshot(page, "export-flask-dialog");
  const project = await download(page, "Export as Flask project");
  expect(project.name).toBe("tutorial-playground-flask.zip");
  const entries = unzipSync(new Uint8Array(project.bytes));
  const scripts = Object.keys(entries).filter((p) => /^migrations\/versions\/.+\.py$/.test(p)).sort();
  expect(scripts).toHaveLength(2);
  expect(Object.keys(entries)).toEqual(expect.arrayContaining(["app.py", "models.py", "migrations/env.py", "migrations/alembic.ini", "migrations/script.py.mako", "migrations/README"]));
  expect(strFromU8(entries["models.py"]!)).toContain("class User(db.Model):");
  expect(strFromU8(entries[scripts.find((s) => s.includes(first))!]!)).toContain("op.create_table('roles',");

  // the default is the oldest revision: the one new revision after it comes alone
  await expect.poll(() => menu(page).getByLabel("New revisions after").inputValue()).toBe(first);
  const script = await download(page, "Export new revisions as .py");
  expect(script.name).toMatch(/^[0-9a-f]{12}_add_data\.py$/);
  expect(script.bytes.toString("utf8")).toContain(`down_revision = '${first}'\n`);
  expect(script.bytes.toString("utf8")).toContain("def upgrade():\n    pass\n");

  // a choice lasts while the dialog is open; opened again, it starts from the oldest revision
  await menu(page).getByLabel("New revisions after").selectOption("base");
  const all = await download(page, "Export new revisions as .py");
  expect(all.name).toBe("tutorial-playground-new-revisions.zip");
  await menu(page).getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: /^Playgrounds: / }).click();
  await expect.poll(() => menu(page).getByLabel("New revisions after").inputValue()).toBe(first);
  expect(pageErrors(page)).toEqual([]);
});
