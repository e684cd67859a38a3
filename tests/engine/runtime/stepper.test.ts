// The pausable runtime, driven a step at a time against a real database: what each pause shows,
// that the database really is half-migrated while paused, that back() and cancel() restore it
// exactly, and that running to the end gives what a plain upgrade gives.
import { describe, expect, test } from "vitest";
import { openTestDatabase } from "../../binding";
import type { Database } from "../../../src/engine/db/database";
import { addColumn, createIndex, createTable, dropColumn, execute, modifyTable, alterColumn } from "../../../src/engine/ops/ops";
import { column } from "../../../src/engine/schema/model";
import { currentHeads, runSteps, startRun, type RuntimeEvent } from "../../../src/engine/runtime";
import { dump } from "../execute/helpers";
import { upgradeStep as step, PARENT, CHILD } from "./revision-steps";



/** Drops parent.name in a batch block: create temp, copy, drop, rename, re-create the index. */
const rebuild = step("b", "a", [modifyTable("parent", [dropColumn("parent", "name"), createIndex("parent", { name: "ix_parent_id", columns: ["id"], unique: false })])]);
const addNote = step("c", "b", [addColumn("child", column("note", { name: "Text" })), execute("UPDATE child SET note = 'n'")]);

async function seeded(): Promise<Database> {
  const db = await openTestDatabase();
  expect(runSteps(db, [step("a", null, [createTable(PARENT), createTable(CHILD)])]).error).toBeNull();
  db.exec("INSERT INTO parent VALUES (1, 'one'), (2, NULL), (3, 'three'); INSERT INTO child VALUES (10, 1), (11, 2), (12, 3);");
  return db;
}

const count = (db: Database, table: string) => db.query(`SELECT count(*) FROM ${table}`).rows[0]![0];
const TRANSACTION = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/;

/** The events a person sees in the console, without the transaction statements (a stepped run has one outer transaction). */
function migrationEvents(events: readonly RuntimeEvent[]): unknown[] {
  return events.flatMap((e) => {
    if (e.type === "sql") return TRANSACTION.test(e.sql) ? [] : [`sql ${e.sql} (${e.rowsChanged})`];
    if (e.type === "op") return [`op ${e.index} ${e.op.kind}`];
    return [`${e.type} ${e.step.revision}${e.type === "step-end" ? ` ${e.ok}` : ""}`];
  });
}

