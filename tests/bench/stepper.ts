// (d) The step-through of a revision that rebuilds a 100,000-row table (a type change and a
// dropped column in one batch block), in process on each SQLite binding: the slowest Step forward
// (one statement each; target ≤ 300 ms in Chromium, this is the engine's part), and Run to end
// after one step against a plain upgrade of the same revision (target ≤ 1.2×), and the slowest
// Step back. Medians of 5 (the slowest steps: over all 5).
import type { Database, OpenDatabase } from "../../src/engine/db/database";
import { openSqlJs } from "../../src/engine/db/sqljs";
import { loadNativeSqlite } from "../../src/cli/native/sqlite-native";
import { alterColumn, createTable, dropColumn, modifyTable } from "../../src/engine/ops/ops";
import { runSteps, startRun, type MigrationStep } from "../../src/engine/runtime";
import { column, emptyTable } from "../../src/engine/schema/model";
import { fmt, median } from "./fixtures";

const ROWS = 100_000;
const RUNS = 5;

const step = (revision: string, from: string | null, ops: MigrationStep["ops"]): MigrationStep => ({
  revision,
  direction: "upgrade",
  fromRevisions: from ? [from] : [],
  toRevisions: [revision],
  versionChanges: [from ? { kind: "update", from, to: revision } : { kind: "insert", revision }],
  message: revision,
  ops,
});

const USERS = {
  ...emptyTable("users"),
  columns: [
    column("id", { name: "Integer" }, { nullable: false }),
    column("name", { name: "String", length: 50 }),
    column("email", { name: "String", length: 120 }),
    column("n", { name: "Integer" }),
  ],
  primaryKey: { name: null, columns: ["id"] },
  indexes: [{ name: "ix_users_email", columns: ["email"], unique: false }],
};

const REBUILD = step("b", "a", [modifyTable("users", [alterColumn("users", "n", { type: { name: "String", length: 20 } }), dropColumn("users", "name")])]);

async function seeded(open: OpenDatabase): Promise<Uint8Array> {
  const db = await open();
  const result = runSteps(db, [step("a", null, [createTable(USERS)])]);
  if (!result.ok) throw new Error(result.error!.message);
  db.exec(
    `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${ROWS}) ` +
      "INSERT INTO users (id, name, email, n) SELECT i, 'name ' || i, 'user' || i || '@example.com', i * 7 FROM k",
  );
  const bytes = db.export();
  db.close();
  return bytes;
}

function timed(action: () => void): number {
  const started = performance.now();
  action();
  return performance.now() - started;
}

function mustBeOk(db: Database, ok: boolean, what: string): void {
  const rows = Number(db.query("SELECT count(*) FROM users").rows[0]![0]);
  if (!ok || rows !== ROWS) throw new Error(`${what}: ok=${ok}, ${rows} rows`);
}

async function measure(open: OpenDatabase, bytes: Uint8Array) {
  const plain: number[] = [];
  const toEnd: number[] = [];
  const steps: number[] = [];
  const backs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let db = await open(bytes);
    plain.push(timed(() => mustBeOk(db, runSteps(db, [REBUILD]).ok, "plain upgrade")));
    db.close();
    db = await open(bytes);
    const run = startRun(db, [REBUILD]);
    let ok = false;
    toEnd.push(timed(() => (run.forward(), (ok = run.toEnd().ok))));
    mustBeOk(db, ok, "run to end");
    db.close();
    db = await open(bytes);
    const stepped = startRun(db, [REBUILD]);
    for (let state = "ready"; state === "ready" || state === "paused"; ) steps.push(timed(() => (state = stepped.forward())));
    while (stepped.canStepBack) backs.push(timed(() => stepped.back()));
    while (stepped.forward() === "paused");
    mustBeOk(db, stepped.toEnd().ok, "step-through");
    db.close();
  }
  return { plain: median(plain), toEnd: median(toEnd), slowestStep: Math.max(...steps), slowestBack: Math.max(...backs), steps: steps.length / RUNS };
}

export async function benchStepping(): Promise<void> {
  const native = loadNativeSqlite();
  const bindings: [string, OpenDatabase][] = [["sqljs", openSqlJs]];
  if (native.ok) bindings.unshift(["native", native.open]);
  const lines = ["", `(d) step-through of a batch rebuild of a ${ROWS.toLocaleString("en")}-row table, in process (medians of ${RUNS}):`];
  for (const [name, open] of bindings) {
    const m = await measure(open, await seeded(open));
    lines.push(
      `    ${name}: slowest Step forward ${fmt(m.slowestStep, 0)} ms of ${m.steps} (target ≤ 300 ms), slowest Step back ${fmt(m.slowestBack, 0)} ms; one step + Run to end ${fmt(m.toEnd, 0)} ms, plain upgrade ${fmt(m.plain, 0)} ms, ratio ${fmt(m.toEnd / m.plain, 2)}× (target ≤ 1.2×)`,
    );
  }
  if (!native.ok) lines.push(`    native: not measured (${native.reason})`);
  console.log([...lines, ""].join("\n"));
}
