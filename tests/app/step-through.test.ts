// The page's step-through in Node, against the real worker host: the run shown as it goes, the
// diagram's baseline at the run's start, nothing paused ever saved, Run to end as a plain upgrade
// (undo snapshot of the pre-run database, then a save), Play on a timer the test drives.
import { expect, test } from "vitest";
import { STEP_UNITS, StepThrough, moveTitle, positionText, type Schedule } from "../../src/app/step-through.svelte";
import type { StepView } from "../../src/app/protocol";
import { engineClient, openTab, startTab } from "./support/app-harness";
import * as engine from "../../src/engine/index";

const EMAIL_LINE = '  email = db.Column(db.String(120), { unique: true });\n';

/** A manual timer: the test runs the waiting callback when it chooses. */
function manualSchedule(): { schedule: Schedule; waiting: () => number; fire: () => void } {
  let queued: (() => void)[] = [];
  return {
    schedule: (run) => {
      queued.push(run);
      return () => void (queued = queued.filter((q) => q !== run));
    },
    waiting: () => queued.length,
    fire: () => {
      const run = queued.shift();
      run?.();
    },
  };
}

/** The tutorial with two users at the first revision, and the email revision (a batch rebuild) to apply. */
async function emailPending(schedule?: Schedule) {
  const client = engineClient();
  const tab = openTab(undefined, null, undefined, client);
  await startTab(tab);
  const { playground } = tab;
  await playground.run(["migrate", "-m", "initial migration"]);
  await playground.run(["upgrade"]);
  const inserted = await playground.guarded({ kind: "query", sql: "INSERT INTO users (id, username) VALUES (1, 'ann'), (2, 'bob')" });
  playground.acceptSnapshot(inserted.snapshot!);
  const models = playground.fileText("models.ts");
  const at = models.indexOf("  role_id = db.Column");
  playground.editFile("models.ts", models.slice(0, at) + EMAIL_LINE + models.slice(at));
  await playground.run(["migrate", "-m", "Added email field"]);
  const stepThrough = new StepThrough({ client, playground, ...(schedule ? { schedule } : {}) });
  return { tab, client, playground, stepThrough, first: playground.snapshot!.history.current };
}

async function toMidBatch(stepThrough: StepThrough): Promise<void> {
  for (let i = 0; i < 20 && !stepThrough.view?.snapshot.tables.some((t) => t.name === "_alembic_tmp_users"); i++) await stepThrough.forward();
}

async function storedHeads(tab: ReturnType<typeof openTab>): Promise<string[]> {
  const loaded = await tab.store.load(tab.library.currentId!);
  if (!loaded.ok) throw new Error("not saved");
  const db = await engine.openSqlJs(loaded.record.database ?? undefined);
  try {
    return engine.currentHeads(db);
  } finally {
    db.close();
  }
}

test("the page shows the half-migrated database, compared with the tables at the start of the run", async () => {
  const { playground, stepThrough } = await emailPending();
  // a row edit just before: the diagram's baseline is then the tables before that edit
  playground.acceptSnapshot((await playground.guarded({ kind: "query", sql: "INSERT INTO roles (id, name) VALUES (1, 'admin')" })).snapshot!);
  const start = playground.snapshot!.tables;
  expect(playground.baseline).not.toEqual(start);
  expect(await stepThrough.start("upgrade", "head")).toBe(true);
  expect(stepThrough.open).toBe(true);
  // counted before the first step from the tables as they are (each batch recounts when it starts)
  expect(stepThrough.position).toMatch(/^Statement 0 of [1-9]\d*$/);
  await toMidBatch(stepThrough);
  expect(playground.snapshot!.tables.map((t) => t.name)).toContain("_alembic_tmp_users");
  expect(playground.baseline).toEqual(start);
  expect(stepThrough.position).toMatch(/^Statement [1-9]\d* of \d+$/);
  stepThrough.unit = "op";
  expect(stepThrough.position).toMatch(/^Operation 1 of 1$/);
  // a second one cannot start while this one is open
  expect(await stepThrough.start("upgrade", "head")).toBe(false);
});

