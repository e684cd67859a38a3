// The oracle's recordings: what the real Flask-Migrate / Alembic did, committed as JSON files so
// that `npm test` compares Retort with them and needs no Python. `npm run oracle:record` writes
// them by running the real tool; `npm run test:oracle` records them afresh into a temp folder
// (RETORT_ORACLE_OUT) and fails when any differs from the committed one (scripts/test-oracle.js).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export const REPO = resolve(__dirname, "../..");

/** Where recordings go: the repository, or the temp folder `npm run test:oracle` compares from. */
export function recordingRoot(env: NodeJS.ProcessEnv = process.env): string {
  const out = env["RETORT_ORACLE_OUT"];
  return out ? resolve(out) : REPO;
}

const WIDTH = 100;

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, sortedKeys(v)]));
  }
  return value;
}

function format(value: unknown, indent: string): string {
  const compact = JSON.stringify(value);
  if (value === null || typeof value !== "object" || indent.length + compact.length <= WIDTH) return compact;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + format(v, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(",\n")}\n${indent}}`;
}

/**
 * The text of a recording: keys sorted, one short value a line, long ones spread out, so that
 * two recordings of the same observations are the same bytes and a diff shows what changed.
 */
export function fixtureText(value: unknown): string {
  return `${format(sortedKeys(value), "")}\n`;
}

/** Writes a recording under the recording root (atomically: a reader sees the old or the new). */
export function writeFixture(relativePath: string, value: unknown, root = recordingRoot()): string {
  const path = join(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.${process.pid}.tmp`, fixtureText(value));
  renameSync(`${path}.${process.pid}.tmp`, path);
  return path;
}

export class FixtureError extends Error {}

const RECORD_HINT =
  "Run `npm run oracle:record` (it needs the real Flask-Migrate: `apt-get install python3-flask-migrate " +
  "python3-flask-sqlalchemy`) and commit the recordings it writes.";

/** A committed recording; missing or unreadable, it fails with what to do (never skips). */
export function readFixture<T>(relativePath: string, root = REPO): T {
  const path = join(root, relativePath);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new FixtureError(`The oracle's recording ${relativePath} is missing. ${RECORD_HINT}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new FixtureError(`The oracle's recording ${relativePath} is not valid JSON (${(e as Error).message}). ${RECORD_HINT}`);
  }
}

/**
 * A short digest of what the real tool was given, kept in each recording: when the input
 * changes (a scenario's Python models, a command line) and the recording does not, the test says
 * the recording is stale instead of comparing Retort with the answer to another question.
 */
export function inputDigest(input: unknown): string {
  return createHash("sha256").update(JSON.stringify(sortedKeys(input))).digest("hex").slice(0, 16);
}

/** Fails when a recording was made for another input than the test's. */
export function requireSameInput(relativePath: string, recorded: string | undefined, input: unknown, what: string): void {
  const now = inputDigest(input);
  if (recorded !== now) {
    throw new FixtureError(
      `The oracle's recording ${relativePath} was made for another version of ${what} ` +
        `(input digest ${recorded ?? "none"}, now ${now}): it is stale. ${RECORD_HINT}`,
    );
  }
}

/** A file name for a recording, from a scenario's or a suite's name. */
export function fixtureSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80)
    .replace(/-$/, "");
}
