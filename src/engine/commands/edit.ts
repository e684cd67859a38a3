// `db edit [rev]` (alembic/command.py edit): Alembic opens each script in $EDITOR. The command
// layer starts no editor: each script comes back as a line that names it and asks to open it,
// which the CLI does in $EDITOR (src/cli/editor.ts) and the site in a tab.

import { showRevisions } from "../revisions";
import type { Command } from "./command";
import { DIRECTORY, REVISION_ARGUMENT } from "./command";
import { unwrap } from "./context";
import { CommandError, info, type OutputLine } from "./types";

const opens = (path: string): OutputLine => ({ ...info(path), opens: path });

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
      for (const rev of unwrap(showRevisions(set.map, heads)).revisions) ctx.push(opens(rev.header.path ?? rev.revision));
      return;
    }
    const revs = unwrap(showRevisions(set.map, symbol)).revisions;
    if (revs.length === 0) throw new CommandError(`No revision files indicated by symbol '${symbol}'`);
    for (const rev of revs) ctx.push(opens(rev.header.path ?? rev.revision));
  },
};
