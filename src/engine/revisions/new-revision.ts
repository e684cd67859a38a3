// Where a new revision goes (`revision`, `migrate`, `merge`): its down revision(s) and
// dependencies, with Alembic's checks, as ScriptDirectory.generate_revision in
// alembic/script/base.py.

import { catchRevisionErrors, RevisionError, type CommandFailure } from "./errors";
import { getRevision, getRevisions } from "./resolve";
import { isRevision, type RevisionMap } from "./types";

export interface NewRevisionRequest {
  readonly revId: string;
  /** `--head` (default "head"), or the revisions given to `merge`. */
  readonly head?: string | readonly string[];
  readonly splice?: boolean;
  /** `--depends-on`: ids, partial ids or branch labels. */
  readonly dependsOn?: readonly string[];
}

export type NewRevisionResult =
  | {
      readonly ok: true;
      /** As the script's down_revision: null, one id, or several for a merge. */
      readonly downRevision: string | string[] | null;
      /** Resolved to full ids, branch labels kept as written; null when none. */
      readonly dependsOn: string[] | null;
    }
  | CommandFailure;

const MULTIPLE_HEADS =
  "Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.";

export function planNewRevision(map: RevisionMap, req: NewRevisionRequest): NewRevisionResult {
  const illegal = ["@", "-", "+"].filter((c) => req.revId.includes(c)).sort();
  if (illegal.length > 0) {
    return { ok: false, error: `Character(s) '${illegal.join(", ")}' not allowed in revision identifier '${req.revId}'` };
  }
  const head = req.head ?? "head";
  const heads = catchRevisionErrors(
    () => getRevisions(map, typeof head === "string" ? head : [...head]).filter(isRevision),
    { multipleHeads: MULTIPLE_HEADS },
  );
  if (!Array.isArray(heads)) return heads;
  if (new Set(heads).size !== heads.length) return { ok: false, error: "Duplicate head revisions specified" };
  if (!req.splice) {
    const notHead = heads.find((h) => h.nextRevisions.length > 0);
    if (notHead) {
      return {
        ok: false,
        error: `Revision ${notHead.revision} is not a head revision; please specify --splice to create a new branch from this revision`,
      };
    }
  }
  if (map.revisions.has(req.revId) || map.labels.has(req.revId)) {
    // Alembic only warns and then shadows the older script; Retort refuses
    return { ok: false, error: `Revision ${req.revId} is present more than once. Choose another --rev-id.` };
  }
  const deps = catchRevisionErrors(() =>
    (req.dependsOn ?? []).map((dep) => {
      const rev = getRevision(map, dep);
      if (rev === null) throw new RevisionError(`'${dep}' does not name a revision to depend on; give a revision id or a branch label`);
      return rev.branchLabels.includes(dep) ? dep : rev.revision;
    }),
  );
  if (!Array.isArray(deps)) return deps;
  const ids = heads.map((h) => h.revision);
  const downRevision = ids.length === 0 ? null : ids.length === 1 ? (ids[0] as string) : ids;
  return { ok: true, downRevision, dependsOn: deps.length > 0 ? deps : null };
}
