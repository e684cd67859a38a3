// The guided lessons (issue 11): starting one makes an ordinary playground from its start state;
// after every change the current step's checks are read in the worker against the real state,
// and a step whose checks all hold is done and the next one is shown. "Show me" performs the
// step's actions as a person would: an edit in the editor, a line typed into the terminal, a click.
// The lessons themselves are data (src/lessons); nothing here knows one lesson from another.

import { debounce } from "./debounce";
import type { EngineClient } from "./engine-client";
import type { PlaygroundLibrary } from "./library.svelte";
import type { LessonProgress } from "./persist/saved-format";
import { MODELS_FILE, TYPING_PAUSE_MS, type Playground } from "./playground.svelte";
import type { CheckResultView } from "./protocol";
import type { TerminalState } from "./terminal.svelte";
import { findLesson, LESSONS, type Lesson, type LessonFile, type LessonStep, type ShowMeAction } from "../lessons/index";

/** Checks wait for the edits of a typing pause to reach the worker, then run once. */
const CHECK_PAUSE_MS = TYPING_PAUSE_MS + 100;

export interface LessonsDeps {
  readonly client: EngineClient;
  readonly playground: Playground;
  readonly library: PlaygroundLibrary;
  readonly terminal: TerminalState;
  /** Runs SQL in the SQL console, as the learner would. */
  readonly runSql: (sql: string) => Promise<void>;
  /** Clicks the button with this accessible name (or one starting with it); false when there is none. */
  readonly press: (button: string) => Promise<boolean>;
  /** Waits between the typed characters of a command and between actions (0 in tests). */
  readonly pause?: (ms: number) => Promise<void>;
}

/** A lesson's place in the gallery: not started, in progress (step n of m) or done. */
export interface LessonStatus {
  readonly lesson: Lesson;
  readonly state: "new" | "in progress" | "done";
  readonly stepsDone: number;
  /** The playground that holds the furthest progress, to continue in. */
  readonly playgroundId: string | null;
}

export class Lessons {
  /** The current step's checks as last read; empty while none was read yet. */
  results = $state.raw<readonly CheckResultView[]>([]);
  /** Show me is performing a step's actions. */
  showing = $state(false);
  /** The gallery is open. */
  galleryOpen = $state(false);
  /** A Show me that could not go on (the text it edits was changed by hand). */
  problem = $state<string | null>(null);
  #deps: LessonsDeps;
  #checkSoon = debounce(() => this.check(), CHECK_PAUSE_MS);

  constructor(deps: LessonsDeps) {
    this.#deps = deps;
  }

  /** Re-checks after every change to the playground: an edit, a command, SQL. */
  watch(): void {
    this.#deps.playground.onChange(() => void this.#checkSoon());
  }

  get lesson(): Lesson | null {
    const progress = this.#deps.playground.lessonProgress;
    return progress ? (findLesson(progress.id) ?? null) : null;
  }

  get progress(): LessonProgress | null {
    return this.lesson ? this.#deps.playground.lessonProgress : null;
  }

  get step(): LessonStep | null {
    const progress = this.progress;
    return progress ? (this.lesson?.steps[progress.step] ?? null) : null;
  }

  get complete(): boolean {
    const { lesson, progress } = this;
    return lesson !== null && progress !== null && progress.done.length === lesson.steps.length;
  }

  /** Every lesson with the progress of the playgrounds made for it. */
  get statuses(): readonly LessonStatus[] {
    return LESSONS.map((lesson) => {
      const mine = this.#deps.library.playgrounds.filter((p) => p.lesson?.id === lesson.id);
      const best = mine.reduce<(typeof mine)[number] | null>((a, p) => (!a || (p.lesson?.done.length ?? 0) > (a.lesson?.done.length ?? 0) ? p : a), null);
      const stepsDone = best?.lesson?.done.length ?? 0;
      const state = !best ? "new" : stepsDone === lesson.steps.length ? "done" : "in progress";
      return { lesson, state, stepsDone, playgroundId: best?.id ?? null };
    });
  }

  /** A new playground set up as the lesson starts: its models, `init`, the commands, the rows. */
  async start(lesson: Lesson): Promise<void> {
    const { library, playground } = this.#deps;
    this.galleryOpen = false;
    this.problem = null;
    this.results = [];
    const title = `Lesson ${lesson.number}: ${lesson.title}`;
    await library.openWorkspace({ title, files: { [MODELS_FILE]: lesson.start.models }, database: null }, "again");
    for (const argv of [["init"], ...lesson.start.commands]) await playground.run(argv);
    for (const sql of lesson.start.sql) {
      const result = await playground.guarded({ kind: "query", sql });
      if (result.snapshot) playground.acceptSnapshot(result.snapshot);
    }
    // the lesson starts in models.ts: the setup's scripts are there to open, not in the way
    for (const tab of [...playground.tabs]) playground.closeTab(tab);
    this.#setProgress({ id: lesson.id, step: 0, done: [] });
    await library.autosave.saveNow();
    await this.check();
  }

