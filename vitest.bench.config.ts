import { defineConfig } from "vitest/config";

// `npm run bench`: the benchmarks, once (not once per binding project of vitest.config.ts: the
// bench itself times each binding, one after the other, so that runs never share the 2 cores).
export default defineConfig({
  test: {
    benchmark: { include: ["tests/bench/**/*.bench.ts"] },
    hookTimeout: 600_000,
  },
});
