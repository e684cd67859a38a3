import { defineConfig } from "vitest/config";

// `npm run test:e2e`: the browser tests, against the built dist/ (vite build runs first).
// One file at a time: each starts its own Chromium, and the machine has 2 cores.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
