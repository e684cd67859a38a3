// The commands that only read: `show`, `history`, `heads`, `branches`, `current`
// (alembic/command.py), printing Alembic's own formats (revisions/format.ts).

import {
  currentRevisions,
  formatBranchPoint,
  formatCurrentEntry,
  formatHeadEntry,
  formatHistoryEntry,
  formatLogEntry,
  iterateHistory,
  listBranchPoints,
  listHeads,
  showRevisions,
} from "../revisions";
import type { ParsedArgs } from "./args";
import { flagOption, stringOption } from "./args";
import type { Command } from "./command";
import { DIRECTORY, REVISION_ARGUMENT, VERBOSE } from "./command";
import type { CommandContext } from "./context";
import { unwrap } from "./context";
import { infoLines } from "./types";

/** config.print_stdout of a text: a multi-line entry keeps its trailing empty line. */
const print = (ctx: CommandContext, text: string) => ctx.push(...infoLines(`${text}\n`));

/**
 * The database's heads, with the environment lines Alembic logs when it connects. Only
 * `current` runs env.py with dont_mutate; the others create a missing alembic_version.
 */
async function databaseHeads(ctx: CommandContext, opts: { readonly dontMutate?: boolean } = {}): Promise<string[]> {
  ctx.logEnvironment();
  if (!opts.dontMutate) await ctx.ensureVersionTable();
  return ctx.currentHeads();
}

export const show: Command = {
  spec: { name: "show", help: "Show the revision denoted by the given symbol.", shortHelp: "Show the revision denoted by the given symbol.", options: [DIRECTORY], argument: REVISION_ARGUMENT("head") },
  async run(ctx, args) {
    const set = ctx.loadScripts();
    const symbol = args.args[0] ?? "head";
    const target = symbol === "current" ? await databaseHeads(ctx) : symbol;
    for (const rev of unwrap(showRevisions(set.map, target)).revisions) print(ctx, formatLogEntry(rev));
  },
};

async function history(ctx: CommandContext, args: ParsedArgs): Promise<void> {
  const set = ctx.loadScripts();
  const range = stringOption(args, "revRange");
  const indicate = flagOption(args, "indicateCurrent");
  const needsDb = indicate || (range !== undefined && range.split(":").includes("current"));
  const heads = needsDb ? await databaseHeads(ctx) : [];
  const verbose = flagOption(args, "verbose");
  for (const rev of unwrap(iterateHistory(set.map, range, heads)).revisions) {
    print(ctx, formatHistoryEntry(rev, { verbose, current: indicate && heads.includes(rev.revision) }));
  }
}

export const historyCommand: Command = {
  spec: {
    name: "history",
    help: "List changeset scripts in chronological order.",
    shortHelp: "List changeset scripts in chronological order.",
    options: [
      DIRECTORY,
      { key: "revRange", names: ["-r", "--rev-range"], help: "Specify a revision range; format is [start]:[end]" },
      VERBOSE,
      { key: "indicateCurrent", names: ["-i", "--indicate-current"], flag: true, help: "Indicate current version (Alembic 0.9.9 or greater is required)" },
    ],
  },
  run: history,
};

export const heads: Command = {
  spec: {
    name: "heads",
    help: "Show current available heads in the script directory",
    shortHelp: "Show current available heads in the script directory",
    options: [DIRECTORY, VERBOSE, { key: "resolveDependencies", names: ["--resolve-dependencies"], flag: true, help: "Treat dependency versions as down revisions" }],
  },
  run(ctx, args) {
    const set = ctx.loadScripts();
    const verbose = flagOption(args, "verbose");
    for (const rev of listHeads(set.map, { resolveDependencies: flagOption(args, "resolveDependencies") })) print(ctx, formatHeadEntry(rev, { verbose }));
  },
};

export const branches: Command = {
  spec: { name: "branches", help: "Show current branch points", shortHelp: "Show current branch points", options: [DIRECTORY, VERBOSE] },
  run(ctx, args) {
    const set = ctx.loadScripts();
    const verbose = flagOption(args, "verbose");
    for (const bp of unwrap(listBranchPoints(set.map)).branchPoints) print(ctx, `${formatBranchPoint(bp, { verbose })}`);
  },
};

export const current: Command = {
  spec: { name: "current", help: "Display the current revision for each database.", shortHelp: "Display the current revision for each database.", options: [DIRECTORY, VERBOSE] },
  async run(ctx, args) {
    const set = ctx.loadScripts();
    const verbose = flagOption(args, "verbose");
    const at = await databaseHeads(ctx, { dontMutate: true });
    if (verbose) print(ctx, "Current revision(s) for sqlite:///app.db:");
    for (const rev of unwrap(currentRevisions(set.map, at)).revisions) print(ctx, formatCurrentEntry(rev, { verbose }));
  },
};
