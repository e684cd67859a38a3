import { defineConfig } from "vitest/config";

// `npm test`: everything that runs without a browser (unit, property, differential, architecture).
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    benchmark: { include: ["tests/bench/**/*.bench.ts"] },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
