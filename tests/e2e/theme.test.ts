// The header's theme choice (Light, Dark, System): remembered across reloads, System following the
// browser's colour scheme, and Monaco and the schema diagram drawn in the same theme as the page.
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { generateAndUpgradeFirstMigration, openApp, screenshot, useSite } from "./support";

const site = useSite();

const LIGHT_BG = "rgb(247, 247, 245)";
const DARK_BG = "rgb(21, 22, 20)";
const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const monacoIsDark = (page: Page) => page.locator(".monaco-editor").first().evaluate((el) => el.classList.contains("vs-dark"));
const diagramIsDark = (page: Page) => page.locator(".svelte-flow").first().evaluate((el) => el.classList.contains("dark"));
const themeSelect = (page: Page) => page.getByRole("combobox", { name: "Theme" });

test("Dark is remembered across a reload, and Monaco and the diagram follow it", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await page.emulateMedia({ colorScheme: "light" });
  await generateAndUpgradeFirstMigration(page);
  await page.getByRole("tab", { name: "Diagram" }).click();
  await page.getByRole("region", { name: "Schema diagram" }).getByLabel("Table users").waitFor();
  expect(await pageBackground(page)).toBe(LIGHT_BG);
  expect(await monacoIsDark(page)).toBe(false);
  expect(await diagramIsDark(page)).toBe(false);
  await screenshot(page, "theme-light");

  await themeSelect(page).selectOption({ label: "Dark" });
  await expect.poll(() => pageBackground(page)).toBe(DARK_BG);
  await expect.poll(() => monacoIsDark(page)).toBe(true);
  await expect.poll(() => diagramIsDark(page)).toBe(true);
  await screenshot(page, "theme-dark");

  await page.reload();
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  expect(await themeSelect(page).inputValue()).toBe("dark");
  expect(await pageBackground(page)).toBe(DARK_BG);
  await expect.poll(() => monacoIsDark(page)).toBe(true);
});

test("System follows the browser's colour scheme as it changes; Light stays light", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await themeSelect(page).inputValue()).toBe("system");
  await expect.poll(() => pageBackground(page)).toBe(DARK_BG);
  await expect.poll(() => monacoIsDark(page)).toBe(true);
  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(() => pageBackground(page)).toBe(LIGHT_BG);
  await expect.poll(() => monacoIsDark(page)).toBe(false);

  await themeSelect(page).selectOption({ label: "Light" });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  expect(await pageBackground(page)).toBe(LIGHT_BG);
  expect(await monacoIsDark(page)).toBe(false);
  await screenshot(page, "theme-light-over-dark-system");
});
