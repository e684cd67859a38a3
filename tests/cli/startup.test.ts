// What the bundled CLI loads at start-up: Babel (the parser of last resort for models.ts and for
// migration scripts) and sql.js (the fallback binding) only on the first command that needs
// them (scripts/build-cli.js), so that `retort --help`, `db migrate` on valid models and
// `db current` on rendered scripts skip them.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { tutorialModels } from "../engine/commands/helpers";

const BUNDLE = resolve(__dirname, "../../dist-cli/retort.mjs");
const BIN = resolve(__dirname, "../../bin/retort.js");
const REPO = resolve(__dirname, "../..");

/** Whether V8 takes the code cache that scripts/build-cli.js made for the bundle, as bin/retort.js loads it. */
function codeCacheAccepted(repo: string): boolean {
  const probe = `const { loadBundle } = require(${JSON.stringify(join(repo, "bin/load-bundle.cjs"))});
    console.log(JSON.stringify(loadBundle(${JSON.stringify(join(repo, "dist-cli/retort.cjs"))}).cacheAccepted));`;
  const r = spawnSync(process.execPath, ["-e", probe], { encoding: "utf8" });
  return JSON.parse(r.stdout) as boolean;
}

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

/** A copy of the CLI (bin and bundle) whose cache can be spoilt without touching the one other tests run. */
function copyOfCli(): string {
  const copy = mkdtempSync(join(tmpdir(), "retort-code-cache-"));
  mkdirSync(join(copy, "bin"));
  mkdirSync(join(copy, "dist-cli"));
  for (const f of ["bin/retort.js", "bin/load-bundle.cjs", "bin/package.json", "dist-cli/retort.cjs", "dist-cli/retort.cjs.cache"]) copyFileSync(join(REPO, f), join(copy, f));
  return copy;
}

describe("the bundled CLI's code cache", () => {
  test("the build makes one that V8 takes for the bundle", () => {
    expect(codeCacheAccepted(REPO)).toBe(true);
  });

  test("a cache V8 rejects changes nothing the CLI prints, and is replaced by a good one", () => {
    const copy = copyOfCli();
    const spoilt = Buffer.from("not a code cache, but bytes of something else entirely");
    writeFileSync(join(copy, "dist-cli/retort.cjs.cache"), spoilt);
    const expected = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
    const r = spawnSync(process.execPath, [join(copy, "bin/retort.js"), "--help"], { encoding: "utf8" });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: expected.stdout, stderr: "" });
    expect(readFileSync(join(copy, "dist-cli/retort.cjs.cache")).equals(spoilt)).toBe(false);
    expect(codeCacheAccepted(copy)).toBe(true);
  });

  test("a cache made from another bundle of the same length is not used: the CLI runs the bundle it has", () => {
    // V8 itself checks only the source's length: a one-letter edit would run the old bytecode
    const copy = copyOfCli();
    const bundle = join(copy, "dist-cli/retort.cjs");
    const text = readFileSync(bundle, "utf8");
    expect(text).toContain("Usage: retort db <command>");
    writeFileSync(bundle, text.replace("Usage: retort db <command>", "Usage: retort DB <command>"));
    const r = spawnSync(process.execPath, [join(copy, "bin/retort.js"), "--help"], { encoding: "utf8" });
    expect(r.stdout.split("\n")[0]).toBe("Usage: retort DB <command> [options]");
    expect(codeCacheAccepted(copy)).toBe(true);
  });
});
