// Which SQLite the CLI runs on: the native binding when it loads and passes its checks, sql.js
// when asked (or when the native one is missing), and a clear error for a binding asked for by
// a name that does not exist or cannot load.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { chooseBinding } from "../../src/cli/main";
import { loadNativeSqlite } from "../../src/cli/native/sqlite-native";

const BIN = resolve(__dirname, "../../bin/retort.js");

describe("the CLI's SQLite binding", () => {
  test("retort --help names the variable and its values", () => {
    const help = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
    expect(help.stdout).toContain("RETORT_SQLITE=native|sqljs");
  });

  test("native by default (npm ci builds it), sql.js when RETORT_SQLITE=sqljs or when it is not built", () => {
    const native = loadNativeSqlite();
    expect(chooseBinding({})).toMatchObject({ name: native.ok ? "native" : "sqljs" });
    expect(chooseBinding({ RETORT_SQLITE: "native" })).toMatchObject(native.ok ? { name: "native" } : { error: `RETORT_SQLITE=native, but ${native.reason}.` });
    expect(chooseBinding({ RETORT_SQLITE: "sqljs" })).toMatchObject({ name: "sqljs" });
  });

  test("an unknown binding is refused with the names that work, before anything is read or written", () => {
    expect(chooseBinding({ RETORT_SQLITE: "postgres" })).toEqual({ error: "RETORT_SQLITE=postgres is not a binding: use RETORT_SQLITE=native or RETORT_SQLITE=sqljs." });
    const dir = mkdtempSync(join(tmpdir(), "retort-binding-"));
    const r = spawnSync(process.execPath, [BIN, "db", "init"], { cwd: dir, encoding: "utf8", env: { ...process.env, RETORT_SQLITE: "postgres" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("Error: RETORT_SQLITE=postgres is not a binding: use RETORT_SQLITE=native or RETORT_SQLITE=sqljs.\n");
    expect(spawnSync("ls", ["-A", dir], { encoding: "utf8" }).stdout).toBe("");
    const help = spawnSync(process.execPath, [BIN, "db", "upgrade", "--help"], { cwd: dir, encoding: "utf8", env: { ...process.env, RETORT_SQLITE: "postgres" } });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: retort db upgrade");
  });
});
