// The output lines both tools must share, whole, logger prefix included ("INFO  [alembic.env] …"):
// the environment lines ("Context impl SQLiteImpl.", "Will assume … DDL.", "Generating static
// SQL"), Alembic's "Detected …", "No changes in schema detected.", "Running
// upgrade/downgrade/stamp_revision …" (alembic/runtime/migration.py logs "Running %s" for every
// step; SPEC §3 keeps Alembic's words) and the revision listings.

// Alembic's logging format in Flask-Migrate's alembic.ini: "%(levelname)-5.5s [%(name)s] %(message)s".
const LOG_PREFIX = /^[A-Z]{4,5} +\[[\w.]+\] /;
const SHARED = /^(Context impl SQLiteImpl\.$|Will assume (non-)?transactional DDL\.$|Generating static SQL$|Detected |Running (upgrade|downgrade|stamp_revision) |No changes in schema detected\.)/;
// The revision listings of heads, current, branches and history (SPEC §3: one line per revision,
// starting with its id, or "<base> -> …"); the scenarios' revision ids are 12 hex digits.
const LISTING = /^([0-9a-f]{12}|<base>)( |,|$)/;

/** A log line's message: what follows the logger prefix. */
export function stripLogPrefix(line: string): string {
  return line.replace(LOG_PREFIX, "");
}

/** All lines of a command's output, whole, stdout then stderr. */
export function outputLines(stdout: string, stderr: string): string[] {
  return [...stdout.split("\n"), ...stderr.split("\n")].map((l) => l.trimEnd()).filter((l) => l !== "");
}

// Alembic's lines are log lines, the listings are printed: a "Detected" line without its logger
// (or a listing with one) is not the shared line, and the comparison then shows the difference.
export const isSharedLine = (line: string): boolean => SHARED.test(stripLogPrefix(line)) || LISTING.test(line);

/**
 * SPEC §3's one deliberate difference in the lines: Retort runs each revision in its own
 * transaction and says so online, where Alembic on SQLite says "non-transactional". Offline
 * (--sql) both say "non-transactional".
 */
export const withTransactionalDdl = (lines: readonly string[]): string[] =>
  lines.map((l) => (stripLogPrefix(l) === "Will assume non-transactional DDL." ? l.replace("non-transactional", "transactional") : l));

export function sharedLines(stdout: string, stderr: string): string[] {
  return outputLines(stdout, stderr).filter(isSharedLine);
}

/** Autogenerate's own lines among the shared ones ("Detected …", "No changes in schema detected."), whole. */
export function autogenerateLines(stdout: string, stderr: string): string[] {
  return sharedLines(stdout, stderr).filter((l) => /^(Detected |No changes in schema detected\.)/.test(stripLogPrefix(l)));
}

// Where alembic/autogenerate/compare.py iterates a plain set, its order depends on Python's
// string hashing (random per process): removed tables (`conn_table_names.difference`),
// removed columns (`set(conn_col_names).difference`) and foreign keys (`set(...fks_by_sig)`).
// Consecutive lines of one such group are compared as a sorted run; every other order is
// Alembic's defined order (sorted_tables, column order, sorted index/constraint names).
function unorderedGroup(whole: string): string | null {
  const line = stripLogPrefix(whole);
  if (line.startsWith("Detected removed table ")) return "removed table";
  const column = /^Detected removed column '(.*)\.[^.]*'$/.exec(line);
  if (column) return `removed column of ${column[1]}`;
  const fk = /^Detected (added|removed) foreign key .* on table (.*)$/.exec(line);
  if (fk) return `${fk[1]} foreign key on ${fk[2]}`;
  return null;
}

// The revisions on either side of "->" in a Running line: several at a merge point, in the order
// of the merge script's down revisions, which Alembic took from its revision map, itself in
// os.listdir order (alembic/script/base.py, _list_py_dir): a filesystem's order, not Alembic's.
const REVISION_LIST = /\b[0-9a-f]{12}(?:, [0-9a-f]{12})+\b/g;

const isRunning = (line: string) => stripLogPrefix(line).startsWith("Running ");

function withSortedRevisionLists(line: string): string {
  if (!isRunning(line)) return line;
  return line.replace(REVISION_LIST, (list) => list.split(", ").sort().join(", "));
}

/** Sorts the Running lines: for steps that run sibling branches, whose order is os.listdir's. */
export function runningAsSet(lines: readonly string[]): string[] {
  const running = lines.filter(isRunning).sort();
  return [...lines.filter((l) => !isRunning(l)), ...running];
}

export function inDefinedOrder(lines: readonly string[]): string[] {
  const result: string[] = [];
  let run: string[] = [];
  let runGroup: string | null = null;
  const flush = () => {
    result.push(...run.sort());
    run = [];
  };
  for (const line of lines.map(withSortedRevisionLists)) {
    const group = unorderedGroup(line);
    if (group === null || group !== runGroup) flush();
    runGroup = group;
    if (group === null) result.push(line);
    else run.push(line);
  }
  flush();
  return result;
}
