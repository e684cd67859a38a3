import { defineConfig } from "vitest/config";
import { chooseBindingProjects, probeNativeBinding } from "./tests/native-binding.ts";

// `npm test`: everything that runs without a browser (unit, property, differential, architecture),
// on each SQLite binding Retort ships. sql.js (the browser's, and the CLI's fallback) runs it all;
// the CLI's native binding (better-sqlite3) runs every test that touches SQLite: the engine's
// through tests/binding.ts, the CLI's and the differential suite's through RETORT_SQLITE.
// Without a built better-sqlite3 only sql.js runs, and one line says so (tests/native-binding.ts).
const SQLITE_TESTS = ["tests/engine/**/*.test.ts", "tests/property/**/*.test.ts", "tests/cli/**/*.test.ts", "tests/differential/**/*.test.ts"];

// About the native binding itself: they run in its project, and not at all where it is not built.
const NATIVE_ONLY = ["tests/cli/database-file.test.ts", "tests/cli/startup.test.ts"];

// Shared by both projects. They do not `extends: true` the root: that would also inherit its
// globalSetup, which builds the CLI and must run once, before both.
const common = { exclude: ["tests/e2e/**", "node_modules/**"], setupFiles: ["tests/property-seed.ts"], testTimeout: 60_000, hookTimeout: 120_000 };

const choice = chooseBindingProjects(probeNativeBinding(), process.env);
if (choice.notice) console.warn(choice.notice);

const projects = {
  sqljs: {
    test: {
      ...common,
      name: "sqljs",
      include: ["tests/**/*.test.ts"],
      exclude: [...common.exclude, ...NATIVE_ONLY],
      env: { RETORT_TEST_BINDING: "sqljs", RETORT_SQLITE: "sqljs" },
    },
  },
  native: {
    test: {
      ...common,
      name: "native",
      include: SQLITE_TESTS,
      // sqljs.test.ts is about sql.js itself
      exclude: [...common.exclude, "tests/engine/db/sqljs.test.ts"],
      env: { RETORT_TEST_BINDING: "native", RETORT_SQLITE: "native" },
    },
  },
};

export default defineConfig({
  test: {
    globalSetup: ["tests/global-setup.ts"],
    projects: choice.projects.map((name) => projects[name]),
  },
});
