// `db stamp <rev> [--purge] [--sql]` (alembic/command.py stamp): moves alembic_version without
// running any script, logging "Running stamp_revision <from> -> <to>" for each move.

import type { Database } from "../db/database";
import { describeStep, planStamp, STAMP_STEP_NAME, lookupRevisions, type PlannedStamp } from "../revisions";
import { VERSION_TABLE_DDL, versionChangeSql, applyVersionChange, type VersionChange } from "../runtime";
import { DROP_VERSION_TABLE } from "../runtime/version-table";
import { flagOption } from "./args";
import type { Command } from "./command";
import { DIRECTORY, REVISION_ARGUMENT, SQL, TAG } from "./command";
import type { CommandContext, ScriptSet } from "./context";
import { unwrap } from "./context";
import { CommandError, info, log, LOGGERS } from "./types";

const stampLine = (step: PlannedStamp) => `Running ${describeStep(step, null, STAMP_STEP_NAME)}`;

function runInTransaction(db: Database, statements: readonly string[]): void {
  db.exec("BEGIN");
  try {
    for (const sql of statements) db.exec(sql);
    db.exec("COMMIT");
  } catch (e) {
    db.exec("ROLLBACK");
    throw e;
  }
}

async function stampOnline(ctx: CommandContext, set: ScriptSet, target: string, purge: boolean): Promise<void> {
  ctx.logEnvironment();
  const db = await ctx.database();
  await ctx.ensureVersionTable();
  const planned = unwrap(planStamp(set.map, await ctx.currentHeads(), target, { purge }));
  const changes: VersionChange[] = [...planned.purgeChanges];
  for (const step of planned.steps) {
    ctx.push(log(LOGGERS.migration, stampLine(step)));
    changes.push(...step.versionChanges);
  }
  const statements = changes.map(versionChangeSql);
  ctx.markDatabaseChanged();
  runInTransaction(db, statements);
}

const statement = (sql: string) => [...`${sql.replace(/\t/g, "    ").trim()};`.split("\n"), ""];

/** As Alembic's offline stamp: the version table created from nothing, dropped when emptied. */
function stampOffline(ctx: CommandContext, set: ScriptSet, revision: string): void {
  ctx.logEnvironment(true);
  const at = revision.indexOf(":");
  const start = at === -1 ? "" : revision.slice(0, at);
  const target = at === -1 ? revision : revision.slice(at + 1);
  let heads = start === "" ? [] : unwrap(lookupRevisions(set.map, start)).revisions.map((r) => r.revision);
  const planned = unwrap(planStamp(set.map, heads, target));
  const out: string[] = [];
  for (const step of planned.steps) {
    if (heads.length === 0) out.push(...statement(VERSION_TABLE_DDL));
    ctx.push(...out.splice(0).map(info), log(LOGGERS.migration, stampLine(step)));
    out.push(`-- ${stampLine(step)}`, "");
    for (const change of step.versionChanges) {
      out.push(...statement(versionChangeSql(change)));
      heads = applyVersionChange(heads, change);
    }
  }
  if (heads.length === 0) out.push(...statement(DROP_VERSION_TABLE));
  ctx.push(...out.map(info));
}

const PURGE = { key: "purge", names: ["--purge"], flag: true, help: "Unconditionally erase the version table before stamping" };

export const stamp: Command = {
  spec: {
    name: "stamp",
    help: "'stamp' the revision table with the given revision; don't run any migrations",
    shortHelp: "'stamp' the revision table with the given revision;...",
    options: [DIRECTORY, SQL, TAG, PURGE],
    argument: REVISION_ARGUMENT("head"),
  },
  async run(ctx, args) {
    const revision = args.args[0] ?? "head";
    const set = ctx.loadScripts();
    const purge = flagOption(args, "purge");
    // as MigrationContext.run_migrations
    if (flagOption(args, "sql") && purge) throw new CommandError("Can't use --purge with --sql mode");
    if (flagOption(args, "sql")) stampOffline(ctx, set, revision);
    else if (revision.includes(":")) throw new CommandError(`Can't locate revision identified by '${revision}'. A range start:end is only for --sql.`);
    else await stampOnline(ctx, set, revision, purge);
  },
};
