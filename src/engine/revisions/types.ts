// The revision graph as plain data: what alembic/script/revision.py keeps in its RevisionMap and
// Revision objects, computed once by buildRevisionMap and never mutated afterwards.

/** A migration script's identifiers, as the script parser reads them from its header. */
export interface RevisionHeader {
  readonly revision: string;
  /** null for a base; several for a merge. An empty array is a base too (as Alembic). */
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels: readonly string[] | null;
  /** Revision ids (full or partial) or branch labels this revision also depends on. */
  readonly dependsOn: readonly string[] | null;
  /** The first paragraph of the docstring (Alembic's `Script.doc`). */
  readonly message: string;
  /** The whole docstring, trimmed (Alembic's `Script.longdoc`); `message` when absent. */
  readonly longDoc?: string;
  /** Where the script lives, for `history -v` / `show` ("Path: …"). */
  readonly path?: string;
}

/** One node of the graph. Field names follow Alembic's attributes, camel-cased. */
export interface Revision {
  readonly revision: string;
  readonly header: RevisionHeader;
  /** `_versioned_down_revisions`: the down_revision(s), without dependencies. */
  readonly downRevisions: readonly string[];
  /** `dependencies` as written (ids, partial ids or branch labels). */
  readonly dependencies: readonly string[];
  /** `_resolved_dependencies`: dependencies as full revision ids. */
  readonly resolvedDependencies: readonly string[];
  /** `_normalized_resolved_dependencies`: minus those an ancestor already depends on. */
  readonly normalizedDependencies: readonly string[];
  /** `_all_down_revisions`: down revisions and resolved dependencies. */
  readonly allDownRevisions: readonly string[];
  /** `_normalized_down_revisions`: down revisions and normalized dependencies. */
  readonly normalizedDownRevisions: readonly string[];
  /** `nextrev`: revisions whose down_revision names this one. */
  readonly nextRevisions: readonly string[];
  /** `_all_nextrev`: also the revisions that depend on this one. */
  readonly allNextRevisions: readonly string[];
  /** Labels given in the script. */
  readonly ownBranchLabels: readonly string[];
  /** Labels given here and those inherited along the branch (`branch_labels`). */
  readonly branchLabels: readonly string[];
}

export interface RevisionMap {
  /** Every revision, in the order the headers were given (Alembic's map order). */
  readonly revisions: ReadonlyMap<string, Revision>;
  /** Branch label -> the revision that declares it. */
  readonly labels: ReadonlyMap<string, string>;
  /** `heads`: revisions no other revision names as down_revision. */
  readonly heads: readonly string[];
  /** `_real_heads`: revisions nothing names as down_revision nor depends on. */
  readonly realHeads: readonly string[];
  /** `bases`: revisions without a down_revision. */
  readonly bases: readonly string[];
  /** `_real_bases`: bases without dependencies either. */
  readonly realBases: readonly string[];
}

export type RevisionMapResult =
  | { readonly ok: true; readonly map: RevisionMap }
  | { readonly ok: false; readonly error: string };

/** What a symbol resolves to: a revision, Alembic's "base" marker, or nothing (None). */
export type Resolved = Revision | "base" | null;

export const isHead = (r: Revision): boolean => r.nextRevisions.length === 0;
export const isRealHead = (r: Revision): boolean => r.allNextRevisions.length === 0;
export const isBase = (r: Revision): boolean => r.downRevisions.length === 0;
export const isBranchPoint = (r: Revision): boolean => r.nextRevisions.length > 1;
export const isRealBranchPoint = (r: Revision): boolean => r.allNextRevisions.length > 1;
export const isMergePoint = (r: Revision): boolean => r.downRevisions.length > 1;
export const isRevision = (r: Resolved | undefined): r is Revision => typeof r === "object" && r !== null;
