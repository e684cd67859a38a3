// Layouts and keys: usable from 1024 px wide, read-only on phones that fit 390 px, panels that
// keep long content (many tabs, long warnings) inside themselves, and the shortcuts of the
// help dialog doing what they say.
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import {
  clickEditorLine, generateAndUpgradeFirstMigration, launchBrowser, openApp, runInTerminal, runSql, screenshot, settled, stepLog,
  typeInEditor, useSite,
} from "./support";

const site = useSite({ viewport: { width: 1024, height: 720 } });

test("at 1024 px every panel fits, and the shortcuts generate, upgrade and downgrade", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  for (const name of ["Pending changes", "History", "Database"]) {
    const box = await page.getByRole("region", { name, exact: true }).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 1024).toBe(true);
  }
  await page.getByText("Detected added table 'roles'").waitFor();
  await page.getByLabel("Message").fill("initial migration");
  await page.getByLabel("Message").press("Control+Alt+KeyG");
  await page.getByRole("tab", { name: /initial_migration\.ts/ }).waitFor();
  await settled(page);
  await page.keyboard.press("Control+Alt+KeyU");
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade {2}-> [0-9a-f]{12}, initial migration$/).waitFor();
  await settled(page);
  await page.keyboard.press("Control+Alt+KeyD");
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running downgrade [0-9a-f]{12} -> , initial migration$/).waitFor();
  // "upgrade to here" on the revision in the graph.
  await settled(page);
  await page.getByRole("button", { name: /^Upgrade to here \([0-9a-f]{12}\)$/ }).click();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade {2}-> [0-9a-f]{12}, initial migration$/).waitFor();
  await settled(page);
  await page.getByRole("button", { name: /^Downgrade to here/ }).waitFor({ state: "detached" });
  await screenshot(page, "layout-1024");
});

test("on a phone the playground is read-only", async () => {
  await site.browser.close();
  site.browser = await launchBrowser({ width: 390, height: 844 });
  const page = await openApp(site.browser.context, site.server.url, { gallery: true });
  // a new visitor's lessons gallery opens at its top, its heading in sight (it opened scrolled to its last button)
  const heading = page.getByRole("heading", { name: "Learn Flask-Migrate by doing" });
  const box = (await heading.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(844);
  await page.getByRole("button", { name: "Just the playground" }).click();
  await page.getByText("Detected added table 'roles'").waitFor();
  expect(await page.getByRole("button", { name: "Generate migration" }).count()).toBe(0);
  expect(await page.getByRole("textbox", { name: "Terminal" }).count()).toBe(0);
  expect(await page.getByRole("button", { name: "Upgrade", exact: true }).count()).toBe(0);
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.type("zzz");
  expect(await page.locator(".monaco-editor .view-line", { hasText: "zzz" }).count()).toBe(0);
  await screenshot(page, "phone");
});

/** True when a person sees `selector`'s element: inside the window, and on top at its middle. */
function seen(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.left < 0 || r.right > innerWidth || r.top < 0 || r.bottom > innerHeight) return false;
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return top !== null && (el === top || el.contains(top));
  }, selector);
}

/**
 * The buttons and tabs a person cannot reach: partly outside the window, unless they sit in a
 * strip that scrolls sideways and is itself inside the window.
 */
function cutOffControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const inWindow = (r: DOMRect) => r.left >= -0.5 && r.right <= innerWidth + 0.5;
    const scrollStrip = (el: Element): Element | null => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (/(auto|scroll)/.test(style.overflowX) && p.scrollWidth > p.clientWidth) return p;
      }
      return null;
    };
    const controls = [...document.querySelectorAll("button, select, input, [role=tab]")].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && !el.closest(".monaco-editor") && getComputedStyle(el).visibility !== "hidden";
    });
    return controls
      .filter((el) => {
        if (inWindow(el.getBoundingClientRect())) return false;
        const strip = scrollStrip(el);
        return !(strip && inWindow(strip.getBoundingClientRect()));
      })
      .map((el) => el.getAttribute("aria-label") ?? (el.textContent ?? "").trim() ?? el.tagName);
  });
}

