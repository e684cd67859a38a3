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
   * An Alembic log line (Python logging, "INFO  [alembic…] …" without its prefix) rather than a
   * printed result. The CLI sends these to stderr, as Python's logging does, so that
   * `upgrade --sql > out.sql` keeps only SQL on stdout.
   */
  readonly log?: boolean;
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

export const info = (text: string): OutputLine => ({ level: "info", text });
export const log = (text: string): OutputLine => ({ level: "info", text, log: true });
export const warning = (text: string): OutputLine => ({ level: "warning", text, log: true });
export const error = (text: string): OutputLine => ({ level: "error", text, log: true });

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
