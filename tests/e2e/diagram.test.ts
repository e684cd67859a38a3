// Issue 10, the schema diagram: the Diagram tab draws every table with its columns and keys,
// marks what the last step changed (added, altered with old → new, removed, the temporary table
// of a batch), and saves itself as SVG and PNG.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { clickEditorLine, generateAndUpgradeFirstMigration, openApp, pageErrors, runSql, screenshot, SCREENSHOTS, settled, stepLog, typeInEditor, useSite } from "./support";

const site = useSite({ viewport: { width: 1440, height: 900 } });

const diagram = (page: Page) => page.getByRole("region", { name: "Schema diagram" });
const tableIn = (page: Page, name: string) => diagram(page).getByLabel(`Table ${name}`, { exact: true });
const changeOf = (page: Page, name: string) => tableIn(page, name).getAttribute("data-change");

async function openDiagram(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Diagram" }).click();
  await diagram(page).waitFor();
}

/** Every table the diagram draws, with its change, as the page shows them. */
async function changes(page: Page): Promise<Record<string, string | null>> {
  const tables = diagram(page).locator("[aria-label^='Table '][data-change]");
  await tables.first().waitFor();
  const entries = await tables.evaluateAll((els) => els.map((e) => [e.getAttribute("aria-label")!.slice(6), e.getAttribute("data-change")]));
  return Object.fromEntries(entries);
}

/** No two tables (or a table and a button) drawn on top of each other, and all tables inside the fitted view. */
async function expectReadable(page: Page, { expanded = false } = {}): Promise<void> {
  const view = (await diagram(page).boundingBox())!;
  // the region itself inside its tab panel (or the window, expanded): nothing of it is scrolled away
  const panel = expanded ? { x: 0, y: 0, ...page.viewportSize()! } : (await page.getByRole("tabpanel", { name: "Diagram" }).boundingBox())!;
  expect(view.y + view.height).toBeLessThanOrEqual(panel.y + panel.height + 1);
  expect(view.x + view.width).toBeLessThanOrEqual(panel.x + panel.width + 1);
  const boxes = await diagram(page).locator("[aria-label^='Table '][data-change], .svelte-flow__controls, .svelte-flow__panel.top.right").evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { name: e.getAttribute("aria-label") ?? e.className, x: r.x, y: r.y, w: r.width, h: r.height };
  }));
  for (const [i, a] of boxes.entries()) {
    expect(a.x >= view.x - 1 && a.y >= view.y - 1 && a.x + a.w <= view.x + view.width + 1 && a.y + a.h <= view.y + view.height + 1, `${a.name} in view`).toBe(true);
    for (const b of boxes.slice(i + 1)) {
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      expect(apart, `${a.name} and ${b.name} overlap`).toBe(true);
    }
  }
}

