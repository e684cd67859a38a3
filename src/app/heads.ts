// Two heads (two branches of revisions that no revision joins yet): a one-step `upgrade` needs
// one head ("Multiple head revisions are present"), so the History panel's Upgrade (+1) says why
// it is off and offers the fix, `flask db merge heads`, which writes a revision joining them.
// "Upgrade to head" runs `upgrade heads`, which Alembic takes with any number of heads: it stays on.

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

/** "Two heads: 1a2b…, 3c4d… — one step up needs one head; Upgrade to head runs every branch. Merge them:" */
export function splitHeadsNote(heads: readonly string[]): string {
  const count = COUNT_WORDS[heads.length] ?? String(heads.length);
  return `${count} heads: ${heads.map((h) => `${h.slice(0, 4)}…`).join(", ")} — one step up needs one head; Upgrade to head runs every branch. Merge them:`;
}
