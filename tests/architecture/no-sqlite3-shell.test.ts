// A fresh Debian or Ubuntu machine has no `sqlite3` shell, so no test or script may start one: they
// read and write SQLite files through the project's own bindings (tests/sqlite-file.ts, sql.js, or
// better-sqlite3). This reads every test and script for a process started on "sqlite3".
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = resolve(__dirname, "../..");
const SCANNED = ["tests", "scripts", "bin"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "fixtures" || name === "screenshots") return [];
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ts|js|mjs|cjs|sh)$/.test(name) ? [path] : [];
  });
}

// spawn/exec/execFile(Sync)("sqlite3", …) or a template literal, and a shell line starting with sqlite3
const NODE_CALL = /\b(?:spawn|spawnSync|exec|execSync|execFile|execFileSync|fork)\s*\(\s*["'`](?:[^"'`]*\/)?sqlite3(?:\s[^"'`]*)?["'`]/;
const SHELL_LINE = /^\s*(?:\S+=\S+\s+)*(?:\/usr\/bin\/)?sqlite3\s/m;

function startsSqliteShell(path: string, text: string): boolean {
  return NODE_CALL.test(text) || (path.endsWith(".sh") && SHELL_LINE.test(text));
}

describe("no sqlite3 shell", () => {
  test("the detector finds the calls it is meant to find, and not the bindings", () => {
    expect(startsSqliteShell("a.ts", `spawnSync("sqlite3", [file, ".dump"])`)).toBe(true);
    expect(startsSqliteShell("a.ts", `execFileSync('/usr/bin/sqlite3', [file])`)).toBe(true);
    expect(startsSqliteShell("a.ts", "execSync(`sqlite3 ${file} .dump`)")).toBe(true);
    expect(startsSqliteShell("a.sh", "sqlite3 app.db .schema\n")).toBe(true);
    expect(startsSqliteShell("a.ts", `import Database from "better-sqlite3";`)).toBe(false);
    expect(startsSqliteShell("a.ts", `spawnSync("python3", ["-c", "import sqlite3"])`)).toBe(false);
  });

  test("no test or script starts the sqlite3 shell", () => {
    const offenders = SCANNED.flatMap((dir) => filesUnder(join(ROOT, dir)))
      // this file holds such calls as examples for the detector
      .filter((path) => path !== __filename)
      .filter((path) => startsSqliteShell(path, readFileSync(path, "utf8")))
      .map((path) => relative(ROOT, path));
    expect(offenders, "Read SQLite files with tests/sqlite-file.ts (sql.js) instead of the sqlite3 shell").toEqual([]);
  });
});
