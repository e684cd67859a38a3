// Layouts and keys: usable from 1024 px wide, read-only on phones, and the shortcuts of the
// help dialog doing what they say.
import { expect, test } from "vitest";
import { launchBrowser, openApp, screenshot, settled, stepLog, useSite } from "./support";

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
  await stepLog(page).getByText(/^Running upgrade {2}-> [0-9a-f]{12}, initial migration$/).waitFor();
  await settled(page);
  await page.keyboard.press("Control+Alt+KeyD");
  await stepLog(page).getByText(/^Running downgrade [0-9a-f]{12} -> , initial migration$/).waitFor();
  // "upgrade to here" on the revision in the graph.
  await settled(page);
  await page.getByRole("button", { name: /^Upgrade to here \([0-9a-f]{12}\)$/ }).click();
  await stepLog(page).getByText(/^Running upgrade {2}-> [0-9a-f]{12}, initial migration$/).waitFor();
  await settled(page);
  await page.getByRole("button", { name: /^Downgrade to here/ }).waitFor({ state: "detached" });
  await screenshot(page, "layout-1024");
});

test("on a phone the playground is read-only", async () => {
  await site.browser.close();
  site.browser = await launchBrowser({ width: 390, height: 844 });
  const page = await openApp(site.browser.context, site.server.url);
  await page.getByText("Detected added table 'roles'").waitFor();
  expect(await page.getByRole("button", { name: "Generate migration" }).count()).toBe(0);
  expect(await page.getByRole("textbox", { name: "Terminal" }).count()).toBe(0);
  expect(await page.getByRole("button", { name: "Upgrade", exact: true }).count()).toBe(0);
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.type("zzz");
  expect(await page.locator(".monaco-editor .view-line", { hasText: "zzz" }).count()).toBe(0);
  await screenshot(page, "phone");
});
