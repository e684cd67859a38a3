// The step-through in the worker's host, against the real engine and sql.js: a stepped run is
// held between requests, every read sees the half-migrated database, nothing stores it, and
// anything that would change the database waits until Run to end or Cancel.
import { describe, expect, test } from "vitest";
import { bindEngine } from "../../src/app/engine-binding";
import { EngineHost, FINISH_STEPPING_FIRST } from "../../src/app/engine-host";
import type { StepView } from "../../src/app/protocol";
import * as engine from "../../src/engine/index";

function seeded(seed = 1): () => number {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647);
}

const noProgress = () => {};
const EMAIL_LINE = '  email = db.Column(db.String(120), { unique: true });\n';

/** The tutorial with two users, at the initial revision, and an email revision (a batch rebuild of users) not yet applied. */
async function emailPending(): Promise<EngineHost> {
  const host = new EngineHost(bindEngine({ random: seeded(), clock: () => new Date("2026-11-22T05:00:00Z") }));
  await host.open({ kind: "open", title: "Steps" });
  const models = (await host.snapshot()).files["models.ts"]!;
  expect((await host.command(["migrate", "-m", "initial migration"], noProgress)).exitCode).toBe(0);
  expect((await host.command(["upgrade"], noProgress)).exitCode).toBe(0);
  await host.query("INSERT INTO roles (id, name) VALUES (1, 'admin')");
  await host.query("INSERT INTO users (id, username, role_id) VALUES (1, 'ann', 1), (2, 'bob', 1)");
  const at = models.indexOf("  role_id = db.Column");
  await host.setModels(models.slice(0, at) + EMAIL_LINE + models.slice(at));
  expect((await host.command(["migrate", "-m", "Added email field"], noProgress)).exitCode).toBe(0);
  return host;
}

async function started(host: EngineHost): Promise<StepView> {
  const start = await host.stepStart({ kind: "step-start", direction: "upgrade", target: "head" });
  if (!start.ok) throw new Error(start.message);
  return start.step;
}

const forward = (host: EngineHost, unit: "statement" | "op" | "revision" = "statement") => host.step({ kind: "step", action: "forward", unit });

/** Steps statement by statement until the batch's temporary table exists. */
async function toMidBatch(host: EngineHost): Promise<StepView> {
  for (let i = 0; i < 20; i++) {
    const view = await forward(host);
    if (view.snapshot.tables.some((t) => t.name === "_alembic_tmp_users") && view.point?.sql?.startsWith("INSERT")) return view;
  }
  throw new Error("the batch's copy never ran");
}

/** The database of a workspace, as storage would reopen it: schema and rows. */
async function contents(bytes: Uint8Array | null): Promise<unknown> {
  const db = await engine.openSqlJs(bytes ?? undefined);
  try {
    const tables = db.query("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").rows;
    const rows = tables.filter((t) => String(t[1]).startsWith("CREATE TABLE")).map((t) => db.query(`SELECT * FROM "${String(t[0])}" ORDER BY rowid`).rows);
    return { tables, rows };
  } finally {
    db.close();
  }
}