test("a save while paused stores the database from before the run, so a reload shows the pre-run playground", async () => {
  const { tab, stepThrough, first } = await emailPending();
  await stepThrough.start("upgrade", "head");
  await toMidBatch(stepThrough);
  await tab.library.autosave.saveNow();
  expect(await storedHeads(tab)).toEqual(first);
});

test("Run to end commits, keeps an undo snapshot of the pre-run database and saves the new one", async () => {
  const { tab, playground, stepThrough, first } = await emailPending();
  await stepThrough.start("upgrade", "head");
  await toMidBatch(stepThrough);
  await stepThrough.runToEnd();
  expect(stepThrough.open).toBe(false);
  expect(stepThrough.view?.state).toBe("ended");
  const head = playground.snapshot!.history.current;
  expect(head).not.toEqual(first);
  expect(playground.snapshot!.tables.map((t) => t.name)).not.toContain("_alembic_tmp_users");
  expect(tab.undo.steps[0]).toMatchObject({ label: "before flask db upgrade head", heads: first });
  await tab.library.autosave.flush();
  await tab.library.autosave.saveNow();
  expect(await storedHeads(tab)).toEqual(head);
});

test("Cancel puts the page back on the database from before the run", async () => {
  const { playground, stepThrough, first } = await emailPending();
  const before = playground.snapshot!.tables;
  await stepThrough.start("upgrade", "head");
  await toMidBatch(stepThrough);
  // the op being run, for the editor to highlight in its script, whose tab is open
  const script = playground.scriptPaths.find((p) => p.endsWith("_added_email_field.ts"))!;
  expect(playground.stepOp).toEqual({ file: script, direction: "upgrade", opIndex: 0 });
  expect(playground.activeTab).toBe(script);
  await stepThrough.cancel();
  expect(playground.stepOp).toBeNull();
  expect(stepThrough.open).toBe(false);
  expect(playground.snapshot!.tables).toEqual(before);
  expect(playground.snapshot!.history.current).toEqual(first);
});

test("Play repeats Step forward at its speed until the run is at its end; Pause stops it", async () => {
  const timer = manualSchedule();
  const { stepThrough } = await emailPending(timer.schedule);
  await stepThrough.start("upgrade", "head");
  stepThrough.play();
  expect(stepThrough.playing).toBe(true);
  timer.fire();
  await waitUntil(() => timer.waiting() === 1);
  expect(stepThrough.view!.position.statement).toBeGreaterThanOrEqual(0);
  const stepped = stepThrough.view!.point;
  expect(stepped).not.toBeNull();
  stepThrough.pause();
  expect(timer.waiting()).toBe(0);
  stepThrough.play();
  for (let i = 0; i < 40 && stepThrough.playing; i++) {
    timer.fire();
    await waitUntil(() => timer.waiting() === 1 || !stepThrough.playing);
  }
  expect(stepThrough.playing).toBe(false);
  expect(stepThrough.view!.state).toBe("at-end");
});

test("the position reads in the chosen unit", () => {
  const view = { position: { revision: 1, revisionCount: 2, op: 2, opCount: 3, statement: 3, statementTotal: 8 } } as StepView;
  expect(STEP_UNITS.map((u) => positionText(view, u.value))).toEqual(["Revision 1 of 2", "Operation 2 of 3", "Statement 3 of 8"]);
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
}

test("the heading names the move as the buttons do", () => {
  expect(moveTitle("upgrade", "+1")).toBe("Upgrade one revision");
  expect(moveTitle("downgrade", "-1")).toBe("Downgrade one revision");
  expect(moveTitle("downgrade", "base")).toBe("Downgrade to base");
});

test("Step through to here goes down to an applied revision and up to a later one", async () => {
  const { playground, stepThrough, first } = await emailPending();
  const head = playground.snapshot!.history.revisions.find((r) => r.isHead)!.id;
  expect(await stepThrough.startTowards(head)).toBe(true);
  expect(stepThrough.view).toMatchObject({ direction: "upgrade", target: head });
  await stepThrough.cancel();
  await playground.run(["upgrade", head]);
  expect(await stepThrough.startTowards(first[0]!)).toBe(true);
  expect(stepThrough.view).toMatchObject({ direction: "downgrade", target: first[0] });
});
