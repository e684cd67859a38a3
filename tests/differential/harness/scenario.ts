// A differential scenario is data: the same user story told to Flask-Migrate (Python models,
// `flask db …`) and to Retort (models.ts, `node bin/retort.js db …`), step by step.

/** SQLAlchemy's naming_convention keys and templates, shared by both sides. */
export type NamingConvention = Readonly<Record<string, string>>;

/** A difference that SPEC.md §3 ("Where Retort does better") allows, with its reason. */
export interface Allowance {
  /** Why the two tools may differ here, citing the SPEC. */
  readonly reason: string;
  /**
   * The step fails on both sides; Flask leaves what it leaves (a `_alembic_tmp_*` table, half
   * applied DDL), Retort must leave its database exactly as it was before the step.
   */
  readonly retortKeepsDb?: boolean;
  /** Flask cascaded deletes into these tables: Retort must keep the rows it had before the step. */
  readonly retortKeepsRowsOf?: readonly string[];
  /** These indexes are UNIQUE on Retort's side where Alembic 1.8 re-creates them as plain ones. */
  readonly retortKeepsIndexesUnique?: readonly string[];
}

export interface ModelsStep {
  readonly kind: "models";
  /** Model classes for app.py (top level, after `db` is defined). */
  readonly python: string;
  /** Model classes for models.ts (after `const db = new SQLAlchemy(…)`). */
  readonly ts: string;
}

export interface DbStep {
  readonly kind: "db";
  /** What follows `db` on both command lines. */
  readonly argv: readonly string[];
  readonly allow?: Allowance;
  /** A line Retort's output must contain (a SPEC §3 warning Flask does not print). */
  readonly retortSays?: RegExp;
  /**
   * Why the order of this step's Running lines is not Alembic's to define (sibling branches run
   * in os.listdir order): they are compared as a set.
   */
  readonly runningOrderUndefined?: string;
  /** What Flask runs instead, where SPEC §3 gives Retort an option Flask-Migrate 4.0 lacks. */
  readonly flaskEquivalent?: FlaskEquivalent;
}

export interface FlaskEquivalent {
  /** Why the command lines differ. */
  readonly reason: string;
  /** SQL run on Flask's app.db first. */
  readonly sql?: string;
  readonly argv: readonly string[];
}

export interface SqlStep {
  readonly kind: "sql";
  /** Run on app.db through sql.js (harness/sql-file.ts), on both sides. */
  readonly sql: string;
}

export interface TextEdit {
  readonly find: string;
  readonly replace: string;
}

export interface EditStep {
  readonly kind: "edit";
  /** Edits the newest script in migrations/versions: first occurrence of `find` on each side. */
  readonly python: TextEdit;
  readonly ts: TextEdit;
}

export type Step = ModelsStep | DbStep | SqlStep | EditStep;

export interface Scenario {
  readonly name: string;
  readonly namingConvention?: NamingConvention;
  /**
   * Turn `PRAGMA foreign_keys` on for every connection the tools open (Flask: a connect
   * listener in app.py; Retort: the CLI's connection, see the Retort side for how).
   */
  readonly foreignKeys?: boolean;
  readonly steps: readonly Step[];
}

export const models = (python: string, ts: string): ModelsStep => ({ kind: "models", python, ts });
export const sql = (text: string): SqlStep => ({ kind: "sql", sql: text });
export const edit = (python: TextEdit, ts: TextEdit): EditStep => ({ kind: "edit", python, ts });

export function db(...argv: string[]): DbStep {
  return { kind: "db", argv };
}

/** A db step whose difference SPEC §3 allows. */
export function dbAllowing(allow: Allowance, ...argv: string[]): DbStep {
  return { kind: "db", argv, allow };
}

/** A db step after which Retort must print a line matching `says` (one of its SPEC §3 warnings). */
export function dbWhereRetortSays(says: RegExp, ...argv: string[]): DbStep {
  return { kind: "db", argv, retortSays: says };
}

/** A db step that runs sibling branches, whose relative order Alembic leaves to os.listdir. */
export function dbAcrossBranches(...argv: string[]): DbStep {
  return { kind: "db", argv, runningOrderUndefined: "sibling branches run in os.listdir order in Alembic" };
}

/** A db step that Flask-Migrate can only do as `equivalent` (an option SPEC §3 adds). */
export function dbWithFlaskEquivalent(equivalent: FlaskEquivalent, ...argv: string[]): DbStep {
  return { kind: "db", argv, flaskEquivalent: equivalent };
}

/** The convention of SPEC §1, used by most scenarios. */
export const SPEC_CONVENTION: NamingConvention = {
  ix: "ix_%(column_0_label)s",
  uq: "uq_%(table_name)s_%(column_0_name)s",
  ck: "ck_%(table_name)s_%(constraint_name)s",
  fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
  pk: "pk_%(table_name)s",
};
