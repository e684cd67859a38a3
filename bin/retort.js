#!/usr/bin/env node
// `node bin/retort.js db <command> [options]`: runs the bundled CLI (dist-cli/retort.mjs, built
// from src/cli/main.ts by scripts/build-cli.js on `npm ci`), so that start-up loads no TypeScript.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bundle = new URL("../dist-cli/retort.mjs", import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  process.stderr.write(`Retort's CLI is not built yet (${fileURLToPath(bundle)} is missing). Run \`npm run build:cli\` (or \`npm ci\`) in ${root}, then try again.\n`);
  process.exit(1);
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2), process.cwd());
