// The CLI's cache of parsed migration scripts (src/cli/script-cache.ts): a hit gives exactly what
// the parser gives; an edit, another build, a damaged entry or an unwritable folder never gives
// anything else; and through the bundled CLI, an edited script is read as edited.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { serialize } from "node:v8";
import { describe, expect, test } from "vitest";
import { cachedScriptParser, cachePath, CACHE_FOLDER } from "../../src/cli/script-cache";
import { readProject } from "../../src/cli/project";
import { parseMigrationScript, renderMigrationScript, type ParsedScriptResult } from "../../src/engine/index";
import { tutorialModels } from "../engine/commands/helpers";

const BIN = resolve(__dirname, "../../bin/retort.js");
const SCRIPT = "migrations/versions/abc_first.ts";

const source = (revision = "0123456789ab", message = "first") =>
  renderMigrationScript({ message, revision, downRevision: null, branchLabels: null, dependsOn: null, createDate: new Date(2026, 0, 1), upgradeOps: [], downgradeOps: [] });

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "retort-cache-"));
  mkdirSync(join(dir, "migrations/versions"), { recursive: true });
  return dir;
}

/** An entry written as the cache writes one, holding `result` (a test's own, to see where a result came from). */
function plantEntry(dir: string, buildId: string, text: string, result: ParsedScriptResult): void {
  const payload = serialize(result);
  const sha = (data: string | Uint8Array) => createHash("sha256").update(data).digest();
  mkdirSync(dirname(cachePath(dir, SCRIPT)), { recursive: true });
  writeFileSync(cachePath(dir, SCRIPT), Buffer.concat([Buffer.from("RTC1"), sha(`${buildId}\0${text}`), sha(payload), payload]));
}

const planted = (text: string): ParsedScriptResult => {
  const fresh = parseMigrationScript(text);
  if (!fresh.ok) throw new Error("the test's script must parse");
  return { ...fresh, script: { ...fresh.script, message: "from the cache" } };
};

describe("the script cache", () => {
  test("a miss parses and keeps the result; a hit gives the same result, from the entry", () => {
    const dir = project();
    const parse = cachedScriptParser(dir, "build-1");
    const text = source();
    expect(parse(SCRIPT, text)).toStrictEqual(parseMigrationScript(text));
    expect(existsSync(cachePath(dir, SCRIPT))).toBe(true);
    expect(parse(SCRIPT, text)).toStrictEqual(parseMigrationScript(text));
    // the entry is what is read: a planted one (same key) is what comes back
    plantEntry(dir, "build-1", text, planted(text));
    expect(parse(SCRIPT, text)).toStrictEqual(planted(text));
    expect(readFileSync(join(dir, "migrations/versions", CACHE_FOLDER, ".gitignore"), "utf8")).toMatch(/^\*$/m);
  });

  test("an edited script is never given the old result, and its entry is replaced", () => {
    const dir = project();
    const parse = cachedScriptParser(dir, "build-1");
    const before = source("0123456789ab");
    plantEntry(dir, "build-1", before, planted(before));
    const after = source("0123456789ac");
    expect(parse(SCRIPT, after)).toStrictEqual(parseMigrationScript(after));
    expect(parse(SCRIPT, before)).toStrictEqual(parseMigrationScript(before));
  });

  test("another build's entry is not used", () => {
    const dir = project();
    const text = source();
    plantEntry(dir, "build-1", text, planted(text));
    expect(cachedScriptParser(dir, "build-2")(SCRIPT, text)).toStrictEqual(parseMigrationScript(text));
  });

  test.each<[string, (bytes: Buffer) => Buffer]>([
    // a change that still deserialises: only the payload's own hash tells
    ["a changed letter in the payload", (b) => Buffer.from(b.toString("latin1").replace("from the cache", "from the cachE"), "latin1")],
    ["a cut file", (b) => b.subarray(0, Math.floor(b.length / 2))],
    ["an empty file", () => Buffer.alloc(0)],
    ["text", () => Buffer.from("not an entry at all, but long enough to hold a header of sixty-eight bytes, or more")],
  ])("an entry with %s is ignored and written again", (_what, damage) => {
    const dir = project();
    const parse = cachedScriptParser(dir, "build-1");
    const text = source();
    plantEntry(dir, "build-1", text, planted(text));
    const damaged = damage(readFileSync(cachePath(dir, SCRIPT)));
    writeFileSync(cachePath(dir, SCRIPT), damaged);
    expect(parse(SCRIPT, text)).toStrictEqual(parseMigrationScript(text));
    const rewritten = readFileSync(cachePath(dir, SCRIPT));
    expect(rewritten.equals(damaged)).toBe(false);
    expect(rewritten.subarray(0, 4).toString()).toBe("RTC1");
  });

  test("a cache folder that cannot be written only means no cache", () => {
    const dir = project();
    // a file where the folder would go: mkdir fails as it does in a read-only project
    writeFileSync(join(dir, "migrations/versions", CACHE_FOLDER), "in the way");
    const text = source();
    expect(cachedScriptParser(dir, "build-1")(SCRIPT, text)).toStrictEqual(parseMigrationScript(text));
    expect(readdirSync(join(dir, "migrations/versions"))).toEqual([CACHE_FOLDER]);
  });

  test("a script with errors is not kept: its diagnostics come fresh each time", () => {
    const dir = project();
    const broken = source().replace("export const revision", "export const revisio");
    const result = cachedScriptParser(dir, "build-1")(SCRIPT, broken);
    expect(result.ok).toBe(false);
    expect(result).toStrictEqual(parseMigrationScript(broken));
    expect(existsSync(cachePath(dir, SCRIPT))).toBe(false);
  });

  test("the project reader leaves the cache out, so share, export and the workspace never see it", () => {
    const dir = project();
    writeFileSync(join(dir, SCRIPT), source());
    cachedScriptParser(dir, "build-1")(SCRIPT, source());
    expect(Object.keys(readProject(dir, "migrations").files)).toEqual([SCRIPT]);
  });
});

describe("the script cache in the bundled CLI", () => {
  const retort = (cwd: string, ...argv: string[]) => spawnSync(process.execPath, [BIN, "db", ...argv], { cwd, encoding: "utf8" });

  test("db history shows a script as edited, between runs that use the cache", () => {
    const dir = mkdtempSync(join(tmpdir(), "retort-cache-cli-"));
    writeFileSync(join(dir, "models.ts"), tutorialModels());
    retort(dir, "init");
    retort(dir, "migrate", "-m", "initial", "--rev-id", "0123456789ab");
    const script = join(dir, "migrations/versions/0123456789ab_initial.ts");
    expect(retort(dir, "history").stdout).toBe("<base> -> 0123456789ab (head), initial\n");
    expect(existsSync(join(dir, "migrations/versions", CACHE_FOLDER, "0123456789ab_initial.ts.bin"))).toBe(true);
    writeFileSync(script, readFileSync(script, "utf8").replace(" * initial", " * edited by hand"));
    expect(retort(dir, "history").stdout).toBe("<base> -> 0123456789ab (head), edited by hand\n");
    expect(retort(dir, "history").stdout).toBe("<base> -> 0123456789ab (head), edited by hand\n");
  });
});
