// SQL that never ends, as people write it by mistake (a recursive query without a limit) or as a
// link may carry it: after a while the page offers Stop, which ends the engine's worker and puts
// the playground back as it was, with nothing lost and the page usable again.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { tutorialModels } from "../engine/commands/helpers";
import { generateAndUpgradeFirstMigration, openApp, pageErrors, ROOT, runSql, screenshot, stepLog, useSite } from "./support";

const ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
const CURRENT = "ol[aria-label='Revisions, newest first'] li.current .id";
const BIN = join(ROOT, "bin/retort.js");
const retort = (cwd: string, ...argv: string[]) => spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: "utf8" });

const site = useSite();
beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, "scripts/build-cli.js")], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`node scripts/build-cli.js failed:\n${build.stderr}`);
});

test("an endless query in the SQL console is stopped; the rows, the revision and the page come back", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await generateAndUpgradeFirstMigration(page);
  await runSql(page, "INSERT INTO roles (id, name) VALUES (1, 'admin')");
  const revision = await page.locator(CURRENT).innerText();

  await page.getByLabel("SQL", { exact: true }).fill(ENDLESS);
  await page.getByRole("button", { name: "Run SQL" }).click();
  const stall = page.getByRole("status", { name: "Still running" });
  await stall.getByText(/^Still running after \d+ s: the SQL console's query\./).waitFor();
  await screenshot(page, "runaway-query");
  await stall.getByRole("button", { name: "Stop" }).click();

  await page.getByText(/^Stopped the SQL console's query after \d+ s\. SQLite in the browser cannot be interrupted/).waitFor();
  await page.getByText(/Stopped the SQL console's query after \d+ s: the playground is back as it was before it/).waitFor();
  await stall.waitFor({ state: "detached" });
  expect(await page.locator(CURRENT).innerText()).toBe(revision);

  // The new engine has the playground: the row is there, and the console works again.
  await page.getByLabel("SQL", { exact: true }).fill("SELECT name FROM roles");
  await page.getByRole("button", { name: "Run SQL" }).click();
  await page.getByRole("table", { name: "Query result" }).getByText("admin").waitFor();
  // A long result shows its first rows and counts the rest, rather than freezing the page.
  await page.getByLabel("SQL", { exact: true }).fill(ENDLESS.replace("FROM c)", "FROM c LIMIT 250000)").replace("count(*)", "x"));
  await page.getByRole("button", { name: "Run SQL" }).click();
  await page.getByText("The first 1,000 rows of 250,000.").waitFor();
  expect(await page.getByRole("table", { name: "Query result" }).locator("tbody tr").count()).toBe(1000);
  // And so does a step: a downgrade runs in the new worker.
  await page.getByRole("button", { name: "Downgrade", exact: true }).click();
  // it drops the row's table: the page asks first (step-warnings.test.ts)
  await page.getByRole("dialog", { name: "Before you run this" }).getByRole("button", { name: "Run anyway (you can undo it)" }).click();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running downgrade [0-9a-f]{12} -> , initial migration$/).waitFor();
  expect(pageErrors(page)).toEqual([]);
});

test("a link whose migration never ends is stopped while it opens, and the site starts without it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "retort-runaway-"));
  writeFileSync(join(dir, "models.ts"), tutorialModels());
  retort(dir, "db", "init");
  retort(dir, "db", "migrate", "-m", "initial migration");
  retort(dir, "db", "revision", "-m", "loop forever");
  const versions = join(dir, "migrations/versions");
  const loop = join(versions, readdirSync(versions).find((f) => f.includes("loop_forever"))!);
  writeFileSync(loop, readFileSync(loop, "utf8").replace("export function upgrade() {", `export function upgrade() {\n  op.execute("${ENDLESS}");\n`));
  // stamp, not upgrade: the CLI never runs the endless script, but the link says it was applied
  expect(retort(dir, "db", "stamp", "head").status).toBe(0);
  const shared = retort(dir, "share", "--base-url", site.server.url);
  expect(shared.status).toBe(0);

  const page = await site.browser.context.newPage();
  await page.goto(shared.stdout.trim());
  const stall = page.getByRole("status", { name: "Still running" });
  await stall.getByText(/^Still running after \d+ s: the shared link's migrations\./).waitFor({ timeout: 30_000 });
  await stall.getByRole("button", { name: "Stop" }).click();
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  await page.getByText(/^The link was not opened: stopped the shared link's migrations after \d+ s\./).waitFor();
  await screenshot(page, "runaway-link");
  // The site started as without a link: the tutorial's models, ready for its first migration.
  await page.getByText("Detected added table 'roles'").waitFor();
});
