// SQLAlchemy 1.4's constraint and index naming conventions (sqlalchemy/sql/naming.py), on plain data.
// A convention maps a kind ("ix", "uq", "ck", "fk", "pk") to a Python %-template such as
// "uq_%(table_name)s_%(column_0_name)s"; the tokens are evaluated per constraint.

export type ConventionKind = "ix" | "uq" | "ck" | "fk" | "pk";

/** The mnemonics MetaData(naming_convention=…) accepts as string keys (schema.py MetaData docstring). */
export const CONVENTION_KINDS: readonly ConventionKind[] = ["ix", "uq", "ck", "fk", "pk"];

export type NamingConvention = Readonly<Partial<Record<ConventionKind, string>>>;

/** sqlalchemy/sql/schema.py DEFAULT_NAMING_CONVENTION: used whenever no (or an empty) convention is given. */
export const DEFAULT_NAMING_CONVENTION: NamingConvention = { ix: "ix_%(column_0_label)s" };

export function isConventionKind(key: string): key is ConventionKind {
  return (CONVENTION_KINDS as readonly string[]).includes(key);
}

/** A column as the convention sees it: its DDL name and its key (the model attribute name). */
export interface ConventionColumn {
  readonly name: string;
  readonly key: string;
}

export interface ConventionTarget {
  readonly kind: ConventionKind;
  readonly table: string;
  /** The explicit name the model gave, or null. */
  readonly name: string | null;
  /** The constrained columns; for a foreign key, the local (parent) columns. Empty for a CHECK. */
  readonly columns: readonly ConventionColumn[];
  /** Foreign keys only. */
  readonly referredTable?: string;
  /**
   * Foreign keys only: the referred column names. May throw a NamingError when they cannot be
   * resolved, as fk.column raises in SQLAlchemy.
   */
  readonly referredColumns?: () => readonly string[];
}

/** A convention that SQLAlchemy could not apply; the message says why. */
export class NamingError extends Error {
  constructor(message: string, readonly unnamed = false) {
    super(message);
  }
}

export type TemplatePiece = { readonly text: string } | { readonly token: string };

/** Python's `template % mapping`, split into literal text and %(token)s pieces; throws NamingError on bad syntax. */
export function parseTemplate(template: string): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  const re = /%(?:%|\(([^)]*)\)([a-zA-Z]?))|%/g;
  let last = 0;
  for (const m of template.matchAll(re)) {
    if (m.index > last) pieces.push({ text: template.slice(last, m.index) });
    last = m.index + m[0].length;
    if (m[0] === "%%") pieces.push({ text: "%" });
    else if (m[1] !== undefined && m[2] === "s") pieces.push({ token: m[1] });
    else {
      throw new NamingError(
        `Naming convention '${template}' has an unsupported '%' at position ${m.index}. ` +
          `Write tokens as %(name)s and a literal percent sign as %%.`,
      );
    }
  }
  if (last < template.length) pieces.push({ text: template.slice(last) });
  return pieces;
}

const COLUMN_TOKEN = /^column_(\d+)(_?N)?_(name|key|label)$/;
const REFERRED_COLUMN_TOKEN = /^referred_column_(\d+)(_?N)?_name$/;

/**
 * Whether SQLAlchemy 1.4 can evaluate `token` for a constraint of `kind` (ConventionDict.__getitem__):
 * the multi-column forms exist only from index 0 (`column_0N_name`, `column_0_N_name`), and the
 * referred_* tokens need a foreign key (others raise AttributeError).
 */
export function isKnownToken(kind: ConventionKind, token: string): boolean {
  if (token === "table_name" || token === "constraint_name") return true;
  if (token === "referred_table_name") return kind === "fk";
  const ref = REFERRED_COLUMN_TOKEN.exec(token);
  if (ref) return kind === "fk" && isSingleOrFromZero(ref);
  const col = COLUMN_TOKEN.exec(token);
  return col !== null && isSingleOrFromZero(col);
}

