// Loads the bundled CLI (dist-cli/retort.cjs) as a classic script with V8's code cache
// (dist-cli/retort.cjs.cache, made by scripts/build-cli.js from a run of the main commands): the
// functions a command runs start from their cached bytecode instead of being parsed and compiled
// at every start. V8 checks that a cache belongs to this source, V8 version and flags, and
// compiles as usual when it does not; a rejected cache is then replaced from this run.
"use strict";
const { readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname } = require("node:path");
const { Script } = require("node:vm");

function readCache(path) {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Writes the cache of `script` as it stands (every function compiled so far), or nothing. */
function writeCache(script, path) {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, script.createCachedData());
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
 * V8 rejected it (or always, with `{ force: true }`, after a training run).
 */
function loadBundle(file, cachePath = `${file}.cache`) {
  const cachedData = readCache(cachePath);
  // Module.wrap: the same function wrapper as require(), so that the bundle sees require and __filename
  const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dirname(file));
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  return {
    exports: module.exports,
    cacheAccepted: !stale,
    saveCache: ({ force = false } = {}) => (force || stale ? writeCache(script, cachePath) : false),
  };
}

module.exports = { loadBundle };
