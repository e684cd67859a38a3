// `db check`. Neither Alembic 1.8 nor Debian's Flask-Migrate 4 has it (Flask-Migrate's cli.py
// comments it out: it needs Alembic 1.9), so Retort follows Alembic 1.9's command.check: an
// autogenerate run that writes nothing, "No new upgrade operations detected." when the models
// match the database, and exit code 1 with the detected changes when they do not.

import type { Command } from "./command";
import { DIRECTORY } from "./command";
import { autogenerate } from "./autogenerate";
import { CommandError, info } from "./types";

export const check: Command = {
  spec: { name: "check", help: "Check if there are any new operations to migrate", shortHelp: "Check if there are any new operations to migrate", options: [DIRECTORY] },
  async run(ctx) {
    const set = ctx.loadScripts();
    const found = await autogenerate(ctx, set);
    if (found.ops.length > 0) {
      const count = found.messages.length;
      throw new CommandError(`New upgrade operations detected (${count} change${count === 1 ? "" : "s"}, listed above). Run \`db migrate\` to write a migration for them.`);
    }
    // as Alembic 1.9's command.check, which prints it (config.print_stdout) rather than logging it
    ctx.push(info("No new upgrade operations detected."));
  },
};
