// Two heads (two branches of revisions that no revision joins yet): a one-step `upgrade` needs
// one head ("Multiple head revisions are present"), so the History panel's Upgrade (+1) says why
// it is off and offers the fix, `flask db merge heads`, which writes a revision joining them.
// "Upgrade to head" runs `upgrade heads`, which Alembic takes with any number of heads: it stays on.
// The same offer is made wherever else two heads block: the Pending panel's Generate (`migrate`
// has no one head to put its revision on) and the terminal, after an error that two heads cause.

import type { CommandView, HistoryView } from "./protocol";

/** The command the merge button runs, as typed into the terminal. */
export const MERGE_HEADS_ARGV: readonly string[] = ["merge", "heads"];
export const MERGE_HEADS_TYPED = "flask db merge heads";

const COUNT_WORDS = ["", "One", "Two", "Three", "Four", "Five"];

/** The heads of the history when there is more than one; empty otherwise. */
export function splitHeads(history: HistoryView | undefined): readonly string[] {
  const heads = (history?.revisions ?? []).filter((r) => r.isHead).map((r) => r.id);
  return heads.length > 1 ? heads : [];
}

/**
 * True when the database is at every head: nothing is left to upgrade. At one head of two (a
 * teammate's branch not run yet), Upgrade to head (`upgrade heads`) still has work to do.
 */
export function atEveryHead(history: HistoryView | undefined): boolean {
  const heads = (history?.revisions ?? []).filter((r) => r.isHead).map((r) => r.id);
  return heads.length > 0 && heads.every((h) => history!.current.includes(h));
}

/** "Two heads: 1a2b…, 3c4d… — one step up needs one head; Upgrade to head runs every branch. Merge them:" */
export function splitHeadsNote(heads: readonly string[]): string {
  const count = COUNT_WORDS[heads.length] ?? String(heads.length);
  return `${count} heads: ${heads.map((h) => `${h.slice(0, 4)}…`).join(", ")} — one step up needs one head; Upgrade to head runs every branch. Merge them:`;
}

/** "Two heads: 1a2b…, 3c4d… — migrate needs one head to put the new revision on. Merge them:" */
export function migrateHeadsNote(heads: readonly string[]): string {
  const count = COUNT_WORDS[heads.length] ?? String(heads.length);
  return `${count} heads: ${heads.map((h) => `${h.slice(0, 4)}…`).join(", ")} — \`flask db migrate\` needs one head to put the new revision on ("Multiple heads are present; …"). Merge them, then upgrade:`;
}

/**
 * Alembic's errors where two heads are in the way (checked against Flask-Migrate 4 / Alembic 1.8):
 * `revision`/`migrate` ("Multiple heads are present; please specify the head revision…"),
 * `upgrade`, `show head`, `edit` ("Multiple head revisions are present for given argument…"),
 * `stamp head` ("…please specify a single target revision"), `upgrade +1` from the branch point
 * ("Ambiguous walk") or from the top of one branch ("Relative revision +1 didn't produce 1
 * migrations"), and `migrate` with the database on one branch ("Target database is not up to date.").
 */
const BLOCKED_BY_HEADS: readonly RegExp[] = [
  /^Error: Multiple heads are present; /,
  /^Error: Multiple head revisions are present/,
  /^Error: Ambiguous walk$/,
  /^Error: Relative revision [+-]?\d+ didn't produce \d+ migrations$/,
  /^Error: Target database is not up to date\.$/,
];

/** True when a command failed because the history has several heads: the merge is the way on. */
export function offersMerge(result: CommandView): boolean {
  if (result.exitCode === 0 || splitHeads(result.snapshot.history).length === 0) return false;
  return result.lines.some((line) => line.level === "error" && BLOCKED_BY_HEADS.some((pattern) => pattern.test(line.text)));
}

/** The words before the terminal's merge button: the error and the hint above it say why. */
export const MERGE_OFFER_TEXT = "Merge the heads now:";
