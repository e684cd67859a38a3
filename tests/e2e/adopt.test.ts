// Issue 12, "Open your own SQLite database", as a person does it in Debian Chromium: choose a file
// with rows through "Open a SQLite file…", see its tables and rows, edit the generated models.ts,
// generate a migration whose warnings count the file's own rows, upgrade; then drop a file that is
// not SQLite onto the page: a message, and the open playground stays as it was.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openSqlJs } from "../../src/engine/index";
import { clickEditorLine, openApp, pageErrors, screenshot, settled, stepLog, typeInEditor, useSite } from "./support";

const site = useSite();
let scratch: string;
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "retort-e2e-adopt-"));
  const db = await openSqlJs();
  db.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(120) NOT NULL UNIQUE, city TEXT);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total NUMERIC(8, 2));
    CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
    INSERT INTO customers VALUES (1, 'ann@example.com', 'Oslo'), (2, 'bob@example.com', 'Lima'), (3, 'cy@example.com', NULL);
    INSERT INTO orders VALUES (1, 1, 120), (2, 2, 30);`);
  writeFileSync(join(scratch, "shop.db"), db.export());
  db.close();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const menu = (page: import("playwright-core").Page) => page.getByRole("dialog", { name: "Playgrounds" });

test("open a SQLite file, see its rows, change its models, migrate with warnings on its rows, upgrade; a dropped non-SQLite file changes nothing", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await page.getByRole("button", { name: /^Playgrounds: / }).click();
  await menu(page).getByLabel("Open a SQLite file").setInputFiles(join(scratch, "shop.db"));
  await menu(page).waitFor({ state: "hidden" });
  await page.getByRole("button", { name: "Playgrounds: shop.db" }).waitFor();
  await page.getByRole("tab", { name: "Schema" }).click();
  await page.getByRole("article", { name: "Table customers" }).getByText("3 rows", { exact: true }).waitFor();
  await page.getByRole("article", { name: "Table orders" }).getByText("2 rows", { exact: true }).waitFor();
  await page.getByText("View 'big_orders' is kept in the database").first().waitFor();
  await page.getByText("No changes in schema detected.").first().waitFor();

  // the user's change: a new column, and the city column dropped (it holds 2 values)
  await page.getByRole("tab", { name: "models.ts" }).click();
  await clickEditorLine(page, "city = db.Column");
  await page.keyboard.press("Control+Shift+K");
  await clickEditorLine(page, "email = db.Column");
  await page.keyboard.press("Enter");
  await typeInEditor(page, "nickname = db.Column(db.String(40));");
  await page.getByText("Detected added column 'customers.nickname'").waitFor();
  await page.getByText("Dropping column 'customers.city' deletes 2 non-null values.").first().waitFor();
  await page.getByLabel("Message").fill("nickname instead of city");
  await page.getByRole("button", { name: "Generate migration" }).click();
  await page.getByRole("tab", { name: /nickname_instead_of_city\.ts/ }).waitFor();
  await screenshot(page, "adopt-migrated");

  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Before you run this" });
  await dialog.getByText(/Dropping column 'customers\.city' deletes 2 non-null values\./).waitFor();
  await dialog.getByRole("button", { name: /^Run anyway/ }).click();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade [0-9a-f]{12} -> [0-9a-f]{12}, nickname instead of city$/).waitFor();
  await settled(page);
  await page.getByRole("tab", { name: "Schema" }).click();
  await page.getByRole("article", { name: "Table customers" }).getByText("3 rows", { exact: true }).waitFor();
  await screenshot(page, "adopt-upgraded");

  // a file dragged over the page: the overlay says where it goes
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(["x"], "people.csv"));
    window.dispatchEvent(new DragEvent("dragenter", { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await page.getByRole("status", { name: "Drop a SQLite file" }).waitFor();
  await screenshot(page, "adopt-drop-overlay");

  // a file that is not SQLite, dropped onto the page
  const models = await page.getByRole("tab", { name: "models.ts" }).count();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(["name,email\nann,a@x\n"], "people.csv", { type: "text/csv" }));
    for (const type of ["dragenter", "dragover", "drop"]) window.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await page.getByRole("status", { name: "Drop a SQLite file" }).waitFor({ state: "detached" });
  await page.getByRole("alert").getByText(/This file is not a SQLite database: its first bytes are "name,email\.ann,a"/).waitFor();
  await screenshot(page, "adopt-refused-drop");
  await page.getByRole("button", { name: "Playgrounds: shop.db" }).waitFor();
  expect(await page.getByRole("tab", { name: "models.ts" }).count()).toBe(models);
  await page.getByRole("tab", { name: /nickname_instead_of_city\.ts/ }).waitFor();
  expect(pageErrors(page)).toEqual([]);
});
