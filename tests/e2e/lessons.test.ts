// Issue 11's lessons in the browser: the gallery first, then lessons 3, 5 and 8 walked end to end,
// once by doing each step (typing in Monaco and the terminal, clicking) and once with Show me, with
// the database checked at the end in the SQL console; a wrong state that does not complete a step.
import { expect, test, type TestContext } from "vitest";
import type { Page } from "playwright-core";
import { clickEditorLine, launchBrowser, openApp, pageErrors, runInTerminal, screenshot, settled, typeInEditor, useSite } from "./support";

const site = useSite();

const panel = (page: Page) => page.getByRole("region", { name: "Lesson" });

async function startLesson(page: Page, number: number): Promise<void> {
  await page.getByRole("button", { name: `Start lesson ${number}`, exact: true }).click();
  await panel(page).getByLabel("Lesson step").getByText(/^Step 1 of \d+$/).waitFor({ timeout: 30_000 });
  await settled(page);
}

async function atStep(page: Page, step: number, of: number): Promise<void> {
  await panel(page).getByLabel("Lesson step").getByText(`Step ${step} of ${of}`, { exact: true }).waitFor({ timeout: 30_000 });
}

async function finished(page: Page): Promise<void> {
  try {
    await panel(page).getByText(/^Lesson complete\./).waitFor({ timeout: 60_000 });
  } catch (error) {
    // what the lesson still misses, and the page, say why far better than a timeout does
    await screenshot(page, "lesson-not-finished");
    throw new Error(`The lesson did not complete. Its panel says: ${await panel(page).innerText()}`, { cause: error });
  }
}

async function showMeThrough(page: Page, steps: number): Promise<void> {
  for (let i = 1; i <= steps; i++) {
    await atStep(page, i, steps);
    await panel(page).getByRole("button", { name: "Show me" }).click();
    if (i < steps) await atStep(page, i + 1, steps);
  }
  await finished(page);
}

/** Runs a query in the SQL console and returns the result table's rows as text. */
async function query(page: Page, sql: string): Promise<string[][]> {
  await page.getByRole("tab", { name: "SQL console" }).click();
  await page.getByLabel("SQL", { exact: true }).fill(sql);
  await page.getByRole("button", { name: "Run SQL" }).click();
  const table = page.getByRole("table", { name: "Query result" });
  await table.waitFor();
  const rows = await table.locator("tbody tr").all();
  return Promise.all(rows.map(async (row) => (await row.locator("td").allInnerTexts()).map((t) => t.trim())));
}

/**
 * Puts the cursor at the end of the line holding `marker`, found as a person finds it in a file
 * longer than the editor: Ctrl+F, the text, Enter, Escape.
 */
async function goToLine(page: Page, marker: string): Promise<void> {
  await page.getByRole("tabpanel", { name: /^Editor: / }).click();
  await page.keyboard.press("Control+f");
  // typed only once the find box has the focus: keys sent before it opens would edit the file
  const find = page.getByRole("textbox", { name: "Find" });
  await expect.poll(() => find.evaluate((el) => el === document.activeElement)).toBe(true);
  await find.fill(marker);
  await page.locator(".find-widget .matchesCount").getByText(/^1 of \d+$/).waitFor();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await find.waitFor({ state: "hidden" });
  // End must reach the editor, not the closing find box: the match is still selected there, and
  // the next keys would type over it
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest(".monaco-editor .inputarea, .monaco-editor .native-edit-context, .monaco-editor textarea") !== null)).toBe(true);
  await page.keyboard.press("End");
}

async function addLineAfter(page: Page, marker: string, line: string): Promise<void> {
  await goToLine(page, marker);
  await page.keyboard.press("Enter");
  await typeInEditor(page, line);
}

/**
 * Replaces `find` with `replace` in the open file through Monaco's Find and Replace (Ctrl+H), as a
 * person does, and waits until `find` is gone: arrow keys counted along a line could land elsewhere
 * while the page is busy.
 */
async function replaceInEditor(page: Page, find: string, replace: string): Promise<void> {
  await page.getByRole("tabpanel", { name: /^Editor: / }).click();
  await page.keyboard.press("Control+h");
  const findBox = page.getByRole("textbox", { name: "Find" });
  await findBox.waitFor();
  await findBox.fill(find);
  const count = page.locator(".find-widget .matchesCount");
  await count.getByText(/^1 of 1$/).waitFor();
  await page.getByRole("textbox", { name: "Replace" }).fill(replace);
  await page.getByRole("button", { name: /^Replace All/ }).click();
  await count.getByText("No results").waitFor();
  await page.keyboard.press("Escape");
}

async function openGallery(page: Page, ctx: TestContext): Promise<void> {
  await page.getByRole("dialog", { name: "Learn Flask-Migrate by doing" }).waitFor();
  if (ctx.task.name.startsWith("lesson 3 by doing")) await screenshot(page, "lessons-gallery");
}

