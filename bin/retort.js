#!/usr/bin/env node
// `node bin/retort.js db <command> [options]`: runs the bundled CLI (dist-cli/retort.cjs, built
// from src/cli/main.ts by scripts/build-cli.js on `npm ci`), so that start-up loads no TypeScript.
// This file and the bundle are CommonJS (bin/package.json): Node starts a CommonJS entry without
// its ES module loader, and a classic script can start from V8's code cache (load-bundle.cjs).
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const bundle = join(__dirname, "../dist-cli/retort.cjs");
if (!existsSync(bundle)) {
  const root = join(__dirname, "..");
  process.stderr.write(`Retort's CLI is not built yet (${bundle} is missing). Run \`npm run build:cli\` (or \`npm ci\`) in ${root}, then try again.\n`);
  process.exit(1);
}
const { loadBundle } = require("./load-bundle.cjs");
const cli = loadBundle(bundle);
cli.exports.main(process.argv.slice(2), process.cwd()).then((code) => {
  process.exitCode = code;
  cli.saveCache();
});
