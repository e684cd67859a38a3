// Alembic's revision errors (alembic/script/revision.py) and the command-level texts that
// ScriptDirectory._catch_revision_errors (alembic/script/base.py) turns them into. The graph code
// throws these internally, as Alembic does; the exported functions catch them and return results.

/** A value as Python's "%s" prints it: a string, a tuple of strings, or None. */
export type PyValue = string | readonly string[] | null;

/** Python's str() of a str, a tuple of str, or None ("('a', 'b')", "('a',)", "None"). */
export function pyStr(v: PyValue): string {
  if (v === null) return "None";
  if (typeof v === "string") return v;
  const items = v.map((s) => `'${s}'`);
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
}

/** Python truthiness of a PyValue: None, "" and () are false. */
export const isTruthy = (v: PyValue | undefined): v is string | readonly string[] => v !== undefined && v !== null && v.length > 0;

export class RevisionError extends Error {
  override name = "RevisionError";
}

export class RangeNotAncestorError extends RevisionError {
  override name = "RangeNotAncestorError";
  constructor(
    readonly lower: PyValue,
    readonly upper: PyValue,
  ) {
    super(`Revision ${pyStr(isTruthy(lower) ? lower : "base")} is not an ancestor of revision ${pyStr(isTruthy(upper) ? upper : "base")}`);
  }
}

export class MultipleHeads extends RevisionError {
  override name = "MultipleHeads";
  constructor(
    readonly heads: readonly string[],
    readonly argument: PyValue,
  ) {
    super(`Multiple heads are present for given argument '${pyStr(argument)}'; ${heads.join(", ")}`);
  }
}

export class ResolutionError extends RevisionError {
  override name = "ResolutionError";
  constructor(
    message: string,
    readonly argument: string,
  ) {
    super(message);
  }
}

/** "Cycle is detected in revisions (a, b)" and its dependency / self-loop variants. */
export function cycleMessage(kind: "Cycle" | "Dependency cycle" | "Self-loop" | "Dependency self-loop", revisions: readonly string[]): string {
  return `${kind} is detected in revisions (${revisions.join(", ")})`;
}

/** The keyword arguments of ScriptDirectory._catch_revision_errors. */
export interface CatchOptions {
  readonly ancestor?: string;
  readonly multipleHeads?: string;
  readonly start?: PyValue;
  readonly end?: PyValue;
  readonly resolution?: string;
}

export const MULTIPLE_HEADS_TEXT =
  "Multiple head revisions are present for given argument '%(head_arg)s'; please specify a specific " +
  "target revision, '<branchname>@%(head_arg)s' to narrow to a specific head, or 'heads' for all heads";
export const RANGE_TEXT =
  "Requested range %(start)s:%(end)s does not refer to ancestor/descendant revisions along the same branch";

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/%\((\w+)\)s/g, (whole, key: string) => values[key] ?? whole);
}

export interface CommandFailure {
  readonly ok: false;
  /** The text Alembic's CommandError carries. */
  readonly error: string;
  /** The underlying RevisionError text, when Alembic's command text hides it. */
  readonly detail?: string;
  /** Alembic's warnings (util.warn) issued before the error, printed before it as Alembic does. */
  readonly warnings?: readonly string[];
}

/** As _catch_revision_errors: the CommandError text for a revision error. */
export function toCommandFailure(err: unknown, opts: CatchOptions = {}): CommandFailure {
  if (err instanceof RangeNotAncestorError) {
    const start = opts.start !== undefined ? opts.start : err.lower;
    const end = opts.end !== undefined ? opts.end : err.upper;
    return { ok: false, error: fill(opts.ancestor ?? RANGE_TEXT, { start: pyStr(start), end: pyStr(end) }) };
  }
  if (err instanceof MultipleHeads) {
    const headArg = isTruthy(opts.end) ? pyStr(opts.end) : pyStr(err.argument);
    const error = fill(opts.multipleHeads ?? MULTIPLE_HEADS_TEXT, { head_arg: headArg, heads: err.heads.join(", ") });
    return { ok: false, error };
  }
  if (err instanceof ResolutionError) {
    const error = opts.resolution ?? `Can't locate revision identified by '${err.argument}'`;
    return error === err.message ? { ok: false, error } : { ok: false, error, detail: err.message };
  }
  if (err instanceof RevisionError) return { ok: false, error: err.message };
  throw err;
}

/** Runs graph code and turns a revision error into a failure result, never throwing it on. */
export function catchRevisionErrors<T>(fn: () => T, opts: CatchOptions = {}): T | CommandFailure {
  try {
    return fn();
  } catch (err) {
    return toCommandFailure(err, opts);
  }
}
