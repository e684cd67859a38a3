import { defineConfig } from "vitest/config";

// `npm test`: everything that runs without a browser (unit, property, differential, architecture),
// on each SQLite binding Retort ships. sql.js (the browser's, and the CLI's fallback) runs it all;
// the CLI's native binding (better-sqlite3) runs every test that touches SQLite: the engine's
// through tests/binding.ts, the CLI's and the differential suite's through RETORT_SQLITE.
const SQLITE_TESTS = ["tests/engine/**/*.test.ts", "tests/property/**/*.test.ts", "tests/cli/**/*.test.ts", "tests/differential/**/*.test.ts"];

export default defineConfig({
  test: {
    exclude: ["tests/e2e/**", "node_modules/**"],
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: "sqljs", include: ["tests/**/*.test.ts"], env: { RETORT_TEST_BINDING: "sqljs", RETORT_SQLITE: "sqljs" } },
      },
      {
        extends: true,
        // sqljs.test.ts is about sql.js itself
        test: { name: "native", include: SQLITE_TESTS, exclude: ["tests/engine/db/sqljs.test.ts"], env: { RETORT_TEST_BINDING: "native", RETORT_SQLITE: "native" } },
      },
    ],
  },
});
