// Lines the site adds after a command's output where a playground differs from a project folder.
// Alembic's own lines stay word for word (SPEC §3), and the CLI, which runs in a real folder,
// prints none of these: they explain what the user of the site never did themselves.

import type { OutputLineView } from "./protocol";

/** alembic/command.py init's refusal, as the command layer prints it. */
const NOT_EMPTY = /^Error: Directory (.+) already exists and is not empty$/;

/** The folder a new playground starts with (engine-host.ts: "`flask db init` done"). */
const PLAYGROUND_MIGRATIONS = "migrations";

export const ALREADY_INITIALISED =
  "A playground starts initialised, as a project does after `flask db init`: migrations/ and its versions/ folder are already there, " +
  'so there is nothing to initialise. Carry on with `flask db migrate -m "initial migration"`.';

/** The explanation that follows `argv`'s output in the site's terminal, if any. */
export function playgroundNotes(argv: readonly string[], lines: readonly OutputLineView[]): OutputLineView[] {
  if (argv[0] !== "init") return [];
  const refused = lines.some((line) => NOT_EMPTY.exec(line.text)?.[1] === PLAYGROUND_MIGRATIONS);
  return refused ? [{ level: "info", text: ALREADY_INITIALISED }] : [];
}