test("many script tabs scroll inside their strip: the page stays put, the newest tab and Open script… stay in view", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  for (let n = 1; n <= 12; n++) {
    await runInTerminal(page, `flask db revision -m "a step with a descriptive name ${n}"`);
    await page.getByRole("tab", { name: new RegExp(`a_step_with_a_descriptive_name_${n}\\.ts`) }).waitFor();
    await settled(page);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(await page.evaluate(() => innerWidth));
  await expect.poll(() => seen(page, "[role=tablist] [aria-selected=true]")).toBe(true);
  expect(await page.getByRole("tablist", { name: "Open files" }).getByRole("tab", { selected: true }).innerText()).toMatch(/a_step_with_a_descriptive_name_12\.ts/);
  expect(await seen(page, ".open-script select")).toBe(true);
  expect(await cutOffControls(page)).toEqual([]);
  await screenshot(page, "many-tabs-1024");
  // A window made narrower keeps the selected tab in sight.
  await page.setViewportSize({ width: 1440, height: 720 });
  await page.waitForTimeout(300);
  await page.setViewportSize({ width: 1024, height: 720 });
  await expect.poll(() => seen(page, "[role=tablist] [aria-selected=true]")).toBe(true);

  // The first tab is still reachable: the mouse wheel over the strip scrolls back to it.
  await page.getByRole("tablist", { name: "Open files" }).hover();
  await page.mouse.wheel(0, -20_000);
  await expect.poll(() => seen(page, "[role=tablist] [role=tab]")).toBe(true);
  await page.getByRole("tab", { name: "models.ts" }).click();
  await expect.poll(() => seen(page, "[role=tablist] [aria-selected=true]")).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
});

test("a long warning in Pending changes is shown whole, wrapped inside the panel", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO roles (id, name) VALUES (1, 'admin')");
  await page.getByRole("tab", { name: "models.ts" }).click();
  await clickEditorLine(page, 'name = db.Column(db.String(64), { unique: true });');
  await page.keyboard.press("Enter");
  await typeInEditor(page, 'a_column_whose_name_goes_on_and_on_without_a_break_anywhere = db.Column(db.String(20), { nullable: false, default: "x" });');
  const warnings = page.getByRole("list", { name: "Warnings" });
  await warnings.getByRole("listitem").first().waitFor();
  const items = warnings.getByRole("listitem");
  await expect.poll(() => items.count()).toBe(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  // The panel keeps to its column: it neither runs under the history panel nor off the window.
  const panel = await page.getByRole("region", { name: "Pending changes" }).boundingBox();
  const right = await page.getByRole("region", { name: "History and database" }).boundingBox();
  expect(panel && right && panel.x >= 0 && panel.x + panel.width <= right.x).toBe(true);
  for (const item of await items.all()) {
    const fits = await item.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const panel = el.closest("section")!.getBoundingClientRect();
      const list = el.parentElement!;
      return el.scrollWidth <= el.clientWidth + 1 && list.scrollWidth <= list.clientWidth + 1 && box.left >= panel.left && box.right <= panel.right + 0.5;
    });
    expect(fits).toBe(true);
  }
  // Every warning can be read whole: the list shows all of it, or scrolls to it within the panel.
  const last = items.last();
  await warnings.hover();
  await page.mouse.wheel(0, 600);
  await page.waitForTimeout(300);
  const lastSeen = await last.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + 20, r.bottom - 4);
    return top !== null && el.contains(top);
  });
  expect(lastSeen).toBe(true);
  await screenshot(page, "pending-long-warning");
});

test("on a phone (390 px) a playground with history fits: nothing scrolls sideways and no button is cut off", async () => {
  // A playground made on a computer, then read on a phone (the layout is chosen at load).
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO roles (id, name) VALUES (1, 'a role with a rather long name to show')");
  for (let n = 1; n <= 4; n++) {
    await runInTerminal(page, `flask db revision -m "step ${n} with a message long enough to wrap in the history"`);
    await page.getByRole("tab", { name: new RegExp(`step_${n}_with`) }).waitFor();
    await settled(page);
  }
  await page.waitForTimeout(800);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  await page.getByRole("tab", { name: /initial_migration\.ts/ }).waitFor();

  const fits = async (view: string) => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth), view).toBeLessThanOrEqual(390);
    expect(await cutOffControls(page), view).toEqual([]);
  };
  await fits("schema");
  // The name on one line, as on a computer.
  expect((await page.getByRole("heading", { name: "Retort" }).boundingBox())!.height).toBeLessThan(30);
  await screenshot(page, "phone-390");
  await page.screenshot({ path: "tests/e2e/screenshots/phone-390-full.png", fullPage: true });
  for (const tab of ["Rows", "Diagram", "SQL console"]) {
    await page.getByRole("tab", { name: tab, exact: true }).click();
    await page.waitForTimeout(300);
    await fits(tab);
    if (tab === "Diagram") await page.screenshot({ path: "tests/e2e/screenshots/phone-390-diagram.png", fullPage: true });
  }
  await page.screenshot({ path: "tests/e2e/screenshots/phone-390-console.png", fullPage: true });
});
