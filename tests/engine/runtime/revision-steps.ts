// Steps as the revision map plans them, written inline in the runtime's tests (a, b, c…), and the
// parent/child pair of tables their batch rebuilds work on.

import { column, emptyTable } from "../../../src/engine/schema/model";
import type { MigrationStep } from "../../../src/engine/runtime/step";

/** Upgrades `from` (null: from base) to `revision`; the direction can be set for a hand-made downgrade. */
export function upgradeStep(
  revision: string,
  from: string | null,
  ops: MigrationStep["ops"],
  options: { readonly direction?: MigrationStep["direction"]; readonly message?: string } = {},
): MigrationStep {
  return {
    revision,
    direction: options.direction ?? "upgrade",
    fromRevisions: from ? [from] : [],
    toRevisions: [revision],
    versionChanges: [from ? { kind: "update", from, to: revision } : { kind: "insert", revision }],
    message: options.message ?? `rev ${revision}`,
    ops,
  };
}

/** Downgrades `revision` to `to` (null: to base). */
export function downgradeStep(revision: string, to: string | null, ops: MigrationStep["ops"]): MigrationStep {
  return {
    revision,
    direction: "downgrade",
    fromRevisions: [revision],
    toRevisions: to ? [to] : [],
    versionChanges: [to ? { kind: "update", from: revision, to } : { kind: "delete", revision }],
    message: `rev ${revision}`,
    ops,
  };
}

export const PARENT = {
  ...emptyTable("parent"),
  columns: [column("id", { name: "Integer" }, { nullable: false }), column("name", { name: "String", length: 20 })],
  primaryKey: { name: null, columns: ["id"] },
};

export const CHILD = {
  ...emptyTable("child"),
  columns: [column("id", { name: "Integer" }, { nullable: false }), column("parent_id", { name: "Integer" })],
  primaryKey: { name: null, columns: ["id"] },
  foreignKeys: [{ name: null, columns: ["parent_id"], referredTable: "parent", referredColumns: ["id"], onDelete: "CASCADE" as const, onUpdate: null }],
};
