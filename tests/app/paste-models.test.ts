// "Paste models.py…" on a real playground and library (engine in-process): the conversion follows
// the pasted text after a pause, replaces models.ts as an edit of the open playground (whose
// pending changes then show the tables), or opens as a new playground.
import { expect, test } from "vitest";
import { PASTED_TITLE, PasteModels } from "../../src/app/paste-models.svelte";
import { openTab, startTab, waitFor } from "./support/app-harness";

const FLASKY = `from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()


class Role(db.Model):
    __tablename__ = 'roles'
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(64), unique=True)
    users = db.relationship('User', backref='role')


class User(db.Model):
    __tablename__ = 'users'
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True, index=True)
    role_id = db.Column(db.Integer, db.ForeignKey('roles.id'))

    def __repr__(self):
        return '<User %r>' % self.username
`;

test("the conversion waits for a pause in typing, and shows what was left out with its line", async () => {
  const paste = new PasteModels(undefined, 10);
  paste.edit("class A(db.Model):\n");
  paste.edit(FLASKY);
  expect(paste.converted).toBeNull();
  await waitFor(() => paste.converted !== null);
  expect(paste.converted!.text).toContain("export class User extends db.Model {");
  expect(paste.converted!.problems).toEqual([{ line: 18, column: 5, message: expect.stringContaining("__repr__ (line 18)") }]);
});

test("Replace models.ts puts the conversion in the open playground, and its pending changes show the tables", async () => {
  const tab = openTab();
  await startTab(tab);
  const version = tab.playground.filesVersion;
  const paste = new PasteModels(undefined, 10_000);
  paste.edit(FLASKY);
  // no pause yet: Replace converts what is pasted now
  expect(await paste.replaceModels(tab.playground)).toBe(true);
  expect(tab.playground.fileText("models.ts")).toBe(paste.converted!.text);
  // the editor reloads its model on this, as one edit that Ctrl+Z undoes
  expect(tab.playground.filesVersion).toBe(version + 1);
  expect(tab.playground.activeTab).toBe("models.ts");
  await waitFor(() => tab.playground.pending?.messages.includes("Detected added table 'roles'") ?? false);
  expect(tab.playground.pending!.diagnostics).toEqual([]);
});

test("Open as a new playground keeps the open one and names the new one", async () => {
  const tab = openTab();
  await startTab(tab);
  const before = tab.library.currentId;
  const tutorial = tab.playground.fileText("models.ts");
  const paste = new PasteModels(undefined, 0);
  paste.edit(FLASKY);
  expect(await paste.openAsNew(tab.library, tab.playground)).toBe(true);
  expect(tab.library.currentId).not.toBe(before);
  expect(tab.library.currentTitle).toBe(PASTED_TITLE);
  expect(tab.playground.fileText("models.ts")).toContain("static __tablename__ = \"roles\";");
  await tab.library.refresh();
  expect(tab.library.playgrounds).toHaveLength(2);
  expect(tab.library.playgrounds.map((p) => p.title)).toContain(PASTED_TITLE);
  await tab.library.switchTo(before!);
  expect(tab.playground.fileText("models.ts")).toBe(tutorial);
});

test("nothing pasted: neither button does anything", async () => {
  const paste = new PasteModels(undefined, 0);
  paste.edit("   \n");
  const replaced: string[] = [];
  expect(await paste.replaceModels({ replaceFile: (_path, text) => replaced.push(text) })).toBe(false);
  expect(replaced).toEqual([]);
});
