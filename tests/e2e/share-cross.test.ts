// SPEC §4: a link printed by the Node CLI (`retort share`) opens in the site, and a link copied
// from the site's Share dialog opens with `retort open`: one engine makes and reads both.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { tutorialModels } from "../engine/commands/helpers";
import { execFile, queryFile } from "../sqlite-file";
import { generateAndUpgradeFirstMigration, openApp, ROOT, runSql, useSite } from "./support";

const BIN = join(ROOT, "bin/retort.js");
const retort = (cwd: string, ...argv: string[]) => spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: "utf8" });
const CURRENT = "ol[aria-label='Revisions, newest first'] li.current .id";

const site = useSite();
beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, "scripts/build-cli.js")], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`node scripts/build-cli.js failed:\n${build.stderr}`);
});

test("a link printed by `retort share` opens in the site with its revisions and rows", async () => {
  const dir = mkdtempSync(join(tmpdir(), "retort-cross-"));
  writeFileSync(join(dir, "models.ts"), tutorialModels());
  retort(dir, "db", "init");
  retort(dir, "db", "migrate", "-m", "initial migration");
  retort(dir, "db", "upgrade");
  writeFileSync(join(dir, "models.ts"), tutorialModels({ email: true }));
  retort(dir, "db", "migrate", "-m", "add email");
  retort(dir, "db", "upgrade");
  await execFile(join(dir, "app.db"), "INSERT INTO roles VALUES (1, 'from <b>cli</b>')");
  const current = retort(dir, "db", "current").stdout.trim().split(" ")[0]!;
  const shared = retort(dir, "share", "--base-url", site.server.url);
  expect(shared.status).toBe(0);
  const link = shared.stdout.trim();
  expect(link.startsWith(`${site.server.url}#r1.`)).toBe(true);

  const page = await openApp(site.browser.context, link);
  expect(await page.locator(CURRENT).innerText()).toBe(current);
  await page.getByRole("article", { name: "Table users" }).getByText("email", { exact: true }).waitFor();
  await page.getByRole("article", { name: "Table roles" }).getByRole("button", { name: "Show rows of roles" }).click();
  await page.getByRole("table", { name: "Rows of roles" }).getByText("from <b>cli</b>").waitFor();
});

test("a link copied from the site's Share dialog opens with `retort open`", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO roles (id, name) VALUES (3, 'from <i>site</i>')");
  const revision = await page.locator(CURRENT).innerText();
  await page.getByRole("button", { name: "Share" }).click();
  await page.waitForFunction(() => (document.getElementById("share-link") as HTMLInputElement | null)?.value.includes("#r1."));
  const link = await page.getByRole("dialog", { name: "Share this playground" }).getByRole("textbox", { name: "Share link" }).inputValue();

  const dir = join(mkdtempSync(join(tmpdir(), "retort-cross-")), "opened");
  const opened = retort(ROOT, "open", link, dir);
  expect(opened.stderr).toBe("");
  expect(opened.status).toBe(0);
  expect(await queryFile(join(dir, "app.db"), "SELECT id, name FROM roles")).toEqual([[3, "from <i>site</i>"]]);
  expect(retort(dir, "db", "current").stdout.trim()).toBe(`${revision} (head)`);
});
