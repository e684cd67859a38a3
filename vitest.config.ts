import { defineConfig } from "vitest/config";

// `npm test`: everything that runs without a browser (unit, property, differential, architecture),
// on each SQLite binding Retort ships. sql.js (the browser's, and the CLI's fallback) runs it all;
// the CLI's native binding (better-sqlite3) runs every test that touches SQLite: the engine's
// through tests/binding.ts, the CLI's and the differential suite's through RETORT_SQLITE.
const SQLITE_TESTS = ["tests/engine/**/*.test.ts", "tests/property/**/*.test.ts", "tests/cli/**/*.test.ts", "tests/differential/**/*.test.ts"];

// Shared by both projects. They do not `extends: true` the root: that would also inherit its
// globalSetup, which builds the CLI and must run once, before both.
const common = { exclude: ["tests/e2e/**", "node_modules/**"], setupFiles: ["tests/property-seed.ts"], testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    globalSetup: ["tests/global-setup.ts"],
    projects: [
      { test: { ...common, name: "sqljs", include: ["tests/**/*.test.ts"], env: { RETORT_TEST_BINDING: "sqljs", RETORT_SQLITE: "sqljs" } } },
      {
        test: {
          ...common,
          name: "native",
          include: SQLITE_TESTS,
          // sqljs.test.ts is about sql.js itself
          exclude: [...common.exclude, "tests/engine/db/sqljs.test.ts"],
          env: { RETORT_TEST_BINDING: "native", RETORT_SQLITE: "native" },
        },
      },
    ],
  },
});
