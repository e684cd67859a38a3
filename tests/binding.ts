// The SQLite binding the engine's tests run on. `npm test` runs them on both bindings the
// project ships (vitest.config.ts): sql.js, the browser's and the default, and the CLI's native
// better-sqlite3. RETORT_TEST_BINDING=native|sqljs chooses; a native binding that cannot load
// fails every test that uses it instead of quietly testing sql.js twice.
import type { OpenDatabase } from "../src/engine/index";
import { openSqlJs } from "../src/engine/db/sqljs";
import { loadNativeSqlite } from "../src/cli/native/sqlite-native";

export type BindingName = "sqljs" | "native";

export const TEST_BINDING: BindingName = process.env["RETORT_TEST_BINDING"] === "native" ? "native" : "sqljs";

function nativeOpen(): OpenDatabase {
  const native = loadNativeSqlite();
  if (!native.ok) throw new Error(`RETORT_TEST_BINDING=native, but ${native.reason}. Run \`npm ci\` (it builds better-sqlite3 and the extension) and try again.`);
  return native.open;
}

export const openTestDatabase: OpenDatabase = TEST_BINDING === "native" ? nativeOpen() : openSqlJs;
