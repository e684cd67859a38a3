// A lesson is content (STYLE.md: "Lessons are content"): a file of text, a start state and, for
// each step, the checks that say it is done and the actions "Show me" performs. Plain data only:
// the checks are read by the engine (src/engine/lessons), the actions run by src/app/lessons.svelte.ts.

import type { LessonCheck } from "../engine/index";

export type { LessonCheck };

/** "models.ts", or the newest migration script (its name holds a random revision id). */
export type LessonFile = "models.ts" | "newest script";

export type ShowMeAction =
  /** Replaces `find` (exact text) in the file, as an edit in the editor: Ctrl+Z undoes it. */
  | { readonly kind: "edit"; readonly file: LessonFile; readonly find: string; readonly replace: string }
  /** Typed into the terminal, then run. */
  | { readonly kind: "command"; readonly line: string }
  /** Run in the SQL console. */
  | { readonly kind: "sql"; readonly sql: string }
  /** Clicks the button whose accessible name is this, or starts with it. */
  | { readonly kind: "press"; readonly button: string };

export interface LessonStep {
  readonly title: string;
  /** Short paragraphs; `code` spans in backticks. */
  readonly text: readonly string[];
  readonly checks: readonly LessonCheck[];
  readonly showMe: readonly ShowMeAction[];
}

export interface LessonStart {
  readonly models: string;
  /** `db` commands (argv after `db`) run in order on a fresh playground, after `init`. */
  readonly commands: readonly (readonly string[])[];
  /** SQL run after the commands: the rows the lesson starts with. */
  readonly sql: readonly string[];
}

export interface Lesson {
  /** Stable: progress is kept under it. */
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly summary: string;
  /** The tutorial it is written from (shared/seeds). */
  readonly tutorial: string;
  readonly start: LessonStart;
  readonly steps: readonly LessonStep[];
}
