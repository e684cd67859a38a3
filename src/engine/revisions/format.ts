// Alembic's text for a revision, verbatim: Script.cmd_format / _head_only / log_entry
// (alembic/script/base.py), the `branches` block (alembic/command.py) and the
// "Running upgrade a -> b, message" line (MigrationStep.__str__ in alembic/runtime/migration.py).

import type { Direction } from "../runtime/step";
import type { BranchPoint } from "./history";
import { isBranchPoint, isHead, isMergePoint, isRealHead, type Revision } from "./types";

export interface FormatOptions {
  /** `-v`: the multi-line log entry instead of one line. */
  readonly verbose?: boolean;
  readonly includeBranches?: boolean;
  readonly includeDoc?: boolean;
  readonly includeParents?: boolean;
  /** "(branchpoint)" / "(mergepoint)"; on unless turned off. */
  readonly treeIndicators?: boolean;
  /** Marks the revision "(current)" (history -i). */
  readonly current?: boolean;
}

/** Script._format_down_revision: "<base>" or the down revisions. */
export function formatDownRevision(rev: Revision): string {
  return rev.downRevisions.length === 0 ? "<base>" : rev.downRevisions.join(", ");
}

const longDocOf = (rev: Revision): string => (rev.header.longDoc ?? rev.header.message).trim();

/** As Script.cmd_format. The verbose form is several lines, ending with an empty one. */
export function formatRevision(rev: Revision, opts: FormatOptions = {}): string {
  if (opts.verbose) return formatLogEntry(rev, opts.current ?? false);
  const tree = opts.treeIndicators ?? true;
  let text = rev.revision;
  if (opts.includeParents) {
    text = rev.dependencies.length > 0
      ? `${formatDownRevision(rev)} (${rev.dependencies.join(", ")}) -> ${text}`
      : `${formatDownRevision(rev)} -> ${text}`;
  }
  if (opts.includeBranches && rev.branchLabels.length > 0) text += ` (${rev.branchLabels.join(", ")})`;
  text += (isRealHead(rev) ? " (head)" : "") + (isHead(rev) && !isRealHead(rev) ? " (effective head)" : "");
  text += opts.current ? " (current)" : "";
  if (tree) text += (isBranchPoint(rev) ? " (branchpoint)" : "") + (isMergePoint(rev) ? " (mergepoint)" : "");
  if (opts.includeDoc) text += `, ${rev.header.message}`;
  return text;
}

/** As Script.log_entry (show, history -v). */
export function formatLogEntry(rev: Revision, current = false): string {
  let entry = `Rev: ${rev.revision}${isHead(rev) ? " (head)" : ""}${isBranchPoint(rev) ? " (branchpoint)" : ""}` +
    `${isMergePoint(rev) ? " (mergepoint)" : ""}${current ? " (current)" : ""}\n`;
  entry += isMergePoint(rev) ? `Merges: ${formatDownRevision(rev)}\n` : `Parent: ${formatDownRevision(rev)}\n`;
  if (rev.dependencies.length > 0) entry += `Also depends on: ${rev.dependencies.join(", ")}\n`;
  if (isBranchPoint(rev)) entry += `Branches into: ${rev.nextRevisions.join(", ")}\n`;
  if (rev.branchLabels.length > 0) entry += `Branch names: ${rev.branchLabels.join(", ")}\n`;
  entry += `Path: ${rev.header.path ?? ""}\n`;
  const doc = longDocOf(rev);
  const paragraphs = doc === "" ? [] : doc.split(/\r\n|\r|\n/).map((line) => `    ${line}`);
  entry += `\n${paragraphs.join("\n")}\n`;
  return entry;
}

/** A `history` line: "33aeb0bd3217 -> 9f3a45b61f3d (head), Added email field". */
export function formatHistoryEntry(rev: Revision, opts: { readonly verbose?: boolean; readonly current?: boolean } = {}): string {
  return formatRevision(rev, { ...opts, includeBranches: true, includeDoc: true, includeParents: true });
}

/** A `heads` line: "9f3a45b61f3d (label) (head)". */
export function formatHeadEntry(rev: Revision, opts: { readonly verbose?: boolean } = {}): string {
  return formatRevision(rev, { ...opts, includeBranches: true, treeIndicators: false });
}

/** A `current` line: "9f3a45b61f3d (head)". */
export function formatCurrentEntry(rev: Revision, opts: { readonly verbose?: boolean } = {}): string {
  return formatRevision(rev, opts);
}

/**
 * The text `branches` prints for one branch point (alembic/command.py branches): the point,
 * then one "<indent> -> child" line per branch, then an empty line.
 */
export function formatBranchPoint(bp: BranchPoint, opts: { readonly verbose?: boolean } = {}): string {
  const verbose = opts.verbose ?? false;
  const indent = " ".repeat(bp.revision.revision.length);
  const children = bp.branches.map(
    (child) => `${indent} -> ${formatRevision(child, { includeBranches: true, includeDoc: verbose })}`,
  );
  return `${formatRevision(bp.revision, { verbose, includeBranches: true })}\n${children.join("\n")}\n`;
}

/** "Running upgrade a -> b, message" without "Running ": MigrationStep.__str__. */
export function describeStep(
  step: { readonly direction: Direction; readonly fromRevisions: readonly string[]; readonly toRevisions: readonly string[] },
  message: string | null,
  name: string = step.direction,
): string {
  const short = `${name} ${step.fromRevisions.join(", ")} -> ${step.toRevisions.join(", ")}`;
  return message ? `${short}, ${message}` : short;
}

/** The name a stamp step logs under ("Running stamp_revision a -> b"). */
export const STAMP_STEP_NAME = "stamp_revision";