  /** Opens the playground of a lesson in progress, or starts it anew. */
  async continue(status: LessonStatus): Promise<void> {
    this.galleryOpen = false;
    if (status.playgroundId === null) return this.start(status.lesson);
    await this.#deps.library.switchTo(status.playgroundId);
    await this.check();
  }

  /** Leaves the lesson: the playground stays, as an ordinary one. */
  close(): void {
    this.#setProgress(null);
    this.results = [];
  }

  back(): void {
    const progress = this.progress;
    if (!progress || progress.step === 0) return;
    this.#setProgress({ ...progress, step: progress.step - 1 });
    void this.check();
  }

  next(): void {
    const { progress, lesson } = this;
    if (!progress || !lesson || progress.step >= lesson.steps.length - 1 || !progress.done.includes(progress.step)) return;
    this.#setProgress({ ...progress, step: progress.step + 1 });
    void this.check();
  }

  /** Reads the current step's checks; met ones mark it done and show the next step. */
  async check(): Promise<void> {
    const { playground, client } = this.#deps;
    for (;;) {
      const progress = this.progress;
      const step = this.step;
      if (!progress || !step) return;
      await playground.flushEdits();
      const run = playground.lastRun;
      const lastCommand = run ? { argv: run.argv, exitCode: run.exitCode, output: run.lines.map((l) => l.text).join("\n") } : null;
      const results = await client.request({ kind: "lesson-check", checks: step.checks, lastCommand });
      // another lesson, or another step, came meanwhile: its own check follows
      if (this.progress !== progress) return;
      this.results = results;
      if (!results.every((r) => r.met)) return;
      const done = progress.done.includes(progress.step) ? progress.done : [...progress.done, progress.step].sort((a, b) => a - b);
      const last = progress.step === this.lesson!.steps.length - 1;
      this.#setProgress({ ...progress, done, step: last ? progress.step : progress.step + 1 });
      if (last) return;
    }
  }

  /** Performs the current step's actions, visibly, then checks. */
  async showMe(): Promise<void> {
    const step = this.step;
    if (!step || this.showing) return;
    this.showing = true;
    this.problem = null;
    try {
      for (const action of step.showMe) {
        const problem = await this.#perform(action);
        if (problem) {
          this.problem = problem;
          break;
        }
        await this.#pause(250);
      }
      await this.check();
    } finally {
      this.showing = false;
    }
  }

  async #perform(action: ShowMeAction): Promise<string | null> {
    const { playground, terminal } = this.#deps;
    switch (action.kind) {
      case "edit": {
        await playground.flushEdits();
        const path = this.#path(action.file);
        if (!path) return "Show me needs the migration script, and there is none yet: do the step before this one first.";
        playground.openTab(path);
        await this.#pause(100);
        if (playground.replaceText(path, action.find, action.replace)) return null;
        return `Show me could not find this text in ${path}, which was changed by hand: ${action.find.trim().split("\n")[0]} — undo those changes (Ctrl+Z) or do this step yourself.`;
      }
      case "command": {
        for (let i = 1; i <= action.line.length; i++) {
          terminal.input = action.line.slice(0, i);
          await this.#pause(12);
        }
        await terminal.submit();
        return null;
      }
      case "sql":
        await this.#deps.runSql(action.sql);
        return null;
      case "press": {
        if (!(await this.#deps.press(action.button))) return `Show me could not find the button “${action.button}” on the page.`;
        // the click started a command: the next action waits for it, as a person would
        while (playground.busy) await new Promise((resolve) => setTimeout(resolve, 50));
        return null;
      }
    }
  }

  /** models.ts, or the newest migration script (the history lists the newest first). */
  #path(file: LessonFile): string | null {
    if (file === MODELS_FILE) return MODELS_FILE;
    return this.#deps.playground.snapshot?.history.revisions[0]?.file ?? null;
  }

  #setProgress(progress: LessonProgress | null): void {
    this.#deps.playground.lessonProgress = progress;
    this.#deps.library.autosave.changed();
  }

  #pause(ms: number): Promise<void> {
    return this.#deps.pause ? this.#deps.pause(ms) : new Promise((resolve) => setTimeout(resolve, ms));
  }
}
