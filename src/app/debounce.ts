// Debounce with an explicit flush: recomputation waits for a pause in typing (STYLE.md: about
// 150–300 ms), and a command that must see the latest text (generate, upgrade) flushes first.

export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Runs the waiting call now, if any, and returns its result. */
  flush(): Promise<void>;
  cancel(): void;
}

export function debounce<A extends unknown[]>(fn: (...args: A) => Promise<void> | void, waitMs: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: A | undefined;
  const run = async () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const args = waiting;
    waiting = undefined;
    if (args) await fn(...args);
  };
  const debounced = ((...args: A) => {
    waiting = args;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void run(), waitMs);
  }) as Debounced<A>;
  debounced.flush = run;
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    waiting = undefined;
  };
  return debounced;
}
