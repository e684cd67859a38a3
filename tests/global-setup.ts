// Builds the CLI (bundle and SQLite extension) once, before any test file runs: the CLI, share
// and differential tests of both binding projects run `node bin/retort.js` side by side, and a
// build inside one of them would rewrite the files another one is loading.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

export default function setup(): void {
  const repo = resolve(__dirname, "..");
  const build = spawnSync(process.execPath, [join(repo, "scripts/build-cli.js")], { cwd: repo, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`node scripts/build-cli.js failed (exit ${build.status}):\n${build.stderr}`);
}
