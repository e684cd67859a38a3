// The shape of the `--help` recording (help.record.ts writes it, help.test.ts reads it).

export const HELP_FIXTURE = "tests/engine/commands/fixtures/flask-db-help.json";

/** Command lines Click refuses: an unknown command, an unknown option, an option without its value. */
export const USAGE_ERRORS: readonly (readonly string[])[] = [["frob"], ["upgrade", "--bogus"], ["migrate", "-m"]];

export interface HelpCase {
  readonly argv: readonly string[];
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface HelpRecording {
  readonly cases: HelpCase[];
}
