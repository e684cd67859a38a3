// `db edit [rev]` (alembic/command.py edit): Alembic opens each script in $EDITOR. Retort has no
// editor to start from the command layer, so it prints each script's path for the user (or the
// site) to open.

import { showRevisions } from "../revisions";
import type { Command } from "./command";
import { DIRECTORY, REVISION_ARGUMENT } from "./command";
import { unwrap } from "./context";
import { CommandError, info } from "./types";

export const edit: Command = {
  spec: { name: "edit", help: "Edit a revision file", shortHelp: "Edit a revision file", options: [DIRECTORY], argument: REVISION_ARGUMENT("head") },
  async run(ctx, args) {
    const set = ctx.loadScripts();
    const symbol = args.args[0] ?? "head";
    if (symbol === "current") {
      ctx.logEnvironment();
      await ctx.ensureVersionTable();
      const heads = await ctx.currentHeads();
      if (heads.length === 0) throw new CommandError("No current revisions");
      for (const rev of unwrap(showRevisions(set.map, heads)).revisions) ctx.push(info(rev.header.path ?? rev.revision));
      return;
    }
    const revs = unwrap(showRevisions(set.map, symbol)).revisions;
    if (revs.length === 0) throw new CommandError(`No revision files indicated by symbol '${symbol}'`);
    for (const rev of revs) ctx.push(info(rev.header.path ?? rev.revision));
  },
};
