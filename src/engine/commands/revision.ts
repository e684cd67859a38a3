// `db revision` and `db migrate` (alembic/command.py revision; Flask-Migrate's migrate is
// `revision --autogenerate`). An autogenerate run that finds nothing writes no file and logs
// "No changes in schema detected.", as Flask-Migrate's env.py process_revision_directives does.

import { NO_CHANGES_DETECTED } from "../autogenerate";
import { reverseOps } from "../ops/reverse";
import { normaliseDir, versionsDir } from "../workspace/workspace";
import type { ParsedArgs } from "./args";
import { flagOption, stringOption } from "./args";
import { autogenerate } from "./autogenerate";
import type { Command } from "./command";
import { BRANCH_LABEL, DIRECTORY, HEAD, MESSAGE, REV_ID, SPLICE, SQL, VERSION_PATH, X_ARG } from "./command";
import type { CommandContext } from "./context";
import { generateScript } from "./generate";
import { CommandError, log, LOGGERS } from "./types";

/** As generate_revision: Retort has one version location, the folder's versions/. */
function checkVersionPath(ctx: CommandContext, versionPath: string | undefined): void {
  if (versionPath === undefined || normaliseDir(versionPath) === versionsDir(ctx.directory)) return;
  throw new CommandError(`Path ${versionPath} is not represented in current version locations`);
}

async function createRevision(ctx: CommandContext, args: ParsedArgs, auto: boolean): Promise<void> {
  if (flagOption(args, "sql")) {
    throw new CommandError(
      auto
        ? "Using --sql with --autogenerate does not make any sense"
        : "Using --sql with the revision command when revision_environment is not configured does not make any sense",
    );
  }
  const set = ctx.loadScripts();
  checkVersionPath(ctx, stringOption(args, "versionPath"));
  let upgradeOps = null;
  let downgradeOps = null;
  if (auto) {
    const found = await autogenerate(ctx, set);
    if (found.ops.length === 0) {
      ctx.push(log(LOGGERS.env, NO_CHANGES_DETECTED));
      return;
    }
    upgradeOps = found.ops;
    downgradeOps = reverseOps(found.ops);
  }
  const depends = args.options["dependsOn"];
  generateScript(ctx, set, {
    message: stringOption(args, "message") ?? null,
    head: stringOption(args, "head") ?? "head",
    splice: flagOption(args, "splice"),
    branchLabel: stringOption(args, "branchLabel"),
    revId: stringOption(args, "revId"),
    dependsOn: Array.isArray(depends) ? depends : [],
    upgradeOps,
    downgradeOps,
  });
}

const AUTOGENERATE = {
  key: "autogenerate",
  names: ["--autogenerate"],
  flag: true,
  help: "Populate revision script with candidate migration operations, based on comparison of database to model",
};
// Alembic's own --depends-on (alembic/config.py); Flask-Migrate 4 does not pass it on.
const DEPENDS_ON = { key: "dependsOn", names: ["--depends-on"], multiple: true, help: "Specify one or more revision identifiers which this revision should depend on" };

export const revision: Command = {
  spec: {
    name: "revision",
    help: "Create a new revision file.",
    shortHelp: "Create a new revision file.",
    options: [DIRECTORY, MESSAGE, AUTOGENERATE, SQL, HEAD, SPLICE, BRANCH_LABEL, VERSION_PATH, REV_ID, DEPENDS_ON],
  },
  run: (ctx, args) => createRevision(ctx, args, flagOption(args, "autogenerate")),
};

export const migrate: Command = {
  spec: {
    name: "migrate",
    help: "Autogenerate a new revision file (Alias for 'revision --autogenerate')",
    shortHelp: "Autogenerate a new revision file (Alias for 'revision...",
    options: [DIRECTORY, MESSAGE, SQL, HEAD, SPLICE, BRANCH_LABEL, VERSION_PATH, REV_ID, X_ARG],
  },
  run: (ctx, args) => createRevision(ctx, args, true),
};