test("the diagram marks each step's changes: added, altered with old → new, the temporary table, removed", { timeout: 120_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await openDiagram(page);
  // against the revision before it (none): every table of the first migration is new
  const first = await changes(page);
  expect(Object.keys(first).sort()).toEqual(["roles", "users"]);
  expect(Object.values(first).every((c) => c === "added")).toBe(true);
  await tableIn(page, "users").getByLabel("Column role_id").getByText("FK").waitFor();
  await tableIn(page, "roles").getByLabel("Column id").getByText("PK").waitFor();
  expect(await diagram(page).locator(".svelte-flow__edge").count()).toBe(1);

  // a reload has no last step: nothing is marked
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  await openDiagram(page);
  expect(await changes(page)).toEqual({ roles: "unchanged", users: "unchanged" });
  await expectReadable(page);
  await screenshot(page, "diagram-unchanged-1440");

  await page.getByRole("tab", { name: "models.ts" }).click();
  await clickEditorLine(page, "role_id = db.Column");
  await page.keyboard.press("Enter");
  await typeInEditor(page, "email = db.Column(db.String(120));");
  await page.getByText("Detected added column 'users.email'").waitFor();
  await page.getByLabel("Message").fill("add email");
  await page.getByRole("button", { name: "Generate migration" }).click();
  await page.getByRole("tab", { name: /add_email\.ts/ }).waitFor();
  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade [0-9a-f]{12} -> [0-9a-f]{12}, add email$/).waitFor();
  await settled(page);
  await expect.poll(() => changeOf(page, "users")).toBe("altered");
  expect(await changeOf(page, "roles")).toBe("unchanged");
  const email = tableIn(page, "users").getByLabel("Column email");
  expect(await email.getAttribute("data-change")).toBe("added");
  expect(await email.innerText()).toContain("VARCHAR(120)");
  await expectReadable(page);
  await screenshot(page, "diagram-altered-1440");

  // a wider type: the batch rebuild of users, drawn as old → new
  await page.getByRole("tab", { name: "models.ts" }).click();
  await clickEditorLine(page, "email = db.Column");
  await page.keyboard.press("Shift+Home");
  await typeInEditor(page, "email = db.Column(db.String(200));");
  await page.getByText(/^Detected type change from .*120.* to .*200.* on 'users\.email'$/).waitFor();
  await page.getByLabel("Message").fill("wider email");
  await page.getByRole("button", { name: "Generate migration" }).click();
  await page.getByRole("tab", { name: /wider_email\.ts/ }).waitFor();
  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade [0-9a-f]{12} -> [0-9a-f]{12}, wider email$/).waitFor();
  await settled(page);
  await expect.poll(() => tableIn(page, "users").getByLabel("Column email").getAttribute("data-change")).toBe("altered");
  expect(await tableIn(page, "users").getByLabel("Column email").innerText()).toMatch(/VARCHAR\(120\)\s*→\s*VARCHAR\(200\)/);
  await expectReadable(page);
  await screenshot(page, "diagram-type-1440");

  // a batch's temporary table is an ordinary table while it exists
  await runSql(page, "CREATE TABLE _alembic_tmp_x (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id))");
  await openDiagram(page);
  await expect.poll(() => changeOf(page, "_alembic_tmp_x")).toBe("added");
  expect(await changeOf(page, "users")).toBe("unchanged");
  await runSql(page, "DROP TABLE _alembic_tmp_x");
  await openDiagram(page);
  await expect.poll(() => changeOf(page, "_alembic_tmp_x")).toBe("removed");

  for (const message of ["wider email", "add email"]) {
    await page.getByRole("button", { name: "Downgrade", exact: true }).click();
    await stepLog(page).getByText(new RegExp(`^INFO\\s+\\[alembic\\.runtime\\.migration\\] Running downgrade [0-9a-f]{12} -> [0-9a-f]{12}, ${message}$`)).waitFor();
    await settled(page);
  }
  await expect.poll(() => tableIn(page, "users").getByLabel("Column email").getAttribute("data-change")).toBe("removed");
  expect(await changeOf(page, "users")).toBe("altered");
  expect(await tableIn(page, "_alembic_tmp_x").count()).toBe(0);
  await expectReadable(page);
  await screenshot(page, "diagram-removed-1440");
  expect(pageErrors(page)).toEqual([]);
});

test("Fit brings a panned diagram back; the diagram saves as SVG and PNG", { timeout: 90_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await openDiagram(page);
  await tableIn(page, "users").waitFor();
  const pane = diagram(page).locator(".svelte-flow__pane");
  const box = (await pane.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height - 20);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 10, box.y + 10, { steps: 5 });
  await page.mouse.up();
  await page.getByRole("button", { name: "Fit", exact: true }).click();
  await expect.poll(async () => {
    try {
      await expectReadable(page);
      return true;
    } catch {
      return false;
    }
  }).toBe(true);

  const [svgFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save as SVG" }).click()]);
  expect(svgFile.suggestedFilename()).toMatch(/\.svg$/);
  const svg = readFileSync((await svgFile.path())!, "utf8");
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return { error: doc.querySelector("parsererror")?.textContent ?? null, root: doc.documentElement.nodeName, texts: [...doc.querySelectorAll("text")].map((t) => t.textContent) };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe("svg");
  expect(parsed.texts).toEqual(expect.arrayContaining(["users", "roles", "role_id"]));

  const [pngFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save as PNG" }).click()]);
  expect(pngFile.suggestedFilename()).toMatch(/\.png$/);
  const png = readFileSync((await pngFile.path())!);
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, "diagram-saved.png"), png);
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  expect(width).toBeGreaterThan(300);
  expect(height).toBeGreaterThan(150);
  expect(width).toBeLessThan(4000);
  // a picture, not a blank canvas: an empty PNG of that size compresses to almost nothing
  expect(png.length).toBeGreaterThan(5_000);
  expect(pageErrors(page)).toEqual([]);
});

