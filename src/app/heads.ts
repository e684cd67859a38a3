// Two heads (two branches of revisions that no revision joins yet): Alembic's `upgrade` needs one
// head ("Multiple head revisions are present"), so the History panel's Upgrade buttons say why
// they are off and offer the fix, `flask db merge heads`, which writes a revision joining them.

import type { HistoryView } from "./protocol";

/** The command the merge button runs, as typed into the terminal. */
export const MERGE_HEADS_ARGV: readonly string[] = ["merge", "heads"];
export const MERGE_HEADS_TYPED = "flask db merge heads";

const COUNT_WORDS = ["", "One", "Two", "Three", "Four", "Five"];

/** The heads of the history when there is more than one; empty otherwise. */
export function splitHeads(history: HistoryView | undefined): readonly string[] {
  const heads = (history?.revisions ?? []).filter((r) => r.isHead).map((r) => r.id);
  return heads.length > 1 ? heads : [];
}

/** "Two heads: 1a2b…, 3c4d… — upgrade needs one head. Merge them:" */
export function splitHeadsNote(heads: readonly string[]): string {
  const count = COUNT_WORDS[heads.length] ?? String(heads.length);
  return `${count} heads: ${heads.map((h) => `${h.slice(0, 4)}…`).join(", ")} — upgrade needs one head. Merge them:`;
}
