// The question the page asks before an upgrade or downgrade that would lose rows or fail on
// them: the planned run's warnings, and the person's answer. The dialog renders `question` and
// calls answer(); the playground waits for it before running anything.

import type { StepWarningView } from "./protocol";

/** run: as Alembic would. cancel: nothing runs. step: the step-through takes the run over. */
export type StepAnswer = "run" | "cancel" | "step";

export interface StepQuestion {
  readonly argv: readonly string[];
  readonly warnings: readonly StepWarningView[];
}

export class StepWarnings {
  question = $state.raw<StepQuestion | null>(null);
  #answer: ((answer: StepAnswer) => void) | null = null;

  /** Shows the warnings and waits for the answer; a question still open is cancelled first. */
  ask(argv: readonly string[], warnings: readonly StepWarningView[]): Promise<StepAnswer> {
    this.answer("cancel");
    this.question = { argv, warnings };
    return new Promise((resolve) => (this.#answer = resolve));
  }

  answer(answer: StepAnswer): void {
    const resolve = this.#answer;
    this.#answer = null;
    this.question = null;
    resolve?.(answer);
  }
}
