// `db merge <revisions>…` (alembic/command.py merge): a new, empty revision whose down revisions
// are the given ones, joining branches into one head.

import { stringOption } from "./args";
import type { Command } from "./command";
import { BRANCH_LABEL, DIRECTORY, REV_ID } from "./command";
import { generateScript } from "./generate";

export const merge: Command = {
  spec: {
    name: "merge",
    help: "Merge two revisions together, creating a new revision file",
    shortHelp: "Merge two revisions together, creating a new revision file",
    options: [DIRECTORY, { key: "message", names: ["-m", "--message"], help: "Merge revision message" }, BRANCH_LABEL, REV_ID],
    argument: { key: "revisions", metavar: "REVISIONS", variadic: true },
  },
  run(ctx, args) {
    const set = ctx.loadScripts();
    generateScript(ctx, set, {
      message: stringOption(args, "message") ?? null,
      head: args.args,
      // as alembic/command.py merge: generate_revision without splice, so only heads merge
      splice: false,
      branchLabel: stringOption(args, "branchLabel"),
      revId: stringOption(args, "revId"),
      dependsOn: [],
      upgradeOps: null,
      downgradeOps: null,
    });
  },
};
