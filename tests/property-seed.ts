// The property tests (fast-check) draw their cases from one seed per commit, taken from its hash:
// a run of `npm test` on a commit, here or in CI on a fresh clone, sees exactly the cases the
// other sees, and each new commit explores new ones. A failure prints its seed and path as
// always; RETORT_FC_SEED=<n> replays a seed on any commit.
import { execFileSync } from "node:child_process";
import fc from "fast-check";

function commitSeed(): number | undefined {
  try {
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: __dirname, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return Number.parseInt(head.trim().slice(0, 8), 16) | 0;
  } catch {
    // no git (a tarball of the sources): fast-check picks a seed per run, and prints it on failure
    return undefined;
  }
}

const given = process.env.RETORT_FC_SEED;
if (given !== undefined && given !== "" && !Number.isInteger(Number(given))) {
  throw new Error(`RETORT_FC_SEED must be an integer (the seed a failing property printed), not "${given}".`);
}
const seed = given !== undefined && given !== "" ? Number(given) : commitSeed();
if (seed !== undefined) fc.configureGlobal({ seed });