/** Whether a token needs a foreign key (the referred_* tokens). */
export function isForeignKeyToken(token: string): boolean {
  return token === "referred_table_name" || REFERRED_COLUMN_TOKEN.test(token);
}

function isSingleOrFromZero(m: RegExpExecArray): boolean {
  return m[2] === undefined || m[1] === "0";
}

/** Tokens to suggest in messages, as the MetaData docstring lists them. */
export const KNOWN_TOKENS: readonly string[] = [
  "table_name", "constraint_name", "referred_table_name",
  ...["name", "label", "key"].flatMap((a) => [`column_0_${a}`, `column_0N_${a}`, `column_0_N_${a}`]),
  "referred_column_0_name", "referred_column_0N_name", "referred_column_0_N_name",
];

export type NameResult =
  | { readonly ok: true; readonly name: string | null }
  /** `unnamed`: %(constraint_name)s on a constraint without a name, which a name fixes. */
  | { readonly ok: false; readonly message: string; readonly unnamed?: true };

/**
 * The name SQLAlchemy gives the constraint (naming.py `_constraint_name_for_table`): the
 * convention applies when the constraint has no name, or always when the template uses
 * %(constraint_name)s; otherwise an explicit name wins. An empty convention means the default one.
 */
export function applyNamingConvention(convention: NamingConvention | null, target: ConventionTarget): NameResult {
  const effective = convention && Object.keys(convention).length > 0 ? convention : DEFAULT_NAMING_CONVENTION;
  const template = effective[target.kind];
  if (template === undefined) return { ok: true, name: target.name };
  if (target.name !== null && !template.includes("constraint_name")) return { ok: true, name: target.name };
  try {
    const name = parseTemplate(template)
      .map((p) => ("text" in p ? p.text : tokenValue(p.token, target)))
      .join("");
    return { ok: true, name };
  } catch (e) {
    if (e instanceof NamingError) return e.unnamed ? { ok: false, message: e.message, unnamed: true } : { ok: false, message: e.message };
    throw e;
  }
}

function tokenValue(token: string, target: ConventionTarget): string {
  if (token === "table_name") return target.table;
  if (token === "constraint_name") {
    if (target.name === null) {
      throw new NamingError("Naming convention including %(constraint_name)s token requires that constraint is explicitly named.", true);
    }
    return target.name;
  }
  if (token === "referred_table_name" && target.kind === "fk") return target.referredTable ?? "";
  const col = COLUMN_TOKEN.exec(token);
  if (col) return joinTokens(col, target.columns.map((c) => columnAttr(c, col[3]!, target.table)));
  const ref = REFERRED_COLUMN_TOKEN.exec(token);
  if (ref && target.kind === "fk") {
    const names = target.referredColumns?.() ?? [];
    if (ref[2] === undefined && Number(ref[1]) >= names.length) {
      // as ConventionDict._key_referred_column_X_name: elements[idx] raises IndexError
      throw new NamingError(
        `Naming convention token %(${token})s needs a foreign key with at least ${Number(ref[1]) + 1} columns; ` +
          `use %(referred_column_0_N_name)s to name every referred column.`,
      );
    }
    return joinTokens(ref, names);
  }
  throw new NamingError(`Unknown naming convention token %(${token})s.`);
}

function columnAttr(c: ConventionColumn, attr: string, table: string): string {
  if (attr === "key") return c.key;
  // as Column._ddl_label (sql/elements.py _gen_tq_label, dedupe_on_key=False): <table>_<name>
  return attr === "label" ? `${table}_${c.name}` : c.name;
}

/** column_<i>_x picks one value ("" past the end, as _column_X); column_0N_x / column_0_N_x join them all. */
function joinTokens(m: RegExpExecArray, values: readonly string[]): string {
  const multiples = m[2];
  if (multiples === undefined) return values[Number(m[1])] ?? "";
  return values.join(multiples.startsWith("_") ? "_" : "");
}
