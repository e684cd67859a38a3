// What the bundled CLI loads at start-up: Babel (the models parser of last resort and the parser
// of migration scripts) and sql.js (the fallback binding) only on the first command that needs
// them (scripts/build-cli.js), so that `retort --help` or `db migrate` on valid models skips them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { tutorialModels } from "../engine/commands/helpers";

const BUNDLE = resolve(__dirname, "../../dist-cli/retort.mjs");
const BIN = resolve(__dirname, "../../bin/retort.js");

/** Runs `argv` through the bundle in `cwd` and lists which of the lazy modules got loaded. */
function loadedAfter(cwd: string, argv: string[], env: Record<string, string> = {}): string[] {
  const probe = `
    const { createRequire } = await import("node:module");
    const { main } = await import(${JSON.stringify(BUNDLE)});
    await main(${JSON.stringify(argv)}, process.cwd());
    const cache = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(["@babel/parser", "sql.js"].filter((m) => cache.some((k) => k.includes("/node_modules/" + m + "/")))));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", probe], { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as string[];
}

describe("start-up of the bundled CLI", () => {
  test("help and a migrate on valid models load neither Babel nor sql.js; reading a script loads Babel", () => {
    const dir = mkdtempSync(join(tmpdir(), "retort-startup-"));
    writeFileSync(join(dir, "models.ts"), tutorialModels());
    expect(loadedAfter(dir, ["--help"], { RETORT_SQLITE: "native" })).toEqual([]);
    spawnSync(process.execPath, [BIN, "db", "init"], { cwd: dir });
    expect(loadedAfter(dir, ["db", "migrate", "-m", "initial"], { RETORT_SQLITE: "native" })).toEqual([]);
    expect(loadedAfter(dir, ["db", "current"], { RETORT_SQLITE: "native" })).toEqual(["@babel/parser"]);
    expect(loadedAfter(dir, ["db", "current"], { RETORT_SQLITE: "sqljs" })).toEqual(["@babel/parser", "sql.js"]);
  });
});
