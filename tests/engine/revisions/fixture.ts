// Inline graphs for the revision tests, written as Alembic's own tests name them:
// "b<a" is b revising a, "d<c1,c2" a merge, "|deps=x,y" and "|labels=l" add depends_on and branch labels.

import { buildRevisionMap, type RevisionHeader, type RevisionMap } from "../../../src/engine/revisions";

export function headers(...specs: string[]): RevisionHeader[] {
  return specs.map((spec) => {
    const [head = "", ...opts] = spec.split("|");
    const [revision = "", down] = head.split("<");
    const downs = down ? down.split(",") : [];
    const opt = Object.fromEntries(opts.map((o) => o.split("=") as [string, string]));
    return {
      revision,
      downRevision: downs.length === 0 ? null : downs.length === 1 ? (downs[0] as string) : downs,
      branchLabels: opt.labels ? opt.labels.split(",") : null,
      dependsOn: opt.deps ? opt.deps.split(",") : null,
      message: `msg ${revision}`,
    };
  });
}

export function graph(...specs: string[]): RevisionMap {
  const built = buildRevisionMap(headers(...specs));
  if (!built.ok) throw new Error(built.error);
  return built.map;
}
