// Loads the bundled CLI (dist-cli/retort.cjs) as a classic script with V8's code cache
// (dist-cli/retort.cjs.cache, made by scripts/build-cli.js from a run of the main commands): the
// functions a command runs start from their cached bytecode instead of being parsed and compiled
// at every start. V8 rejects a cache made by another V8 version or with other flags, but of the
// source it checks only the length: so the cache starts with a SHA-256 of the exact source it was
// made from, and any other is not used. A missing or rejected cache is replaced from this run.
"use strict";
const { createHash } = require("node:crypto");
const { readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname } = require("node:path");
const { Script } = require("node:vm");

const HASH_BYTES = 32;
const sha256 = (bytes) => createHash("sha256").update(bytes).digest();

/** The V8 data of the cache at `path`, if it was made from the source `hash` is of. */
function readCache(path, hash) {
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  if (bytes.length <= HASH_BYTES || !bytes.subarray(0, HASH_BYTES).equals(hash)) return undefined;
  return bytes.subarray(HASH_BYTES);
}

/** Writes the cache of `script` (made from the source `hash` is of) as it stands: every function compiled so far. */
function writeCache(script, hash, path) {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, Buffer.concat([hash, script.createCachedData()]));
    // a rename, so that a CLI starting meanwhile reads the old cache or the new one, never half
    renameSync(temp, path);
    return true;
  } catch {
    // dist-cli/ is read-only (an installed package): the CLI runs the same without the cache
    try {
      rmSync(temp, { force: true });
    } catch {
      // nothing was written
    }
    return false;
  }
}

/**
 * The bundle's exports, and `saveCache()`, which writes the code cache when there was none or
 * it was not used (or always, with `{ force: true }`, after a training run).
 */
function loadBundle(file, cachePath = `${file}.cache`) {
  const bytes = readFileSync(file);
  const hash = sha256(bytes);
  const source = bytes.toString("utf8");
  const cachedData = readCache(cachePath, hash);
  // Module.wrap: the same function wrapper as require(), so that the bundle sees require and __filename
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dirname(file));
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  // one for this source written meanwhile (by the build's training run) covers more than this run
  const writtenMeanwhile = () => cachedData === undefined && readCache(cachePath, hash) !== undefined;
  return {
    exports: module.exports,
    cacheAccepted: !stale,
    saveCache: ({ force = false } = {}) => (force || (stale && !writtenMeanwhile()) ? writeCache(script, hash, cachePath) : false),
  };
}

module.exports = { loadBundle };
