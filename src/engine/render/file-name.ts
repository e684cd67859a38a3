// Names of migration scripts: revision ids, file names and the header's Create Date, as Alembic
// makes them (alembic/script/base.py, alembic/util/langhelpers.py `rev_id`).

/** As alembic/script/base.py `truncate_slug_length`'s default. */
export const TRUNCATE_SLUG_LENGTH = 40;

/** As alembic's `rev_id()`: `uuid.uuid4().hex[-12:]`, twelve lowercase hex digits. `random` gives [0, 1). */
export function newRevisionId(random: () => number): string {
  let id = "";
  for (let i = 0; i < 12; i++) id += Math.min(15, Math.floor(random() * 16)).toString(16);
  return id;
}

// Python's `\w` on str: letters and numbers of any script, and "_" (combining marks are not in it)
const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * As base.py `_rev_path`: the words of the message joined by "_", lower-cased, and when longer
 * than 40 characters cut at the last "_" before the 40th and ended with "_". A null message
 * (a `revision` without -m) gives an empty slug.
 */
export function slugOf(message: string | null): string {
  const slug = Array.from((message ?? "").match(WORD) ?? []).join("_").toLowerCase();
  const chars = Array.from(slug); // Python counts code points
  if (chars.length <= TRUNCATE_SLUG_LENGTH) return slug;
  const cut = chars.slice(0, TRUNCATE_SLUG_LENGTH).join("");
  const last = cut.lastIndexOf("_");
  return `${last === -1 ? cut : cut.slice(0, last)}_`;
}

/** `<rev>_<slug>.ts`, as Alembic's file_template "%(rev)s_%(slug)s". */
export function scriptFileName(revision: string, message: string | null): string {
  return `${revision}_${slugOf(message)}.ts`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * Python's `str(datetime)` of the local time, as Alembic's template prints `create_date`:
 * `2026-11-22 03:58:08.639000`, without the fraction when it is zero.
 */
export function formatCreateDate(date: Date): string {
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const micros = date.getMilliseconds() * 1000;
  return `${day} ${time}${micros === 0 ? "" : `.${pad(micros, 6)}`}`;
}