test("a new visitor sees the gallery; Just the playground closes it, and the header's Lessons opens it again", async () => {
  const page = await openApp(site.browser.context, site.server.url, { gallery: true });
  const gallery = page.getByRole("dialog", { name: "Learn Flask-Migrate by doing" });
  await gallery.waitFor();
  expect(await gallery.getByRole("listitem").count()).toBeGreaterThanOrEqual(9);
  await gallery.getByRole("button", { name: "Just the playground" }).click();
  await gallery.waitFor({ state: "hidden" });
  await page.getByRole("button", { name: "Lessons" }).click();
  await gallery.waitFor();
  // a reload restores the playground: the gallery is the first screen of a new visitor only
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  expect(await gallery.isVisible()).toBe(false);
  expect(pageErrors(page)).toEqual([]);
});

test("lesson 3 by doing: the email field, the unnamed constraint's failure, the fix", { timeout: 120_000 }, async (ctx) => {
  const page = await openApp(site.browser.context, site.server.url, { gallery: true });
  await openGallery(page, ctx);
  await startLesson(page, 3);
  // the line is clicked, as the other browser tests do, not found with Ctrl+F: under CI's load the
  // find box kept the keys and the email went over the selected username
  await clickEditorLine(page, "username = db.Column(db.String(64), { index: true });");
  await page.keyboard.press("Enter");
  await typeInEditor(page, "email = db.Column(db.String(120), { unique: true });");
  await atStep(page, 2, 3);
  await runInTerminal(page, `flask db migrate -m "add email"`);
  await settled(page);
  await runInTerminal(page, "flask db upgrade");
  await atStep(page, 3, 3);
  await page.getByText(/Constraint must have a name/).first().waitFor();
  await screenshot(page, "lesson-in-progress");
  // the fix: a naming convention in models.ts, and the name in the script written before it
  await page.getByRole("tab", { name: "models.ts" }).click();
  await goToLine(page, "const db = new SQLAlchemy();");
  for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
  await typeInEditor(page, `({ namingConvention: { uq: "uq_%(table_name)s_%(column_0_name)s" } });`);
  // the convention typed parses: no file has an error marked
  await page.getByText("Detected added unique constraint 'uq_users_email' on '['email']'").waitFor();
  expect(await page.getByLabel(/^\d+ errors$/).count()).toBe(0);
  await page.getByRole("tab", { name: /add_email\.ts/ }).click();
  await replaceInEditor(page, "batchOp.createUniqueConstraint(null", `batchOp.createUniqueConstraint("uq_users_email"`);
  await replaceInEditor(page, "batchOp.dropConstraint(null", `batchOp.dropConstraint("uq_users_email"`);
  await runInTerminal(page, "flask db upgrade");
  await finished(page);
  expect(await query(page, "SELECT count(*), count(username) FROM users")).toEqual([["3", "3"]]);
  expect(await query(page, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%CONSTRAINT uq_users_email UNIQUE (email)%'")).toEqual([["1"]]);
  expect(pageErrors(page)).toEqual([]);
});

test("lesson 3 with Show me", { timeout: 120_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url, { gallery: true });
  await startLesson(page, 3);
  await showMeThrough(page, 3);
  await screenshot(page, "lesson-3-complete");
  expect(await query(page, "SELECT count(*), count(username) FROM users")).toEqual([["3", "3"]]);
  expect(await query(page, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%CONSTRAINT uq_users_email UNIQUE (email)%'")).toEqual([["1"]]);
  // Show me's edits are the editor's own: Ctrl+Z undoes the naming convention in models.ts
  await page.getByRole("tab", { name: "models.ts" }).click();
  await page.getByRole("tabpanel", { name: /^Editor: / }).click();
  await page.keyboard.press("Control+z");
  await page.locator(".monaco-editor .view-line", { hasText: "const db = new SQLAlchemy();" }).waitFor();
});

test("lesson 5 by doing: the rename made an alterColumn keeps the names", { timeout: 120_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url, { gallery: true });
  await startLesson(page, 5);
  await goToLine(page, "fullname = db.Column(db.String(64));");
  await page.keyboard.press("Home");
  for (let i = 0; i < "fullname".length; i++) await page.keyboard.press("Shift+ArrowRight");
  await typeInEditor(page, "name");
  await atStep(page, 2, 4);
  await runInTerminal(page, `flask db migrate -m "rename fullname to name"`);
  await atStep(page, 3, 4);
  await page.getByRole("tab", { name: /rename_fullname_to_name\.ts/ }).click();
  for (const [first, line] of [
    [`batchOp.addColumn(sa.Column("name"`, `batchOp.alterColumn("fullname", { newColumnName: "name", existingType: sa.String(64) });`],
    [`batchOp.addColumn(sa.Column("fullname"`, `batchOp.alterColumn("name", { newColumnName: "fullname", existingType: sa.String(64) });`],
  ] as const) {
    // the two lines (add, then drop) become one
    await goToLine(page, first);
    await page.keyboard.press("Home");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Shift+End");
    await typeInEditor(page, line);
  }
  await atStep(page, 4, 4);
  await runInTerminal(page, "flask db upgrade");
  await finished(page);
  expect(await query(page, "SELECT name FROM users ORDER BY id")).toEqual([["Ann Lee"], ["Bob Stone"], ["Cy Young"]]);
  expect(pageErrors(page)).toEqual([]);
});

test("lesson 5 with Show me", { timeout: 120_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url, { gallery: true });
  await startLesson(page, 5);
  await showMeThrough(page, 4);
  expect(await query(page, "SELECT name FROM users ORDER BY id")).toEqual([["Ann Lee"], ["Bob Stone"], ["Cy Young"]]);
});

test("lesson 5 done the lossy way: the rename step does not complete, and says why", { timeout: 120_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url, { gallery: true });
  await startLesson(page, 5);
  await panel(page).getByRole("button", { name: "Show me" }).click();
  await atStep(page, 2, 4);
  await panel(page).getByRole("button", { name: "Show me" }).click();
  await atStep(page, 3, 4);
  // upgraded as autogenerate wrote it: drop fullname, add name
  await runInTerminal(page, "flask db upgrade");
  await settled(page);
  await panel(page).getByText(/The script still drops fullname and adds name: its values would be lost\./).waitFor();
  await atStep(page, 3, 4);
  expect(await panel(page).getByRole("button", { name: "Next" }).isDisabled()).toBe(true);
  expect(await query(page, "SELECT count(*) FROM users WHERE name IS NOT NULL")).toEqual([["0"]]);
});

