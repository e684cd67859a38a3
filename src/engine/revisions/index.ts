// The revision graph (Alembic's RevisionMap) and upgrade / downgrade / stamp planning.
// Every exported function returns a result object and never throws a revision error.

export type { Resolved, Revision, RevisionHeader, RevisionMap, RevisionMapResult } from "./types";
export { isBase, isBranchPoint, isHead, isMergePoint, isRealHead } from "./types";
export type { CommandFailure } from "./errors";
export { buildRevisionMap } from "./build";
export { planDowngrade, planStamp, planUpgrade, type PlannedStamp, type PlanResult, type StampResult } from "./plan";
export {
  currentRevisions,
  iterateHistory,
  listBranchPoints,
  listHeads,
  showRevisions,
  walkRevisions,
  type BranchPoint,
  type RevisionsResult,
} from "./history";
export {
  describeStep,
  formatBranchPoint,
  formatCurrentEntry,
  formatHeadEntry,
  formatHistoryEntry,
  formatLogEntry,
  formatRevision,
  STAMP_STEP_NAME,
  type FormatOptions,
} from "./format";
export { checkUpToDate, lookupRevision, lookupRevisions, NOT_UP_TO_DATE, topologicalOrder } from "./lookup";
export { VERSION_TABLE } from "./version-table";
export { planNewRevision, type NewRevisionRequest, type NewRevisionResult } from "./new-revision";
