import { describe, expect, test } from "vitest";
import { openTestDatabase } from "../../binding";
import type { Database } from "../../../src/engine/db/database";
import { addColumn, alterColumn, createForeignKey, createTable, createUniqueConstraint, dropColumn, execute, modifyTable } from "../../../src/engine/ops/ops";
import { column } from "../../../src/engine/schema/model";
import { currentHeads, formatStepLine, runSteps, type RuntimeEvent } from "../../../src/engine/runtime";
import type { MigrationStep } from "../../../src/engine/runtime/step";
import { dump } from "../execute/helpers";
import { initialUpgrade, secondUpgrade } from "./steps";
import { upgradeStep as step, PARENT, CHILD } from "./revision-steps";



async function seeded(): Promise<Database> {
  const db = await openTestDatabase();
  const result = runSteps(db, [step("a", null, [createTable(PARENT), createTable(CHILD)])]);
  expect(result.error).toBeNull();
  db.exec("INSERT INTO parent VALUES (1, 'one'), (2, NULL), (3, 'three'); INSERT INTO child VALUES (10, 1), (11, 2), (12, 3);");
  return db;
}

describe("runSteps", () => {
  test("creates alembic_version as Alembic does and records each revision", async () => {
    const db = await openTestDatabase();
    const result = runSteps(db, [initialUpgrade, secondUpgrade]);
    expect(result.ok).toBe(true);
    expect(result.completed.map((s) => s.revision)).toEqual(["498072571d82", "cccc"]);
    expect(db.query("SELECT sql FROM sqlite_master WHERE name = 'alembic_version'").rows[0]![0]).toBe(
      "CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)",
    );
    expect(currentHeads(db)).toEqual(["cccc"]);
    expect(db.query("SELECT * FROM Roles2 ORDER BY id").rows).toEqual([
      [5, "r'5"],
      [6, null],
    ]);
  });

  test("emits step, op and sql events, BEGIN/COMMIT and version writes included", async () => {
    const db = await openTestDatabase();
    const events: RuntimeEvent[] = [];
    runSteps(db, [initialUpgrade], { listener: (e) => events.push(e) });
    const sql = events.filter((e) => e.type === "sql").map((e) => (e.type === "sql" ? e.sql.split(" (")[0] : ""));
    expect(sql).toEqual([
      "BEGIN",
      "CREATE TABLE alembic_version",
      "COMMIT",
      "BEGIN",
      "CREATE TABLE roles",
      "CREATE TABLE users",
      "CREATE INDEX ix_users_role_username ON users",
      "CREATE UNIQUE INDEX ix_users_username ON users",
      "INSERT INTO alembic_version",
      "COMMIT",
    ]);
    expect(events.filter((e) => e.type !== "sql").map((e) => e.type)).toEqual(["step-start", "op", "op", "op", "step-end"]);
    const insert = events.find((e) => e.type === "sql" && e.sql.startsWith("INSERT"));
    expect(insert).toMatchObject({ rowsChanged: 1 });
    expect(events.at(-1)).toMatchObject({ type: "step-end", ok: true });
  });

  test("a failing revision rolls back whole, names the rows, and a retry after fixing the data works", async () => {
    const db = await seeded();
    const ok = step("b", "a", [addColumn("parent", column("note", { name: "Text" }))]);
    const bad = step("c", "b", [modifyTable("parent", [alterColumn("parent", "name", { nullable: false })])], { message: "name required" });
    const result = runSteps(db, [ok]);
    expect(result.ok).toBe(true);
    const before = dump(db);
    const failed = runSteps(db, [bad]);
    expect(failed.ok).toBe(false);
    expect(dump(db)).toEqual(before);
    expect(currentHeads(db)).toEqual(["b"]);
    const error = failed.error!;
    expect(error.revision).toBe("c");
    expect(error.sql).toMatch(/^INSERT INTO _alembic_tmp_parent/);
    expect(error.op?.kind).toBe("modify_table");
    expect(error.rows?.rows).toEqual([[2, 2, null, null]]);
    expect(error.message).toContain("Running upgrade b -> c, name required failed at op 1 (modify_table 'parent'): NOT NULL constraint failed");
    expect(error.message).toContain("(rowid=2, id=2, name=NULL, note=NULL)");
    db.exec("UPDATE parent SET name = 'two' WHERE id = 2");
    expect(runSteps(db, [bad]).ok).toBe(true);
    expect(db.query("SELECT name FROM parent ORDER BY id").rows).toEqual([["one"], ["two"], ["three"]]);
    expect(db.query("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '_alembic_tmp%'").rows).toEqual([[0]]);
  });

  test("a failure ends with ROLLBACK and step-end not ok; nothing to run still creates alembic_version", async () => {
    const db = await openTestDatabase();
    expect(runSteps(db, []).ok).toBe(true);
    expect(currentHeads(db)).toEqual([]);
    expect(db.query("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").rows).toEqual([["alembic_version"]]);
    const events: RuntimeEvent[] = [];
    runSteps(db, [step("a", null, [execute("SELECT * FROM nowhere")])], { listener: (e) => events.push(e) });
    expect(events.map((e) => (e.type === "sql" ? e.sql : e.type))).toEqual(["step-start", "BEGIN", "op", "ROLLBACK", "step-end"]);
    expect(events.at(-1)).toMatchObject({ ok: false });
  });

  test("earlier revisions of the same run stay applied when a later one fails", async () => {
    const db = await seeded();
    const result = runSteps(db, [
      step("b", "a", [addColumn("parent", column("note", { name: "Text" }))]),
      step("c", "b", [execute("INSERT INTO nowhere VALUES (1)")]),
    ]);
    expect(result.completed.map((s) => s.revision)).toEqual(["b"]);
    expect(result.error?.sql).toBe("INSERT INTO nowhere VALUES (1)");
    expect(currentHeads(db)).toEqual(["b"]);
    expect(db.query("SELECT name FROM pragma_table_info('parent')").rows.map((r) => r[0])).toEqual(["id", "name", "note"]);
  });

  test("with foreign_keys ON, a parent rebuild keeps every child row and the pragma is restored", async () => {
    const db = await seeded();
    db.exec("PRAGMA foreign_keys = ON");
    const result = runSteps(db, [step("b", "a", [modifyTable("parent", [dropColumn("parent", "name")])])]);
    expect(result.error).toBeNull();
    expect(db.query("SELECT * FROM child ORDER BY id").rows).toEqual([
      [10, 1],
      [11, 2],
      [12, 3],
    ]);
    expect(db.query("PRAGMA foreign_keys").rows).toEqual([[1]]);
  });

  test("with foreign_keys ON, a new foreign key that orphans rows is rolled back with those rows", async () => {
    const db = await seeded();
    db.exec("CREATE TABLE pet (id INTEGER NOT NULL, owner INTEGER, PRIMARY KEY (id)); INSERT INTO pet VALUES (1, 1), (2, 99);");
    db.exec("PRAGMA foreign_keys = ON");
    const before = dump(db);
    const fk = { name: "fk_pet_owner", columns: ["owner"], referredTable: "parent", referredColumns: ["id"], onDelete: null, onUpdate: null };
    const result = runSteps(db, [step("b", "a", [modifyTable("pet", [createForeignKey("pet", fk)])])]);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toContain("FOREIGN KEY constraint failed: 1 row(s) of 'pet' refer to rows of 'parent' that do not exist");
    expect(result.error?.rows?.rows).toEqual([[2, 2, 99]]);
    expect(dump(db)).toEqual(before);
    expect(db.query("PRAGMA foreign_keys").rows).toEqual([[1]]);
  });

  test("a revision without a rebuild keeps foreign_keys ON, so a data migration's cascade runs as in Alembic", async () => {
    const db = await seeded();
    db.exec("PRAGMA foreign_keys = ON");
    const result = runSteps(db, [step("b", "a", [execute("DELETE FROM parent WHERE id = 1")])]);
    expect(result.error).toBeNull();
    expect(db.query("SELECT id FROM child ORDER BY id").rows).toEqual([[11], [12]]);
  });

  test("an unnamed constraint in a batch block fails before any SQL, naming the table, columns and fix", async () => {
    const db = await seeded();
    const events: RuntimeEvent[] = [];
    const result = runSteps(db, [step("b", "a", [modifyTable("parent", [createUniqueConstraint("parent", { name: null, columns: ["name"] })])])], {
      listener: (e) => events.push(e),
    });
    expect(result.ok).toBe(false);
    expect(result.error?.message).toContain("The unique constraint on parent(name) has no name");
    expect(result.error?.message).toContain("namingConvention");
    expect(events.filter((e) => e.type === "sql")).toEqual([]);
  });

  test("a UNIQUE failure lists the duplicated values", async () => {
    const db = await seeded();
    db.exec("UPDATE parent SET name = 'one' WHERE id = 3");
    const result = runSteps(db, [step("b", "a", [modifyTable("parent", [createUniqueConstraint("parent", { name: "uq_parent_name", columns: ["name"] })])])]);
    expect(result.error?.rows).toEqual({ columns: ["name", "count"], rows: [["one", 2]] });
    expect(result.error?.message).toContain("must be unique");
  });

  test("a plain drop_column SQLite refuses says to use a batch block", async () => {
    const db = await seeded();
    db.exec("CREATE INDEX ix_parent_name ON parent (name)");
    const result = runSteps(db, [step("b", "a", [dropColumn("parent", "name")])]);
    expect(result.error?.sql).toBe("ALTER TABLE parent DROP COLUMN name");
    expect(result.error?.hint).toContain("op.batchAlterTable('parent', (batchOp) => batchOp.dropColumn('name'))");
  });

  test("a UNIQUE on a column the block adds shows its server default as the repeated value", async () => {
    const db = await seeded();
    const level = column("level", { name: "Integer" }, { nullable: false, serverDefault: "(1)" });
    const result = runSteps(db, [step("b", "a", [modifyTable("parent", [addColumn("parent", level), createUniqueConstraint("parent", { name: "uq_level", columns: ["level"] })])])]);
    expect(result.error?.rows).toEqual({ columns: ["level", "count"], rows: [[1, 3]] });
  });
});