describe("stepping a batch rebuild", () => {
  test("pauses after each statement, really executed: the temp table answers mid-batch; each pause says where it is and why", async () => {
    const db = await seeded();
    const run = startRun(db, [rebuild]);
    expect(run.forward()).toBe("paused");
    expect(run.current).toMatchObject({ kind: "statement", sql: expect.stringMatching(/^CREATE TABLE _alembic_tmp_parent/) });
    expect(count(db, "_alembic_tmp_parent")).toBe(0);
    expect(run.forward()).toBe("paused");
    const copy = run.current!;
    expect(copy.kind === "statement" && copy.description).toMatchObject({
      group: "batch move and copy",
      index: 1,
      count: 5,
      purpose: "copy the rows",
      touches: ["parent", "_alembic_tmp_parent"],
    });
    expect(copy.kind === "statement" && copy.description.why).toMatch(/^SQLite's ALTER TABLE cannot drop a column with a constraint, so Alembic rebuilds 'parent'/);
    expect(run.position).toMatchObject({ kind: "statement", revision: "b", opIndex: 0, statementNumber: 2, statementTotal: 6 });
    expect(count(db, "_alembic_tmp_parent")).toBe(3);
    expect(count(db, "parent")).toBe(3);
    run.forward();
    expect(run.current).toMatchObject({ kind: "statement", sql: "DROP TABLE parent", description: { purpose: "drop the old table" } });
    expect(db.query("SELECT name FROM sqlite_master WHERE name = 'parent'").rows).toEqual([]);
    run.forward();
    run.forward();
    expect(run.current).toMatchObject({ description: { purpose: "re-create the index", index: 4, count: 5 } });
    run.forward();
    expect(run.current).toMatchObject({ kind: "version", sql: "UPDATE alembic_version SET version_num='b' WHERE alembic_version.version_num = 'a'" });
    expect(run.position).toMatchObject({ statementNumber: 6, statementTotal: 6 });
    expect(run.forward()).toBe("at-end");
    expect(run.current?.kind).toBe("revision-end");
    expect(run.toEnd()).toMatchObject({ ok: true, error: null });
    expect(run.state).toBe("ended");
    expect(currentHeads(db)).toEqual(["b"]);
  });

  test("back() after every statement gives back exactly the database of the pause before it", async () => {
    const db = await seeded();
    const run = startRun(db, [rebuild, addNote]);
    const dumps = [dump(db)];
    while (run.forward() === "paused") dumps.push(dump(db));
    dumps.push(dump(db));
    // b: five statements, its version change, its end; c: two statements, its version change, its end
    expect(dumps.length).toBe(12);
    for (let at = dumps.length - 2; at >= 0; at -= 1) {
      expect(run.back()).toBe("paused");
      expect(dump(db)).toEqual(dumps[at]);
    }
    expect(run.canStepBack).toBe(false);
    expect(run.position.kind).toBe("start");
  });

  test("back() crosses a revision boundary, and forward() after it runs the same statements again", async () => {
    const db = await seeded();
    const run = startRun(db, [rebuild, addNote]);
    while (run.current?.kind !== "revision-end") run.forward();
    const afterB = dump(db);
    run.forward();
    run.forward();
    expect(run.current).toMatchObject({ kind: "statement", sql: "UPDATE child SET note = 'n'" });
    run.back();
    run.back();
    expect(dump(db)).toEqual(afterB);
    expect(run.position).toMatchObject({ kind: "revision-end", revision: "b" });
    run.back();
    expect(run.current).toMatchObject({ kind: "version", step: { revision: "b" } });
    expect(currentHeads(db)).toEqual(["b"]);
    run.back();
    expect(currentHeads(db)).toEqual(["a"]);
    expect(run.toEnd().ok).toBe(true);
    expect(db.query("SELECT note FROM child").rows).toEqual([["n"], ["n"], ["n"]]);
  });

  test("backTo() returns to any earlier pause at once, and stepping on from there works", async () => {
    const db = await seeded();
    const run = startRun(db, [rebuild, addNote]);
    run.forward();
    run.forward();
    const afterCopy = dump(db);
    while (run.forward() === "paused");
    expect(run.pauseCount).toBe(11);
    expect(run.backTo(2)).toBe("paused");
    expect(dump(db)).toEqual(afterCopy);
    expect(run.current).toMatchObject({ description: { purpose: "copy the rows" } });
    expect(run.pauseCount).toBe(2);
    expect(run.backTo(5)).toBe("paused");
    expect(run.pauseCount).toBe(2);
    run.forward();
    expect(run.current).toMatchObject({ sql: "DROP TABLE parent" });
    expect(run.toEnd().ok).toBe(true);
    expect(currentHeads(db)).toEqual(["c"]);
  });

  test("op and revision granularity, forward and back", async () => {
    const db = await seeded();
    const start = dump(db);
    const run = startRun(db, [rebuild, addNote]);
    run.forward("op");
    expect(run.current).toMatchObject({ kind: "statement", statementIndex: 4, statementCount: 5 });
    run.forward("op");
    expect(run.current?.kind).toBe("version");
    run.forward("op");
    expect(run.current?.kind).toBe("revision-end");
    run.forward("op");
    expect(run.current).toMatchObject({ kind: "statement", sql: 'ALTER TABLE child ADD COLUMN note TEXT', step: { revision: "c" } });
    run.back("revision");
    expect(run.next?.kind).toBe("revision-start");
    expect(run.next?.step.revision).toBe("c");
    expect(run.forward("revision")).toBe("at-end");
    expect(run.current).toMatchObject({ kind: "revision-end", step: { revision: "c" } });
    // back() returns to earlier pauses only: c ran as one, so back by op undoes all of it
    run.back("op");
    expect(run.current).toMatchObject({ kind: "revision-end", step: { revision: "b" } });
    run.back("revision");
    expect(dump(db)).toEqual(start);
  });
});

describe("the position", () => {
  test("counts a revision's statements ahead, and where raw SQL hides a table from the count, tells once the op starts", async () => {
    const db = await seeded();
    const raw = step("b", "a", [execute("CREATE TABLE t (id INTEGER NOT NULL, n INTEGER, PRIMARY KEY (id))"), modifyTable("t", [dropColumn("t", "n")])]);
    const run = startRun(db, [raw]);
    // counted ahead from the schema: the raw CREATE TABLE hides t, so its batch cannot be counted yet
    expect(run.position).toMatchObject({ kind: "start", statementNumber: 0, statementTotal: null });
    run.forward();
    expect(run.position).toMatchObject({ kind: "statement", revision: "b", revisionIndex: 0, revisionCount: 1, opIndex: 0, opCount: 2, statementNumber: 1, statementTotal: null });
    run.forward();
    expect(run.position).toMatchObject({ opIndex: 1, statementNumber: 2, statementTotal: 6 });
    run.cancel();
  });
});

describe("the position before the first step", () => {
  test("already counts the first revision's statements, and counts them again after Step back to the start", async () => {
    const db = await seeded();
    const run = startRun(db, [rebuild]);
    expect(run.position).toMatchObject({ kind: "start", statementNumber: 0, statementTotal: 6 });
    run.forward();
    expect(run.position).toMatchObject({ statementNumber: 1, statementTotal: 6 });
    run.back();
    expect(run.position).toMatchObject({ kind: "start", statementNumber: 0, statementTotal: 6 });
    run.cancel();
  });
});

describe("a stepped run ends as a plain one", () => {
  test("toEnd() after some steps gives the same database, alembic_version and events as runSteps", async () => {
    const db = await seeded();
    const copy = await openTestDatabase(db.export());
    const plainEvents: RuntimeEvent[] = [];
    expect(runSteps(copy, [rebuild, addNote], { listener: (e) => plainEvents.push(e) }).ok).toBe(true);
    const steppedEvents: RuntimeEvent[] = [];
    const run = startRun(db, [rebuild, addNote], { listener: (e) => steppedEvents.push(e) });
    run.forward();
    run.forward();
    const result = run.toEnd();
    expect(result.ok).toBe(true);
    expect(result.completed.map((s) => s.revision)).toEqual(["b", "c"]);
    expect(dump(db)).toEqual(dump(copy));
    expect(currentHeads(db)).toEqual(["c"]);
    expect(migrationEvents(steppedEvents)).toEqual(migrationEvents(plainEvents));
  });

  test("cancel() rolls back the whole run, alembic_version's creation included", async () => {
    const db = await openTestDatabase();
    const before = dump(db);
    const run = startRun(db, [step("a", null, [createTable(PARENT)]), rebuild]);
    run.forward("revision");
    run.forward();
    run.forward();
    expect(count(db, "_alembic_tmp_parent")).toBe(0);
    expect(run.cancel()).toMatchObject({ ok: false, completed: [], error: null });
    expect(run.state).toBe("cancelled");
    expect(dump(db)).toEqual(before);
    expect(run.forward()).toBe("cancelled");
  });
});

describe("a failure while stepping", () => {
  const bad = step("c", "b", [modifyTable("parent", [alterColumn("parent", "name", { nullable: false })])]);
  const seededWithNote = async () => {
    const db = await seeded();
    return db;
  };

  test("pauses at the failing statement with the rows behind it; back() and forward again, then cancel", async () => {
    const db = await seededWithNote();
    const before = dump(db);
    const ok = step("b", "a", [addColumn("parent", column("note", { name: "Text" }))]);
    const run = startRun(db, [ok, bad]);
    run.forward("revision");
    run.forward();
    const afterCreate = dump(db);
    expect(run.forward()).toBe("failed");
    expect(run.current).toMatchObject({ kind: "statement", sql: expect.stringMatching(/^INSERT INTO _alembic_tmp_parent/) });
    expect(run.error?.rows?.rows).toEqual([[2, 2, null, null]]);
    expect(run.error?.message).toContain("NOT NULL constraint failed");
    expect(run.error?.message).toContain("Paused at the failure");
    expect(run.canStepForward).toBe(false);
    expect(count(db, "_alembic_tmp_parent")).toBe(0);
    expect(run.back()).toBe("paused");
    expect(run.error).toBeNull();
    expect(dump(db)).toEqual(afterCreate);
    expect(run.forward()).toBe("failed");
    run.cancel();
    expect(dump(db)).toEqual(before);
  });

  test("toEnd() after the failure rolls back that revision and keeps the earlier ones, as runSteps does", async () => {
    const db = await seededWithNote();
    const copy = await openTestDatabase(db.export());
    const ok = step("b", "a", [addColumn("parent", column("note", { name: "Text" }))]);
    const plain = runSteps(copy, [ok, bad]);
    const run = startRun(db, [ok, bad]);
    while (run.forward() === "paused");
    expect(run.state).toBe("failed");
    const result = run.toEnd();
    expect(result.completed.map((s) => s.revision)).toEqual(["b"]);
    expect(result.error?.message).toBe(plain.error?.message);
    expect(dump(db)).toEqual(dump(copy));
    expect(db.query("SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp%'").rows).toEqual([]);
  });
});

describe("foreign keys and downgrades", () => {
  test("with foreign_keys ON, stepping through a parent rebuild cascades nothing, and the pragma comes back after the run", async () => {
    const db = await seeded();
    db.exec("PRAGMA foreign_keys = ON");
    const run = startRun(db, [rebuild]);
    run.forward();
    run.forward();
    run.forward();
    expect(run.current).toMatchObject({ sql: "DROP TABLE parent" });
    expect(count(db, "child")).toBe(3);
    expect(run.toEnd().ok).toBe(true);
    expect(db.query("SELECT * FROM child ORDER BY id").rows).toEqual([
      [10, 1],
      [11, 2],
      [12, 3],
    ]);
    expect(db.query("PRAGMA foreign_keys").rows).toEqual([[1]]);
    const cancelled = startRun(db, [step("c", "b", [modifyTable("parent", [addColumn("parent", column("x", { name: "Integer" }, { serverDefault: "(1 + 1)" }))])])]);
    cancelled.forward();
    cancelled.cancel();
    expect(db.query("PRAGMA foreign_keys").rows).toEqual([[1]]);
  });

  test("a downgrade steps too, and back() undoes it", async () => {
    const db = await seeded();
    expect(runSteps(db, [rebuild]).ok).toBe(true);
    const atB = dump(db);
    const down = { ...step("b", null, [modifyTable("parent", [addColumn("parent", column("name", { name: "String", length: 20 }))])], { direction: "downgrade" }), versionChanges: [{ kind: "update" as const, from: "b", to: "a" }] };
    const run = startRun(db, [down]);
    run.forward();
    expect(run.current).toMatchObject({ kind: "statement", sql: "ALTER TABLE parent ADD COLUMN name VARCHAR(20)", description: { group: "batch block" } });
    run.forward();
    expect(currentHeads(db)).toEqual(["a"]);
    run.back("revision");
    expect(dump(db)).toEqual(atB);
    expect(run.toEnd().ok).toBe(true);
    expect(currentHeads(db)).toEqual(["a"]);
  });
});

describe("a transaction ended outside the stepper", () => {
  test("a ROLLBACK or COMMIT run by someone else while paused ends the run with a message instead of stepping on in autocommit", async () => {
    const db = await seeded();
    db.exec("PRAGMA foreign_keys = ON");
    const rolledBack = startRun(db, [rebuild]);
    rolledBack.forward();
    rolledBack.forward();
    db.exec("ROLLBACK");
    expect(rolledBack.back()).toBe("ended");
    expect(rolledBack.error?.message).toContain("The stepped run's transaction was ended outside the stepper");
    expect(rolledBack.canStepBack).toBe(false);
    expect(db.query("PRAGMA foreign_keys").rows).toEqual([[1]]);
    const committed = startRun(db, [rebuild]);
    committed.forward();
    db.exec("COMMIT");
    expect(committed.toEnd()).toMatchObject({ ok: false, completed: [] });
    expect(committed.state).toBe("ended");
    expect(currentHeads(db)).toEqual(["a"]);
  });
});
