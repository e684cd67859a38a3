import { defineConfig } from "vitest/config";

// `npm run test:e2e`: the browser tests, against the built dist/ (vite build runs first).
// One file at a time: each starts its own Chromium, and the machine has 2 cores.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A browser on a busy 2-core CI machine can take seconds to render or to write IndexedDB:
    // polled expectations wait for what a person would wait for, instead of vitest's 1 s default.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
