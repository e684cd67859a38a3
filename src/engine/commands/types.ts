// What every `db` command receives and returns. A command never throws into its caller
// (as Kysely's migrator): every failure is an exit code and lines that say what to do.

import type { OpenDatabase } from "../db/database";
import type { RuntimeEvent } from "../runtime";
import type { ParsedScriptResult } from "../script";
import type { Workspace } from "../workspace/workspace";

export type OutputLevel = "info" | "warning" | "error";

export interface OutputLine {
  readonly level: OutputLevel;
  readonly text: string;
  /**
   * A line for stderr (a log line, a warning, an error) rather than a printed result. The CLI
   * sends these to stderr, as Python's logging and Click do, so that `upgrade --sql > out.sql`
   * keeps only SQL on stdout.
   */
  readonly log?: boolean;
  /**
   * The Python logger that prints this line in Flask-Migrate (always with `log`): the CLI and the
   * site show it before the text, as "INFO  [alembic.runtime.migration] " (see logPrefix).
   * Lines that Python prints without logging (Click's usage errors, warnings.warn) have none.
   */
  readonly logger?: Logger;
  /** A script `db edit` asks to open (Alembic starts $EDITOR): the CLI opens it so, the site in a tab. */
  readonly opens?: string;
}

export interface CommandDeps {
  readonly openDatabase: OpenDatabase;
  /** [0, 1): revision ids. */
  readonly random: () => number;
  /** The Create Date of new scripts. */
  readonly clock: () => Date;
  readonly listener?: (e: RuntimeEvent) => void;
  /** The words before the command in usage texts: "retort db" (default) or "flask db". */
  readonly program?: string;
  /**
   * Reads one migration script (default: parseMigrationScript). The CLI passes one that keeps
   * the results in a cache, as Python keeps __pycache__; it must give what the parser gives.
   */
  readonly parseScript?: (path: string, source: string) => ParsedScriptResult;
}

export interface CommandResult {
  readonly exitCode: number;
  readonly lines: readonly OutputLine[];
  /** The workspace after the command: the same object when nothing changed. */
  readonly workspace: Workspace;
}

/**
 * The loggers Flask-Migrate 4 / Alembic 1.8 print through, as a real run shows them, and Retort's
 * own for the lines it adds (its warnings and hints), so that a reader can tell them apart.
 */
export const LOGGERS = {
  /** alembic/runtime/migration.py: "Context impl …", "Will assume …", "Running upgrade …". */
  migration: "alembic.runtime.migration",
  /** alembic/autogenerate/compare.py: "Detected …". */
  compare: "alembic.autogenerate.compare",
  /** Flask-Migrate's env.py: "No changes in schema detected.". */
  env: "alembic.env",
  /** flask_migrate/__init__.py catch_errors: "Error: …". */
  flaskMigrate: "flask_migrate",
  retort: "retort",
} as const;

export type Logger = (typeof LOGGERS)[keyof typeof LOGGERS];

export const info = (text: string): OutputLine => ({ level: "info", text });
export const log = (logger: Logger, text: string): OutputLine => ({ level: "info", text, log: true, logger });
/** Retort's own warning, logged as "WARNI [retort] …". */
export const warning = (text: string): OutputLine => ({ level: "warning", text, log: true, logger: LOGGERS.retort });
/** A warning Python prints with warnings.warn, so without a logger ("UserWarning: …"). */
export const pythonWarning = (text: string): OutputLine => ({ level: "warning", text, log: true });
/** Flask-Migrate's "Error: …" (catch_errors logs it as "ERROR [flask_migrate] Error: …"). */
export const commandError = (text: string): OutputLine => ({ level: "error", text: `Error: ${text}`, log: true, logger: LOGGERS.flaskMigrate });
/** Retort's own error line: a hint after an error that says how to fix it. */
export const retortError = (text: string): OutputLine => ({ level: "error", text, log: true, logger: LOGGERS.retort });
/**
 * An error line without a logger: Click's usage errors, a problem in user text placed by file,
 * line and column, and the lines after the first of a multi-line log message (Python's logging
 * prefixes only the first).
 */
export const error = (text: string): OutputLine => ({ level: "error", text, log: true });

// as Flask-Migrate's alembic.ini: format = %(levelname)-5.5s [%(name)s] %(message)s
const LEVEL_NAMES: Readonly<Record<OutputLevel, string>> = { info: "INFO ", warning: "WARNI", error: "ERROR" };

/** What Python's logging prints before the message ("INFO  [alembic.env] "); "" for other lines. */
export function logPrefix(line: OutputLine): string {
  return line.logger === undefined ? "" : `${LEVEL_NAMES[line.level]} [${line.logger}] `;
}

/** The line as Flask-Migrate prints it: prefix and text. */
export const formatOutputLine = (line: OutputLine): string => logPrefix(line) + line.text;

/** Lines of a multi-line text, each its own output line (a trailing newline adds no empty line). */
export function infoLines(text: string): OutputLine[] {
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  return body.split("\n").map(info);
}

/** Raised inside a command to stop it with Flask-Migrate's "Error: …" and exit code 1. */
export class CommandError extends Error {
  override name = "CommandError";
  constructor(
    message: string,
    readonly extraLines: readonly OutputLine[] = [],
  ) {
    super(message);
  }
}
