// What the CLI's reading of migration scripts keeps between runs, as Python keeps __pycache__:
// each script's parse result, in `__retortcache__/<script>.bin` beside the script. Cold, the
// parser runs in V8's interpreter and is most of a read-only command such as `db current`;
// a cached result is native deserialisation.
//
// An entry is only used for the very text it was made from, by the very build that made it:
// its key is a SHA-256 of the build's id and the script's text, so any edit (or a new Retort)
// misses. Its payload carries its own SHA-256, so a damaged entry is a miss too. Misses parse
// and write the entry again; a folder that cannot be written only means no cache.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { parseMigrationScript, type ParsedScriptResult } from "../engine/index";

export const CACHE_FOLDER = "__retortcache__";
const MAGIC = Buffer.from("RTC1");
const HASH_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 2 * HASH_BYTES;

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest();

/** Where the entry of a script (a path relative to the project) is kept. */
export function cachePath(projectDir: string, scriptPath: string): string {
  return join(projectDir, dirname(scriptPath), CACHE_FOLDER, `${basename(scriptPath)}.bin`);
}

function isParsedScriptResult(value: unknown): value is ParsedScriptResult {
  const v = value as { ok?: unknown; diagnostics?: unknown; script?: unknown } | null;
  return typeof v === "object" && v !== null && v.ok === true && Array.isArray(v.diagnostics) && typeof v.script === "object";
}

function readEntry(file: string, key: Buffer): ParsedScriptResult | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (!bytes.subarray(MAGIC.length, MAGIC.length + HASH_BYTES).equals(key)) return undefined;
  const payload = bytes.subarray(HEADER_BYTES);
  if (!sha256(payload).equals(bytes.subarray(MAGIC.length + HASH_BYTES, HEADER_BYTES))) return undefined;
  try {
    const value: unknown = deserialize(payload);
    return isParsedScriptResult(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, key: Buffer, result: ParsedScriptResult): void {
  const folder = dirname(file);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(folder, { recursive: true });
    // as pytest's cache folder: it tells git to leave it out, whatever the project's .gitignore says
    writeFileSync(join(folder, ".gitignore"), "# Retort's cache of parsed migration scripts (safe to delete)\n*\n", { flag: "wx" });
  } catch {
    // it exists already, or the folder cannot be written: then the write below fails too
  }
  try {
    const payload = serialize(result);
    writeFileSync(temp, Buffer.concat([MAGIC, key, sha256(payload), payload]));
    // a rename, so that a CLI run at the same time reads the old entry or the new one, never half
    renameSync(temp, file);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // nothing was written
    }
  }
}

/**
 * parseMigrationScript behind the cache of `projectDir`, for the build `buildId` (what makes
 * results differ: the parser's code and its dependencies). Only results without errors are
 * kept: a script with errors is parsed each time, and its diagnostics come fresh.
 */
export function cachedScriptParser(projectDir: string, buildId: string): (path: string, source: string) => ParsedScriptResult {
  return (path, source) => {
    const key = sha256(`${buildId}\0${source}`);
    const file = cachePath(projectDir, path);
    const cached = readEntry(file, key);
    if (cached) return cached;
    const result = parseMigrationScript(source);
    if (result.ok) writeEntry(file, key, result);
    return result;
  };
}
