// The lessons, run headless through the page's services on the real engine: every lesson's Show me
// completes every step (the lessons are consistent with the engine), a wrong state does not complete
// a step and says why, and a lesson's progress survives a reload with its playground.
import { describe, expect, test } from "vitest";
import { DatabasePanel } from "../../src/app/database-panel.svelte";
import { Lessons } from "../../src/app/lessons.svelte";
import { memoryStore } from "../../src/app/persist/kv-store";
import { StepThrough } from "../../src/app/step-through.svelte";
import { TerminalState } from "../../src/app/terminal.svelte";
import { findLesson, LESSONS } from "../../src/lessons/index";
import { storageClient, openTab, startTab, waitFor, type Tab } from "./support/app-harness";

interface Page extends Tab {
  readonly lessons: Lessons;
  readonly terminal: TerminalState;
  readonly pressed: string[];
}

/**
 * A tab with the lessons wired as boot.ts wires them. `press` stands in for the page's buttons by
 * calling what each button calls. "Simulate a teammate" belongs to another part of issue 11: until
 * it is merged, its stand-in is the command a teammate's branch amounts to (a sibling revision).
 */
async function lessonPage(kv = memoryStore()): Promise<Page> {
  const client = storageClient(kv);
  const tab = openTab(kv, null, () => Date.now(), client);
  const { playground, undo } = tab;
  const terminal = new TerminalState(playground);
  const database = new DatabasePanel(client, playground);
  const stepThrough = new StepThrough({ client, playground });
  const pressed: string[] = [];
  const buttons: Record<string, () => Promise<unknown>> = {
    Upgrade: () => playground.upgrade(),
    "Undo steps": async () => undefined,
    "Restore the database as it was before flask db downgrade": async () => {
      const step = undo.steps.find((s) => s.label.startsWith("before flask db downgrade"));
      if (step) await undo.restore(step.takenAt);
    },
    Restore: async () => undefined,
    "Step through upgrade": () => stepThrough.start("upgrade", "+1"),
    "Step forward": () => stepThrough.forward(),
    "Run to end": () => stepThrough.runToEnd(),
    "Simulate a teammate": () => {
      const newest = playground.snapshot!.history.revisions[0]!;
      return playground.run(["revision", "-m", "teammate's change", "--head", newest.parents[0]!, "--splice"]);
    },
  };
  const lessons = new Lessons({
    client, playground, library: tab.library, terminal,
    runSql: async (sql) => {
      database.sql = sql;
      await database.runSql();
    },
    press: async (name) => {
      pressed.push(name);
      const button = buttons[name];
      if (!button) return false;
      await button();
      return true;
    },
    pause: async () => undefined,
  });
  await startTab(tab);
  lessons.watch();
  return { ...tab, lessons, terminal, pressed };
}

describe("every lesson's Show me completes every step", () => {
  for (const lesson of LESSONS) {
    test(`lesson ${lesson.number}: ${lesson.title}`, async () => {
      const { lessons, playground, library } = await lessonPage();
      await lessons.start(lesson);
      expect(library.currentTitle).toBe(`Lesson ${lesson.number}: ${lesson.title}`);
      for (let i = 0; i < lesson.steps.length; i++) {
        expect({ step: lessons.progress?.step, done: lessons.progress?.done.includes(i), missing: lessons.results.some((r) => !r.met) })
          .toEqual({ step: i, done: false, missing: true });
        await lessons.showMe();
        expect(lessons.problem).toBeNull();
        // done, and the next step shown (the last one stays, with every check met)
        expect({ done: lessons.progress?.done.includes(i), step: lessons.progress?.step }).toEqual({ done: true, step: Math.min(i + 1, lesson.steps.length - 1) });
      }
      expect(lessons.results.filter((r) => !r.met)).toEqual([]);
      expect(lessons.complete).toBe(true);
      expect(playground.lastRun?.exitCode ?? 0).toBe(0);
    }, 60_000);
  }
});

