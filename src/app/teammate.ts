// The terminal's words after "Simulate a teammate": what they committed, where it starts, what
// models.ts got from the pull, and why `flask db upgrade` now needs `flask db merge heads`.

import type { EngineTeammate } from "./engine-facade";
import { MERGE_HEADS_TYPED } from "./heads";

function origin(downRevision: string | readonly string[] | null, sibling: string): string {
  if (downRevision === null) return `from <base>, as your ${sibling} does`;
  const from = typeof downRevision === "string" ? downRevision : downRevision.join(", ");
  return `from ${from}, as your ${sibling} does`;
}

export function teammateNote(t: Extract<EngineTeammate, { ok: true }>): string {
  const pulled = t.change.kind === "add_column" ? `their column ${t.change.table}.${t.change.column}` : `their ${t.change.table} table`;
  return (
    `— A teammate added revision ${t.revision}: ${t.message}, ${origin(t.downRevision, t.sibling)}; models.ts now has ${pulled}. ` +
    `Two heads: ${t.sibling} (yours) and ${t.revision} (theirs). \`flask db upgrade\` needs one head: run \`${MERGE_HEADS_TYPED}\`, then \`flask db upgrade\`.`
  );
}
