// The output lines both tools must share: Alembic's "Detected …", "No changes in schema
// detected.", "Running upgrade/downgrade/stamp_revision …" (alembic/runtime/migration.py logs
// "Running %s" for every step; SPEC §3 keeps Alembic's words) and the revision listings.

// Alembic's logging format in Flask-Migrate's alembic.ini: "%(levelname)-5.5s [%(name)s] %(message)s".
const LOG_PREFIX = /^[A-Z]{4,5} +\[[\w.]+\] /;
const SHARED = /^(Detected |Running (upgrade|downgrade|stamp_revision) |No changes in schema detected\.)/;
// The revision listings of heads, current, branches and history (SPEC §3: one line per revision,
// starting with its id, or "<base> -> …"); the scenarios' revision ids are 12 hex digits.
const LISTING = /^([0-9a-f]{12}|<base>)( |,|$)/;

export function stripLogPrefix(line: string): string {
  return line.replace(LOG_PREFIX, "");
}

/** All lines of a command's output, prefixes stripped, stdout then stderr. */
export function outputLines(stdout: string, stderr: string): string[] {
  return [...stdout.split("\n"), ...stderr.split("\n")].map((l) => stripLogPrefix(l.trimEnd())).filter((l) => l !== "");
}

export const isSharedLine = (line: string): boolean => SHARED.test(line) || LISTING.test(line);

export function sharedLines(stdout: string, stderr: string): string[] {
  return outputLines(stdout, stderr).filter(isSharedLine);
}

// Where alembic/autogenerate/compare.py iterates a plain set, its order depends on Python's
// string hashing (random per process): removed tables (`conn_table_names.difference`),
// removed columns (`set(conn_col_names).difference`) and foreign keys (`set(...fks_by_sig)`).
// Consecutive lines of one such group are compared as a sorted run; every other order is
// Alembic's defined order (sorted_tables, column order, sorted index/constraint names).
function unorderedGroup(line: string): string | null {
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

function withSortedRevisionLists(line: string): string {
  if (!line.startsWith("Running ")) return line;
  return line.replace(REVISION_LIST, (list) => list.split(", ").sort().join(", "));
}

/** Sorts the Running lines: for steps that run sibling branches, whose order is os.listdir's. */
export function runningAsSet(lines: readonly string[]): string[] {
  const running = lines.filter((l) => l.startsWith("Running ")).sort();
  return [...lines.filter((l) => !l.startsWith("Running ")), ...running];
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