describe("a lesson step completes on the right state only", () => {
  test("lesson 5: renaming the lossy way (drop + add) leaves the step undone, and says why", async () => {
    const { lessons, playground } = await lessonPage();
    await lessons.start(findLesson("rename-column")!);
    await lessons.showMe();
    await lessons.showMe();
    expect(lessons.progress?.step).toBe(2);
    // the generated script (drop fullname, add name) is upgraded as it is
    await playground.run(["upgrade"]);
    await lessons.check();
    expect(lessons.progress?.step).toBe(2);
    expect(lessons.results.filter((r) => !r.met).map((r) => r.missing)).toEqual([
      "The script still drops fullname and adds name: its values would be lost. Use alterColumn with newColumnName.",
      "A script still drops fullname.",
    ]);
    const names = await playground.guarded({ kind: "query", sql: "SELECT count(*) FROM users WHERE name IS NOT NULL" });
    expect(names.rows).toEqual([[0]]);
  });

  test("lesson 3: a models.ts that lost username on the way leaves the last step undone, and says why", async () => {
    const { lessons, playground } = await lessonPage();
    await lessons.start(findLesson("add-email")!);
    // the email typed over the username line instead of after it
    const models = playground.fileText("models.ts");
    playground.editFile("models.ts", models.replace(`username = db.Column(db.String(64), { index: true });`, `email = db.Column(db.String(120), { unique: true });`));
    await lessons.check();
    await lessons.showMe(); // migrate + the failing upgrade
    await lessons.showMe(); // the naming convention, the names in the script, upgrade
    expect(lessons.progress?.step).toBe(2);
    expect(lessons.results.filter((r) => !r.met).map((r) => r.missing)).toEqual([
      "users lost its usernames: models.ts must keep username; undo the step and check the model.",
    ]);
  });

  test("lesson 3: the email column added without its upgrade failing first is not the failure step", async () => {
    const { lessons, playground } = await lessonPage();
    await lessons.start(findLesson("add-email")!);
    await lessons.showMe();
    await playground.run(["migrate", "-m", "add email"]);
    await lessons.check();
    expect(lessons.progress?.step).toBe(1);
    expect(lessons.results.map((r) => r.missing)).toEqual([null, "Run flask db upgrade and read why it fails."]);
  });

  test("typing the step's edit by hand completes it after the typing pause, without a command", async () => {
    const { lessons, playground } = await lessonPage();
    await lessons.start(findLesson("rename-column")!);
    const models = playground.fileText("models.ts");
    playground.editFile("models.ts", models.replace("  fullname = db.Column(db.String(64));", "  name = db.Column(db.String(64));"));
    await waitFor(() => lessons.progress?.step === 1);
    expect(lessons.progress?.done).toEqual([0]);
  });
});

describe("progress", () => {
  test("a lesson's step and done steps come back with its playground after a reload, and the gallery shows them", async () => {
    const kv = memoryStore();
    const first = await lessonPage(kv);
    await first.lessons.start(findLesson("add-email")!);
    await first.lessons.showMe();
    expect(first.lessons.progress).toEqual({ id: "add-email", step: 1, done: [0] });
    await first.library.autosave.saveNow();

    const reloaded = await lessonPage(kv);
    expect(reloaded.library.currentTitle).toBe("Lesson 3: Adding the email field");
    expect(reloaded.lessons.progress).toEqual({ id: "add-email", step: 1, done: [0] });
    await reloaded.library.refresh();
    const status = reloaded.lessons.statuses.find((s) => s.lesson.id === "add-email")!;
    expect({ state: status.state, stepsDone: status.stepsDone, playgroundId: status.playgroundId }).toEqual({ state: "in progress", stepsDone: 1, playgroundId: reloaded.library.currentId });
    expect(reloaded.lessons.statuses.filter((s) => s.state !== "new").map((s) => s.lesson.id)).toEqual(["add-email"]);
  });

  test("closing a lesson keeps its playground as an ordinary one", async () => {
    const { lessons, library, playground } = await lessonPage();
    await lessons.start(findLesson("flasky-initial")!);
    lessons.close();
    await library.autosave.saveNow();
    expect(lessons.lesson).toBeNull();
    expect(playground.uiState().lesson).toBeUndefined();
    expect(library.currentTitle).toBe("Lesson 2: The Flasky initial migration");
  });
});
