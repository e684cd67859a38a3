// What the warnings about views and triggers promise, checked on a real batch rebuild: the trigger
// on a rebuilt table is gone afterwards (as in Alembic, whose move-and-copy knows no triggers), the
// view and the rows stay.
import { expect, test } from "vitest";
import { openTestDatabase } from "../../binding";
import { parseModels, type Workspace } from "../../../src/engine/index";
import { adopted, db } from "./support";

const REQUIRE_NAME = (ws: Workspace): Workspace => ({
  ...ws,
  files: { ...ws.files, "models.ts": ws.files["models.ts"]!.replace("name = db.Column(db.String(64));", "name = db.Column(db.String(64), { nullable: false });") },
});

const tableSql = "CREATE TABLE roles (id INTEGER PRIMARY KEY, name VARCHAR(64)); CREATE TABLE audit (n INTEGER); INSERT INTO roles VALUES (1, 'admin');";

test("a batch rebuild of an adopted table drops its trigger, as the warning says, and keeps the rows", async () => {
  const ws = await adopted(`${tableSql} CREATE TRIGGER role_audit AFTER INSERT ON roles BEGIN INSERT INTO audit VALUES (1); END;`);
  expect(ws.warnings).toContainEqual(expect.stringContaining("Trigger 'role_audit' on 'roles' is kept in the database, but a batch rebuild of 'roles' drops it"));
  const migrated = await db(REQUIRE_NAME(ws), "migrate", "-m", "name required");
  expect(migrated.text).toContain("Detected NOT NULL on column 'roles.name'");
  const upgraded = await db(migrated.workspace, "upgrade");
  expect(upgraded.exitCode).toBe(0);
  const file = await openTestDatabase(upgraded.workspace.database!);
  try {
    expect(file.query("SELECT name FROM sqlite_master WHERE type = 'trigger'").rows).toEqual([]);
    expect(file.query("SELECT name FROM roles").rows).toEqual([["admin"]]);
  } finally {
    file.close();
  }
});

test("a view that reads a rebuilt table makes the rebuild fail, rolled back, as the warning says", async () => {
  const ws = await adopted(`${tableSql} CREATE VIEW role_names AS SELECT name FROM roles;`);
  expect(ws.warnings).toContainEqual(
    "View 'role_names' is kept in the database (models.ts declares tables only). A batch rebuild (\"move and copy\") of 'roles', which it reads, fails in SQLite (\"error in view role_names\") and is rolled back, as in Alembic: drop the view with op.execute before that batch block and create it again after.",
  );
  const migrated = await db(REQUIRE_NAME(ws), "migrate", "-m", "name required");
  const upgraded = await db(migrated.workspace, "upgrade");
  expect(upgraded.exitCode).toBe(1);
  expect(upgraded.text).toContain("error in view role_names: no such table: main.roles");
  expect(upgraded.text).toContain("The revision was rolled back");
});

test("models.ts accepts SQLAlchemy's upper-case CHAR, NCHAR, NVARCHAR, REAL and TIMESTAMP, as adopt writes them", () => {
  const parsed = parseModels(`import { SQLAlchemy } from "retort";
const db = new SQLAlchemy();
export class T extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  a = db.Column(db.CHAR(3));
  b = db.Column(db.NCHAR(2));
  c = db.Column(db.NVARCHAR(20));
  d = db.Column(db.REAL);
  e = db.Column(db.TIMESTAMP());
}
`);
  expect(parsed.diagnostics).toEqual([]);
  expect(parsed.schema.tables[0]!.columns.slice(1).map((c) => c.type)).toEqual([
    { name: "CHAR", length: 3 }, { name: "NCHAR", length: 2 }, { name: "NVARCHAR", length: 20 }, { name: "REAL" }, { name: "TIMESTAMP" },
  ]);
});
