// Writing a new migration script (`revision`, `migrate`, `merge`), as
// ScriptDirectory.generate_revision in alembic/script/base.py: the id, the down revision(s) from
// --head / the merged revisions, the branch label checks, then "Generating <path> ...  done".

import type { MigrateOp } from "../ops/ops";
import { renderMigrationScript, newRevisionId, scriptFileName } from "../render";
import { planNewRevision } from "../revisions";
import { joinPath, versionsDir, withFile } from "../workspace/workspace";
import type { CommandContext, ScriptSet } from "./context";
import { CommandError, info } from "./types";

export interface NewScript {
  readonly message: string | null;
  readonly head: string | readonly string[];
  readonly splice: boolean;
  readonly branchLabel: string | undefined;
  readonly revId: string | undefined;
  readonly dependsOn: readonly string[];
  /** null for an empty script (plain `revision`, `merge`). */
  readonly upgradeOps: readonly MigrateOp[] | null;
  readonly downgradeOps: readonly MigrateOp[] | null;
}

/** One label per --branch-label; a label may not be used twice, nor be a revision id. */
function checkBranchLabel(set: ScriptSet, label: string, revId: string): void {
  const owner = set.map.labels.get(label);
  // as alembic/script/revision.py _map_branch_labels
  if (owner !== undefined) throw new CommandError(`Branch name '${label}' in revision ${revId} already used by revision ${owner}`);
  if (set.map.revisions.has(label)) throw new CommandError(`Branch name '${label}' is already the id of revision ${label}. Choose another --branch-label.`);
}

export function generateScript(ctx: CommandContext, set: ScriptSet, req: NewScript): string {
  const revId = req.revId ?? newRevisionId(ctx.deps.random);
  const planned = planNewRevision(set.map, { revId, head: req.head, splice: req.splice, dependsOn: req.dependsOn });
  if (!planned.ok) throw new CommandError(planned.error);
  if (req.branchLabel !== undefined) checkBranchLabel(set, req.branchLabel, revId);
  const text = renderMigrationScript({
    message: req.message,
    revision: revId,
    downRevision: planned.downRevision,
    branchLabels: req.branchLabel !== undefined ? [req.branchLabel] : null,
    dependsOn: planned.dependsOn,
    createDate: ctx.deps.clock(),
    upgradeOps: req.upgradeOps,
    downgradeOps: req.downgradeOps,
  });
  const path = joinPath(versionsDir(ctx.directory), scriptFileName(revId, req.message));
  if (path in ctx.workspace.files) throw new CommandError(`${path} already exists. Choose another --rev-id.`);
  ctx.workspace = withFile(ctx.workspace, path, text);
  ctx.push(info(`Generating ${path} ...  done`));
  return path;
}