test("fifty tables are laid out apart from each other and fitted into the panel", { timeout: 90_000 }, async () => {
  const models = [
    'import { SQLAlchemy } from "retort";',
    "const db = new SQLAlchemy();",
    ...Array.from({ length: 50 }, (_, i) => [
      `export class T${i} extends db.Model {`,
      `  static __tablename__ = "table_${i}";`,
      "  id = db.Column(db.Integer, { primaryKey: true });",
      "  title = db.Column(db.String(200), { index: true });",
      ...(i % 5 === 0 ? [] : [`  parent_id = db.Column(db.Integer, db.ForeignKey("table_${i - 1}.id"));`]),
      "}",
    ].join("\n")),
  ].join("\n");
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await page.getByRole("tab", { name: "models.ts" }).click();
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(models);
  await page.getByText("Detected added table 'table_49'").waitFor({ timeout: 30_000 });
  await page.getByLabel("Message").fill("fifty tables");
  await page.getByRole("button", { name: "Generate migration" }).click();
  await page.getByRole("tab", { name: /fifty_tables\.ts/ }).waitFor();
  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade [0-9a-f]{12} -> [0-9a-f]{12}, fifty tables$/).waitFor();
  await settled(page);
  await openDiagram(page);
  await expect.poll(async () => Object.keys(await changes(page)).length).toBe(52);
  const all = await changes(page);
  expect([all["table_0"], all["table_49"], all["users"], all["roles"]]).toEqual(["added", "added", "removed", "removed"]);
  expect(await diagram(page).locator(".svelte-flow__edge").count()).toBe(40 + 1);
  await expectReadable(page);
  await screenshot(page, "diagram-fifty-1440");

  // the whole window for a large schema, and Escape puts it back
  await page.getByRole("button", { name: "Expand" }).click();
  await expect.poll(async () => (await diagram(page).boundingBox())!.width).toBeGreaterThan(1400);
  await page.waitForTimeout(200);
  await expectReadable(page, { expanded: true });
  // fitted to the window: the tables span most of its width or height
  const view = (await diagram(page).boundingBox())!;
  const spans = await diagram(page).locator("[aria-label^='Table '][data-change]").evaluateAll((els) => {
    const rs = els.map((e) => e.getBoundingClientRect());
    return { width: Math.max(...rs.map((r) => r.right)) - Math.min(...rs.map((r) => r.left)), height: Math.max(...rs.map((r) => r.bottom)) - Math.min(...rs.map((r) => r.top)) };
  });
  expect(spans.width > view.width * 0.6 || spans.height > view.height * 0.6).toBe(true);
  await screenshot(page, "diagram-fifty-expanded-1440");
  await page.keyboard.press("Escape");
  await expect.poll(async () => (await diagram(page).boundingBox())!.width).toBeLessThan(700);
  expect(await page.getByRole("button", { name: "Expand" }).getAttribute("aria-pressed")).toBe("false");
});

test("at 1024 px the diagram fits its panel and the page does not scroll sideways, in light and dark", { timeout: 60_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await page.setViewportSize({ width: 1024, height: 768 });
  await generateAndUpgradeFirstMigration(page);
  await openDiagram(page);
  await tableIn(page, "users").waitFor();
  await expectReadable(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  await screenshot(page, "diagram-1024");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByRole("button", { name: "Fit", exact: true }).click();
  await screenshot(page, "diagram-1024-dark");
});