describe("alembic_version bookkeeping", () => {
  test("an UPDATE that matches no row fails with Alembic's words and rolls the revision back", async () => {
    const db = await seeded();
    const before = dump(db);
    const result = runSteps(db, [step("c", "zzz", [addColumn("parent", column("note", { name: "Text" }))])]);
    expect(result.error?.message).toContain("Online migration expected to match one row when updating 'zzz' to 'c' in 'alembic_version'; 0 found.");
    expect(dump(db)).toEqual(before);
  });

  test("a merge deletes one head and updates the other; a downgrade to base deletes the row", async () => {
    const db = await openTestDatabase();
    const base = (revision: string): MigrationStep => ({ ...step(revision, null, []), versionChanges: [{ kind: "insert", revision }] });
    expect(runSteps(db, [base("a1"), base("b1")]).ok).toBe(true);
    expect(currentHeads(db).sort()).toEqual(["a1", "b1"]);
    const merge: MigrationStep = {
      ...step("m", null, []),
      fromRevisions: ["a1", "b1"],
      versionChanges: [
        { kind: "delete", revision: "a1" },
        { kind: "update", from: "b1", to: "m" },
      ],
    };
    expect(runSteps(db, [merge]).ok).toBe(true);
    expect(currentHeads(db)).toEqual(["m"]);
    const down: MigrationStep = { ...step("m", null, []), direction: "downgrade", versionChanges: [{ kind: "delete", revision: "m" }] };
    expect(runSteps(db, [down]).ok).toBe(true);
    expect(currentHeads(db)).toEqual([]);
  });
});

describe("formatStepLine", () => {
  test("keeps Alembic's two spaces from base and comma-joins merges", () => {
    expect(formatStepLine({ ...initialUpgrade, toRevisions: ["a08b4139c4fb"] })).toBe("Running upgrade  -> a08b4139c4fb, initial migration");
    expect(
      formatStepLine({ revision: "m", direction: "upgrade", fromRevisions: ["ae1", "be2"], toRevisions: ["m"], versionChanges: [], message: "merge" }),
    ).toBe("Running upgrade ae1, be2 -> m, merge");
    expect(formatStepLine({ ...initialUpgrade, direction: "downgrade", fromRevisions: ["x"], toRevisions: [], message: "" })).toBe("Running downgrade x -> ");
  });
});
