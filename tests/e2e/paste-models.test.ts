// "Paste your models.py" (issue 12), as a person does it: Playgrounds → Paste models.py…, paste
// Flasky's models, read the preview and what was left out, Replace models.ts, see the pending
// changes name the new tables, then Ctrl+Z in the editor gives the tutorial's models back.
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import { editorText, openApp, pageErrors, screenshot, useSite } from "./support";

const site = useSite();

const FLASKY = `from datetime import datetime
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Role(db.Model):
    __tablename__ = 'roles'
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(64), unique=True)
    users = db.relationship('User', backref='role', lazy='dynamic')


class User(db.Model):
    __tablename__ = 'users'
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True, index=True)
    role_id = db.Column(db.Integer, db.ForeignKey('roles.id'))
    posts = db.relationship('Post', backref='author', lazy='dynamic')

    def verify_password(self, password):
        return check_password_hash(self.password_hash, password)


class Post(db.Model):
    __tablename__ = 'posts'
    id = db.Column(db.Integer, primary_key=True)
    body = db.Column(db.Text)
    timestamp = db.Column(db.DateTime, index=True, default=datetime.utcnow)
    author_id = db.Column(db.Integer, db.ForeignKey('users.id'))
`;

const pending = (page: Page) => page.getByRole("region", { name: "Models and migration scripts" });

/** The end of models.ts as the editor shows it (Ctrl+End: its last class is in view). */
async function modelsText(page: Page): Promise<string> {
  await page.getByRole("tab", { name: "models.ts" }).click();
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  return editorText(page);
}

test("paste Flasky's models.py, preview it, Replace models.ts, and Ctrl+Z undoes it", async () => {
  const page = await openApp(site.browser.context, site.server.url);
  await pending(page).getByText("Detected added table 'roles'").waitFor();
  await page.getByRole("button", { name: /^Playgrounds: / }).click();
  await page.getByRole("dialog", { name: "Playgrounds" }).getByRole("button", { name: "Paste models.py…" }).click();
  const dialog = page.getByRole("dialog", { name: "Paste your models.py" });
  await dialog.waitFor();

  await dialog.getByLabel("models.py").fill(FLASKY);
  const preview = dialog.getByRole("region", { name: "models.ts" });
  await expect.poll(() => preview.innerText()).toContain("export class Post extends db.Model {");
  expect(await preview.innerText()).toContain('timestamp = db.Column(db.DateTime, { index: true, default: datetime.utcnow });');
  const leftOut = dialog.getByRole("list", { name: "Left out (1)" });
  expect(await leftOut.innerText()).toBe("Line 21, column 5: Class User: methods and properties are left out (models.ts holds no code, and they do not change the schema): verify_password (line 21).");
  await screenshot(page, "paste-models-preview");

  await dialog.getByRole("button", { name: "Replace models.ts" }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await pending(page).getByText("Detected added table 'posts'").waitFor();
  await expect.poll(() => modelsText(page)).toContain("export class Post extends db.Model {");
  await screenshot(page, "paste-models-replaced");

  await page.keyboard.press("Control+Z");
  await expect.poll(() => modelsText(page)).not.toContain("class Post");
  await expect.poll(() => pending(page).getByText("Detected added table 'posts'").count()).toBe(0);
  expect(pageErrors(page)).toEqual([]);
});
