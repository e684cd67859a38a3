// What the bundled CLI loads at start-up: Babel (the parser of last resort for models.ts and for
// migration scripts) and sql.js (the fallback binding) only on the first command that needs
// them (scripts/build-cli.js), so that `retort --help`, `db migrate` on valid models and
// `db current` on rendered scripts skip them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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
  test("help, a migrate on valid models and reading a rendered script load neither Babel nor sql.js", () => {
    const dir = mkdtempSync(join(tmpdir(), "retort-startup-"));
    writeFileSync(join(dir, "models.ts"), tutorialModels());
    expect(loadedAfter(dir, ["--help"], { RETORT_SQLITE: "native" })).toEqual([]);
    spawnSync(process.execPath, [BIN, "db", "init"], { cwd: dir });
    expect(loadedAfter(dir, ["db", "migrate", "-m", "initial"], { RETORT_SQLITE: "native" })).toEqual([]);
    // the script cache would also spare Babel: these runs parse the script each time
    const noCache = { RETORT_SCRIPT_CACHE: "off" };
    expect(loadedAfter(dir, ["db", "current"], { RETORT_SQLITE: "native", ...noCache })).toEqual([]);
    expect(loadedAfter(dir, ["db", "current"], { RETORT_SQLITE: "sqljs", ...noCache })).toEqual(["sql.js"]);
    // a script the fast parser leaves to Babel (a type annotation) loads it
    const versions = join(dir, "migrations/versions");
    const script = join(versions, readdirSync(versions).find((f) => f.endsWith(".ts"))!);
    writeFileSync(script, readFileSync(script, "utf8").replace("(batchOp) =>", "(batchOp: unknown) =>").replace("export function upgrade() {", "export function upgrade(): void {"));
    expect(loadedAfter(dir, ["db", "current"], { RETORT_SQLITE: "native", ...noCache })).toEqual(["@babel/parser"]);
  });
});
