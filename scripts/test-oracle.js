// `npm run test:oracle`: records the oracle afresh with the real Flask-Migrate / Alembic into a
// temp folder, runs the property tests that ask the live oracle, and fails when any recording
// differs from the committed one (or one is committed that nothing records any more). So a
// recording can neither go stale nor be edited by hand: `npm test` compares Retort with exactly
// what the real tool does today.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url));
// Folders that hold nothing but the oracle's recordings: a file there that no recorder wrote is stale.
const OWNED = ["tests/differential/fixtures", "tests/engine/revisions/fixtures", "tests/engine/commands/fixtures"];

function filesUnder(root, folder) {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

function recordedFiles(out) {
  return filesUnder(out, ".").sort();
}

/** The first lines of a diff between the committed recording and the fresh one. */
function diffOf(committed, fresh) {
  const diff = spawnSync("git", ["diff", "--no-index", "--no-color", "-U2", "--", committed, fresh], { encoding: "utf8" });
  const lines = diff.stdout.split("\n");
  return lines.slice(0, 40).join("\n") + (lines.length > 40 ? `\n… (${lines.length - 40} more lines)` : "");
}

const out = mkdtempSync(join(tmpdir(), "retort-oracle-out-"));
const started = Date.now();
const run = spawnSync(process.execPath, [join(repo, "node_modules/vitest/vitest.mjs"), "run", "--config", "vitest.oracle.config.ts"], {
  cwd: repo,
  stdio: "inherit",
  env: { ...process.env, RETORT_ORACLE_OUT: out },
});
if (run.status !== 0) {
  console.error(`\nnpm run test:oracle: the oracle's tests failed (exit ${run.status ?? run.signal}); the partial recordings are in ${out}.`);
  process.exit(1);
}

const problems = [];
const fresh = recordedFiles(out);
for (const file of fresh) {
  const committed = join(repo, file);
  if (!existsSync(committed)) {
    problems.push(`${file} is not committed: the oracle recorded it now.`);
  } else if (!readFileSync(committed).equals(readFileSync(join(out, file)))) {
    problems.push(`${file} differs from what the real tool answers now:\n${diffOf(committed, join(out, file))}`);
  }
}
const recorded = new Set(fresh);
for (const file of OWNED.flatMap((folder) => filesUnder(repo, folder))) {
  if (!recorded.has(file)) problems.push(`${file} is committed, but no recorder writes it any more (a renamed or removed scenario?).`);
}

const seconds = Math.round((Date.now() - started) / 1000);
if (problems.length > 0) {
  console.error(`\nnpm run test:oracle: ${problems.length} of the oracle's recordings differ from the committed ones.\n`);
  for (const p of problems) console.error(`- ${p}\n`);
  console.error(
    "A recording is what the real Flask-Migrate / Alembic did: never edit one by hand. If the change is " +
      `intended (a new or changed scenario), run \`npm run oracle:record\` and commit the result. Fresh recordings: ${out}`,
  );
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
console.log(`npm run test:oracle: all ${fresh.length} recordings are the ones committed (${seconds} s).`);