test("lesson 8 by doing: two heads, upgrade stops, merge heads", { timeout: 120_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url, { gallery: true });
  await startLesson(page, 8);
  await addLineAfter(page, "username = db.Column(db.String(64), { unique: true });", "about_me = db.Column(db.Text);");
  await runInTerminal(page, `flask db migrate -m "add about me"`);
  await atStep(page, 2, 5);
  await page.getByRole("button", { name: "Simulate a teammate" }).click();
  await atStep(page, 3, 5);
  await runInTerminal(page, "flask db upgrade");
  await atStep(page, 4, 5);
  await runInTerminal(page, `flask db merge heads -m "merge"`);
  await atStep(page, 5, 5);
  await runInTerminal(page, "flask db upgrade");
  await finished(page);
  expect(await query(page, "SELECT count(*) FROM users")).toEqual([["3"]]);
  expect(await query(page, "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'about_me'")).toEqual([["1"]]);
});

test("lesson 8 with Show me", { timeout: 120_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url, { gallery: true });
  await startLesson(page, 8);
  await showMeThrough(page, 5);
  expect(await query(page, "SELECT count(*) FROM users")).toEqual([["3"]]);
  expect(await query(page, "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'about_me'")).toEqual([["1"]]);
});

test("a lesson's progress survives a reload, and the gallery shows it", { timeout: 120_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url, { gallery: true });
  await startLesson(page, 5);
  await panel(page).getByRole("button", { name: "Show me" }).click();
  await atStep(page, 2, 4);
  // the gallery reads the saved list: the progress shows there once it is stored
  await page.getByRole("button", { name: "Lessons" }).click();
  const card = page.getByRole("listitem", { name: /^Lesson 5:/ });
  await card.getByText("In progress: 1 of 4 steps").waitFor();
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  await atStep(page, 2, 4);
  await page.getByRole("button", { name: "Lessons" }).click();
  await card.getByText("In progress: 1 of 4 steps").waitFor();
  await card.getByRole("button", { name: "Continue lesson 5" }).click();
  await atStep(page, 2, 4);
});

test("a lesson's playground shares as any other, and the link opens it in the lesson at the step its state has reached", { timeout: 120_000 }, async () => {
  const page = await openApp(site.browser.context, site.server.url, { gallery: true });
  await startLesson(page, 5);
  await panel(page).getByRole("button", { name: "Show me" }).click();
  await atStep(page, 2, 4);
  await panel(page).getByRole("button", { name: "Show me" }).click();
  await atStep(page, 3, 4);
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this playground" });
  await page.waitForFunction(() => (document.getElementById("share-link") as HTMLInputElement | null)?.value.includes("#r1."));
  const link = await dialog.getByRole("textbox", { name: "Share link" }).inputValue();
  expect(new URL(link).searchParams.get("lesson")).toBe("rename-column");

  const other = await launchBrowser();
  try {
    const opened = await other.context.newPage();
    await opened.goto(link);
    await opened.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    // the renamed model and the generated script came with the link: steps 1 and 2 are met
    await atStep(opened, 3, 4);
    expect(await opened.getByRole("dialog", { name: "Learn Flask-Migrate by doing" }).isVisible()).toBe(false);
    expect(new URL(opened.url()).search).toBe("");
  } finally {
    await other.close();
  }
});

// The lessons not walked above: Show me completes each in the page (its buttons, dialogs and the
// step-through included), as the headless harness proves against the engine alone.
for (const [number, steps] of [[1, 3], [2, 2], [4, 3], [6, 4], [7, 3], [9, 2], [10, 2]] as const) {
  test(`lesson ${number} with Show me completes in the page`, { timeout: 180_000 }, async () => {
    const page = await openApp(site.browser.context, site.server.url, { gallery: true });
    await startLesson(page, number);
    await showMeThrough(page, steps);
    expect(await panel(page).getByRole("alert").count()).toBe(0);
  });
}
