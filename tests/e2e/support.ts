// Shared by the browser tests: a tiny static server for dist/ (node:http, so it stops cleanly),
// Debian's Chromium through playwright-core with a fresh profile, and helpers that act as a
// person does (click, type into Monaco, read what the page shows).
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync, statSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

export const ROOT = resolve(__dirname, "../..");
/** dist/ of `vite build`; RETORT_E2E_DIST points the tests at another build of the site. */
export const DIST = process.env.RETORT_E2E_DIST ?? join(ROOT, "dist");
export const SCREENSHOTS = join(ROOT, "tests/e2e/screenshots");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
  ".wasm": "application/wasm", ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json",
  ".ts": "text/plain", ".ttf": "font/ttf", ".map": "application/json",
};

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves dir under `prefix` (e.g. "/some/sub/path/") to prove dist/ works from any path. */
export async function serveStatic(dir: string, prefix = "/"): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!path.startsWith(prefix)) return void res.writeHead(404).end("not found");
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) return void res.writeHead(403).end("forbidden");
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

export const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** What a test file's tests share: the served site, and the current test's browser. */
export interface Site {
  readonly server: StaticServer;
  /** A fresh profile for each test (the site restores the last playground from IndexedDB); a test may replace it. */
  browser: Browser;
}

/**
 * Registers the file's hooks: dist/ served under `prefix` for all its tests, and a new browser
 * (with `viewport`) for each test, closed after it.
 */
export function useSite(options: { prefix?: string; viewport?: { width: number; height: number } } = {}): Site {
  const site = {} as { server: StaticServer; browser: Browser };
  beforeAll(async () => {
    site.server = await serveStatic(DIST, options.prefix);
  });
  afterAll(async () => {
    await site.server?.close();
  });
  beforeEach(async () => {
    site.browser = await launchBrowser(options.viewport);
  });
  afterEach(async () => {
    await site.browser?.close();
  });
  return site;
}

/** Debian's Chromium with a fresh user-data dir, so no test sees another's storage. */
export async function launchBrowser(viewport = { width: 1280, height: 860 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "retort-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_FLAGS, viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the app and waits until the editor and the database are ready. A new visitor first sees
 * the lessons' gallery: it is closed ("Just the playground") unless `gallery` says to keep it.
 */
export async function openApp(context: BrowserContext, url: string, { gallery = false } = {}): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  (page as Page & { errors?: string[] }).errors = errors;
  const justThePlayground = page.getByRole("button", { name: "Just the playground" });
  if (!gallery && (await justThePlayground.isVisible())) await justThePlayground.click();
  return page;
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The editor's text as Monaco shows it (its view lines, non-breaking spaces made plain). */
export async function editorText(page: Page): Promise<string> {
  const lines = await page.locator(".monaco-editor .view-lines .view-line").allInnerTexts();
  return lines.join("\n").replace(/\u00a0/g, " ");
}

/**
 * Puts the cursor at the end of the line that contains `marker`. Monaco renders only the lines in
 * view, so first jump to the end of the file (Ctrl+End), where the models' last class is, then
 * click the line as a person would.
 */
export async function clickEditorLine(page: Page, marker: string): Promise<void> {
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  await page.locator(".monaco-editor .view-line", { hasText: marker }).first().click();
  await page.keyboard.press("End");
}

/**
 * Types text as a person would. Monaco closes brackets and quotes by itself and overtypes
 * them when the closing character is typed, so the result is exactly `text`.
 */
export async function typeInEditor(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 5 });
}

export async function runInTerminal(page: Page, line: string): Promise<void> {
  const terminal = page.getByRole("textbox", { name: "Terminal" });
  await terminal.fill(line);
  await terminal.press("Enter");
}

/** Waits until no command is running (the buttons are enabled again). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector("header [role=status]")?.textContent?.trim());
}

export const stepLog = (page: Page) => page.getByLabel("Last step");

/** Runs one statement in the SQL console and waits for it to finish. */
export async function runSql(page: Page, sql: string): Promise<void> {
  await page.getByRole("tab", { name: "SQL console" }).click();
  await page.getByLabel("SQL", { exact: true }).fill(sql);
  await page.getByRole("button", { name: "Run SQL" }).click();
  await page.getByText(/Done: \d+ rows? changed\./).waitFor();
}

/** The tutorial's first step: `flask db migrate -m "initial migration"` and `upgrade`, by the buttons. */
export async function generateAndUpgradeFirstMigration(page: Page): Promise<void> {
  await page.getByText("Detected added table 'roles'").waitFor();
  await page.getByLabel("Message").fill("initial migration");
  await page.getByRole("button", { name: "Generate migration" }).click();
  await page.getByRole("tab", { name: /initial_migration\.ts/ }).waitFor();
  await page.getByRole("button", { name: "Upgrade", exact: true }).click();
  await stepLog(page).getByText(/^INFO\s+\[alembic\.runtime\.migration\] Running upgrade {2}-> [0-9a-f]{12}, initial migration$/).waitFor();
  await settled(page);
}

/**
 * Makes the context's IndexedDB refuse writes as a full disk does (QuotaExceededError) whenever
 * `setStorageFull(page, true)` says so: the storage tests' way to fill the browser's storage.
 */
export async function fillableStorage(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    const flags = globalThis as unknown as { storageFull?: boolean };
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
      if (flags.storageFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return put.apply(this, args);
    };
  });
}

export async function setStorageFull(page: Page, full: boolean): Promise<void> {
  await page.evaluate((value) => void ((globalThis as unknown as { storageFull?: boolean }).storageFull = value), full);
}
