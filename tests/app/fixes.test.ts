// The pending panel's one-click fixes in Node, on the real engine host: the warnings arrive with
// their fixes, and each fix does to the playground what its button says.
import { expect, test } from "vitest";
import { DatabasePanel } from "../../src/app/database-panel.svelte";
import { Fixes } from "../../src/app/fixes.svelte";
import type { TextEdit } from "../../src/engine/index";
import { engineClient, openTab, startTab } from "./support/app-harness";

const models = (columns: string) => `import { SQLAlchemy } from "retort";

const db = new SQLAlchemy();

export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
${columns}
}
`;

/** A playground whose users(id, name) hold ann, bob, ann; then `columns` typed into models.ts. */
async function started(columns: string) {
  const client = engineClient();
  const tab = openTab(undefined, null, undefined, client);
  await startTab(tab);
  const { playground } = tab;
  const database = new DatabasePanel(client, playground);
  const fixes = new Fixes(client, playground, database);
  playground.editFile("models.ts", models(`  name = db.Column(db.String(64));`));
  expect((await playground.run(["migrate", "-m", "users"])).exitCode).toBe(0);
  expect((await playground.run(["upgrade"])).exitCode).toBe(0);
  database.sql = "INSERT INTO users (name) VALUES ('ann'), ('bob'), ('ann')";
  await database.runSql();
  playground.editFile("models.ts", models(columns));
  await playground.flushEdits();
  return { playground, database, fixes };
}

test("a script fix generates the migration, then hands its edits to the editor for the new script; a generation that fails is said", async () => {
  const { playground, fixes } = await started(`  full_name = db.Column(db.String(64));`);
  const rename = playground.pending?.warnings.find((w) => w.kind === "likely-rename")?.fixes?.[0];
  expect(rename).toEqual({ kind: "rename-column", table: "users", from: "name", to: "full_name", title: "Rename instead", target: "script" });
  const edited: { path: string; edits: readonly TextEdit[] }[] = [];
  fixes.attachEditor((path, edits) => edited.push({ path, edits }));
  expect(await fixes.apply(rename!)).toBe(true);
  const script = playground.scriptPaths.at(-1)!;
  expect(playground.activeTab).toBe(script);
  // the add becomes the rename and the drop goes, in upgrade() and downgrade()
  expect(edited.map((e) => [e.path, e.edits.length])).toEqual([[script, 4]]);

  await playground.run(["downgrade"]);
  expect(await fixes.apply(rename!)).toBe(false);
  expect(fixes.problem).toMatch(/^The migration was not generated, so "Rename instead" was not applied: .*Target database is not up to date/);
});

test("without an editor, Rename instead edits the new script as typed text; upgrade keeps the values under the new name", async () => {
  const { playground, database, fixes } = await started(`  full_name = db.Column(db.String(64));`);
  const rename = playground.pending!.warnings.find((w) => w.kind === "likely-rename")!.fixes![0]!;
  expect(await fixes.apply(rename)).toBe(true);
  const script = playground.fileText(playground.scriptPaths.at(-1)!);
  expect(script).toContain(`batchOp.alterColumn("name", { newColumnName: "full_name" });`);
  expect((await playground.run(["upgrade"])).exitCode).toBe(0);
  database.sql = "SELECT id, full_name FROM users ORDER BY id";
  await database.runSql();
  expect(database.result?.rows).toEqual([[1, "ann"], [2, "bob"], [3, "ann"]]);
});

test("Show the duplicates puts the query in the SQL console and runs it", async () => {
  const { playground, database, fixes } = await started(`  name = db.Column(db.String(64), { unique: true });`);
  const warning = playground.pending!.warnings.find((w) => w.fixes?.some((f) => f.kind === "show-duplicates"))!;
  expect(warning.message).toMatch(/^The unique constraint on users\(name\) fails: 1 group of 2 rows/);
  expect(await fixes.apply(warning.fixes![0]!)).toBe(true);
  expect(database.tab).toBe("sql");
  expect(database.sql).toMatch(/^SELECT d\.copies, t\.\*\nFROM "users" AS t\nJOIN/);
  expect(database.result?.columns).toEqual(["copies", "id", "name"]);
  expect(database.result?.rows).toEqual([[2, 1, "ann"], [2, 3, "ann"]]);
});

test("Add a naming convention edits models.ts, and the warning goes", async () => {
  const { playground, fixes } = await started(`  name = db.Column(db.String(64));\n  email = db.Column(db.String(120), { unique: true });`);
  const fix = playground.pending!.warnings.find((w) => w.kind === "unnamed-constraint")!.fixes![0]!;
  expect(fix).toEqual({ kind: "naming-convention", title: "Add a naming convention", target: "models" });
  expect(await fixes.apply(fix)).toBe(true);
  expect(playground.fileText("models.ts")).toContain(`namingConvention: {\n    ix: "ix_%(column_0_label)s",`);
  await playground.flushEdits();
  expect(playground.pending!.warnings).toEqual([]);
  expect(playground.pending!.messages).toContain("Detected added unique constraint 'uq_users_email' on '['email']'");
});

test("the rename's preview: upgrade --sql of the migration as generated and as renamed, nothing written", async () => {
  const { playground, fixes } = await started(`  full_name = db.Column(db.String(64));`);
  const rename = playground.pending!.warnings.find((w) => w.kind === "likely-rename")!.fixes![0]!;
  const files = Object.keys(playground.snapshot!.files);
  await fixes.showPreview(rename);
  const view = fixes.previewOf(rename)?.view;
  if (!view?.ok) throw new Error(`no preview: ${JSON.stringify(view)}`);
  expect(view.before).toContain("INSERT INTO _alembic_tmp_users (id) SELECT users.id \nFROM users;");
  expect(view.after).toContain("INSERT INTO _alembic_tmp_users (id, full_name) SELECT users.id, users.name \nFROM users;");
  // a preview writes no script: the playground's files are as they were
  await playground.run(["current"]);
  expect(Object.keys(playground.snapshot!.files)).toEqual(files);
});