describe("a step-through in the engine host", () => {
  test("starts paused before the first point, with the position counted ahead and no SQL yet", async () => {
    const host = await emailPending();
    const view = await started(host);
    expect(view.state).toBe("ready");
    expect(view.sql).toEqual([]);
    expect(view.point).toBeNull();
    expect(view.next?.kind).toBe("revision-start");
    expect(view.position).toMatchObject({ revision: 0, revisionCount: 1, statement: 0 });
    expect(view.canStepForward).toBe(true);
    expect(view.canStepBack).toBe(false);
  });

  test("mid-batch every read sees the half-migrated database, and the point says where it is and why", async () => {
    const host = await emailPending();
    await started(host);
    const view = await toMidBatch(host);
    expect(view.state).toBe("paused");
    expect(view.sql).toEqual([view.point!.sql]);
    expect(view.point).toMatchObject({ kind: "statement", op: expect.stringMatching(/users/) });
    expect(view.point!.where).toMatch(/^batch .*, \d+ of \d+: copy the rows$/);
    expect(view.point!.why).toBeTruthy();
    expect(view.position.statementTotal).toBeGreaterThanOrEqual(view.position.statement);
    const count = await host.query("SELECT count(*) FROM _alembic_tmp_users");
    expect(count).toMatchObject({ ok: true, rows: [[2]] });
    const rows = await host.rows({ kind: "rows", table: "_alembic_tmp_users", limit: 10 });
    expect(rows.rows.map((r) => r[1])).toEqual(["ann", "bob"]);
  });

  test("storage and checkpoints keep the database from before the run while it is paused", async () => {
    const host = await emailPending();
    const before = await contents(host.exportWorkspace().database);
    await started(host);
    await toMidBatch(host);
    expect(await contents(host.exportWorkspace().database)).toEqual(before);
    const checkpoint = host.checkpoint();
    if (checkpoint.database !== undefined) expect(await contents(checkpoint.database)).toEqual(before);
    expect((await host.databaseFile()).database).not.toBeNull();
  });

  test("the tables a statement touched come with their first rows and counts, before it and after it", async () => {
    const host = await emailPending();
    await started(host);
    // the first statement began the op: its tables were not known, so not read, before it
    const first = await forward(host);
    expect(first.rows.length).toBeGreaterThan(0);
    expect(first.rows.every((r) => !r.readBefore && r.before === null)).toBe(true);
    const view = await toMidBatch(host);
    const copy = view.rows.find((r) => r.table === "_alembic_tmp_users")!;
    expect(copy).toMatchObject({ readBefore: true, before: { total: 0, rows: [] } });
    expect(copy.after).toMatchObject({ total: 2, columns: ["id", "username", "role_id", "email"], rowids: [1, 2] });
    expect(copy.after!.rows.map((r) => r[1])).toEqual(["ann", "bob"]);
    const users = view.rows.find((r) => r.table === "users")!;
    expect(users.before).toEqual(users.after);
    // a move that is not a step forward shows none
    const back = await host.step({ kind: "step", action: "back", unit: "statement" });
    expect(back.rows).toEqual([]);
  });

  test("Step back undoes the last statement: the temporary table is empty again", async () => {
    const host = await emailPending();
    await started(host);
    const mid = await toMidBatch(host);
    const back = await host.step({ kind: "step", action: "back", unit: "statement" });
    expect(back.position.statement).toBe(mid.position.statement - 1);
    expect(await host.query("SELECT count(*) FROM _alembic_tmp_users")).toMatchObject({ ok: true, rows: [[0]] });
  });

  test("Cancel puts the database back as it was and ends the run", async () => {
    const host = await emailPending();
    const before = await contents(host.exportWorkspace().database);
    const heads = (await host.snapshot()).history.current;
    await started(host);
    await toMidBatch(host);
    const cancelled = await host.step({ kind: "step", action: "cancel", unit: "statement" });
    expect(cancelled.state).toBe("cancelled");
    expect(cancelled.snapshot.tables.map((t) => t.name)).toEqual(["roles", "users"]);
    expect(cancelled.snapshot.history.current).toEqual(heads);
    expect(await contents(host.exportWorkspace().database)).toEqual(before);
    // the run is over: commands run again
    expect((await host.command(["current"], noProgress)).exitCode).toBe(0);
  });

  test("Run to end from mid-batch commits the same database a plain upgrade gives", async () => {
    const stepped = await emailPending();
    await started(stepped);
    await toMidBatch(stepped);
    const end = await stepped.step({ kind: "step", action: "to-end", unit: "statement" });
    expect(end.state).toBe("ended");
    expect(end.error).toBeNull();
    const plain = await emailPending();
    expect((await plain.command(["upgrade"], noProgress)).exitCode).toBe(0);
    expect(await contents(stepped.exportWorkspace().database)).toEqual(await contents(plain.exportWorkspace().database));
    expect(end.snapshot.history.current).toEqual((await plain.snapshot()).history.current);
  });

  test("while paused, commands, row edits and SQL writes are refused with the way out, and nothing changes", async () => {
    const host = await emailPending();
    await started(host);
    await toMidBatch(host);
    const upgrade = await host.command(["upgrade"], noProgress);
    expect(upgrade.exitCode).toBe(1);
    expect(upgrade.lines[0]!.text).toContain(FINISH_STEPPING_FIRST);
    const edit = await host.editRow({ kind: "insert", table: "roles", values: { id: 2, name: "staff" } });
    expect(edit.error).toContain(FINISH_STEPPING_FIRST);
    const commit = await host.query("COMMIT");
    expect(commit.ok).toBe(false);
    expect(commit.error).toContain("COMMIT");
    // behind a comment, or after a read in the same text, it is found all the same
    for (const sql of ["-- done here\n/* really */ COMMIT", "SELECT 1; COMMIT"]) expect(await host.query(sql)).toMatchObject({ ok: false, error: expect.stringContaining("open transaction") });
    const write = await host.query("INSERT INTO roles (id, name) VALUES (3, 'x')");
    expect(write.ok).toBe(false);
    expect(write.error).toContain(FINISH_STEPPING_FIRST);
    const ddl = await host.query("CREATE TABLE t (x)");
    expect(ddl.ok).toBe(false);
    expect(await host.query("SELECT count(*) FROM roles")).toMatchObject({ ok: true, rows: [[1]] });
    expect((await host.snapshot()).tables.map((t) => t.name)).not.toContain("t");
    // the run goes on where it was
    expect((await forward(host)).state).toBe("paused");
    expect((await host.stepStart({ kind: "step-start", direction: "upgrade", target: "head" })).ok).toBe(false);
  });

  test("stepping by revision runs the whole revision, with its alembic_version change", async () => {
    const host = await emailPending();
    await started(host);
    const view = await forward(host, "revision");
    expect(view.state).toBe("at-end");
    expect(view.sql.some((s) => s.includes("alembic_version"))).toBe(true);
    expect(view.sql.some((s) => /^(SAVEPOINT|RELEASE)/.test(s))).toBe(false);
    expect(view.position).toMatchObject({ revision: 1, revisionCount: 1 });
  });

  test("a statement that fails pauses the run at it, with its error; Step back and Cancel still work", async () => {
    const host = await emailPending();
    const snapshot = await host.snapshot();
    const path = Object.keys(snapshot.files).find((p) => p.endsWith("_added_email_field.ts"))!;
    const source = snapshot.files[path]!.replace("export function upgrade() {", 'export function upgrade() {\n  op.execute("UPDATE missing_table SET x = 1");');
    await host.setScript({ kind: "set-script", path, source });
    await started(host);
    let view = await forward(host);
    for (let i = 0; i < 5 && view.state !== "failed"; i++) view = await forward(host);
    expect(view.state).toBe("failed");
    expect(view.error).toContain("missing_table");
    expect(view.point?.sql).toContain("missing_table");
    expect(view.canStepBack).toBe(true);
    expect(view.canStepForward).toBe(false);
    expect((await host.step({ kind: "step", action: "back", unit: "statement" })).state).toBe("paused");
    expect((await host.step({ kind: "step", action: "cancel", unit: "statement" })).state).toBe("cancelled");
    expect((await host.command(["current"], noProgress)).exitCode).toBe(0);
  });

  test("a plan that cannot be made is a message, and no run starts", async () => {
    const host = await emailPending();
    const start = await host.stepStart({ kind: "step-start", direction: "upgrade", target: "nope" });
    expect(start.ok).toBe(false);
    if (!start.ok) expect(start.message).toMatch(/nope/);
    expect((await host.command(["current"], noProgress)).exitCode).toBe(0);
  });

  test("opening another playground rolls the paused run back", async () => {
    const host = await emailPending();
    const saved = host.exportWorkspace();
    await started(host);
    await toMidBatch(host);
    await host.open({ kind: "open", title: saved.title, workspace: saved });
    expect((await host.snapshot()).tables.map((t) => t.name)).toEqual(["roles", "users"]);
    expect((await host.command(["current"], noProgress)).exitCode).toBe(0);
  });
});
