// Downgrade is derived, never detected: the reversed list of reversed ops, as Alembic's
// UpgradeOps.reverse() (alembic/operations/ops.py). Each reverse follows that file's
// `reverse()` methods; a drop reverses only when it kept what it dropped (`dropped`).

import type { CheckConstraint, ForeignKey, UniqueConstraint } from "../schema/model";
import {
  addColumn,
  alterColumn,
  createCheckConstraint,
  createForeignKey,
  createIndex,
  createTable,
  createUniqueConstraint,
  dropColumn,
  dropConstraint,
  dropIndex,
  dropTable,
  modifyTable,
  renameTable,
  type AlterColumnOp,
  type DropConstraintOp,
  type MigrateOp,
  type PerKind,
} from "./ops";

/** An op that cannot be reversed without a guess; the downgrade must be written by hand. */
export class IrreversibleOpError extends Error {
  readonly op: MigrateOp;
  constructor(op: MigrateOp, reason: string) {
    super(
      `Operation ${op.kind} ${describeTarget(op)} cannot be reversed: ${reason}. ` +
        "Write the downgrade() of this migration by hand.",
    );
    this.name = "IrreversibleOpError";
    this.op = op;
  }
}

function describeTarget(op: MigrateOp): string {
  switch (op.kind) {
    case "execute":
      return `'${op.sql.length > 40 ? `${op.sql.slice(0, 40)}…` : op.sql}'`;
    case "drop_column":
      return `on '${op.table}.${op.column}'`;
    case "drop_index":
    case "drop_constraint":
      return `'${op.name ?? "(unnamed)"}' on '${op.table}'`;
    default:
      return `on '${op.table}'`;
  }
}

const REVERSERS = {
  create_table: (o) => dropTable(o.table.name, o.table),
  drop_table: (o) => {
    // as DropTableOp.to_table(): without _reverse Alembic re-creates a table with no columns
    if (!o.dropped) throw new IrreversibleOpError(o, "the dropped table's definition is not known");
    return createTable(o.dropped);
  },
  // Alembic's RenameTableOp has no reverse(); renaming back loses nothing, so Retort does it.
  rename_table: (o) => renameTable(o.newName, o.table),
  add_column: (o) => dropColumn(o.table, o.column.name, o.column, o.foreignKeys),
  drop_column: (o) => {
    // as DropColumnOp.reverse(): "operation is not reversible; original column is not present"
    if (!o.dropped) throw new IrreversibleOpError(o, "the original column is not known");
    return addColumn(o.table, o.dropped, o.droppedForeignKeys);
  },
  alter_column: reverseAlterColumn,
  create_index: (o) => dropIndex(o.table, o.index.name, o.index),
  drop_index: (o) => {
    // Alembic 1.8's DropIndexOp.to_index() forgets `unique` (SPEC §3: not copied) and, without
    // _reverse, invents a column "x"; Retort keeps the whole index or refuses.
    if (!o.dropped) throw new IrreversibleOpError(o, "the dropped index's columns are not known");
    return createIndex(o.table, { ...o.dropped, name: o.name });
  },
  create_unique_constraint: (o) => dropConstraint(o.table, o.constraint.name, "unique", o.constraint),
  create_foreign_key: (o) => dropConstraint(o.table, o.foreignKey.name, "foreignkey", o.foreignKey),
  create_check_constraint: (o) => dropConstraint(o.table, o.constraint.name, "check", o.constraint),
  drop_constraint: reverseDropConstraint,
  // ExecuteSQLOp and BulkInsertOp have no reverse() in Alembic: data changes cannot be undone.
  execute: (o) => {
    throw new IrreversibleOpError(o, "raw SQL has no known inverse");
  },
  bulk_insert: (o) => {
    throw new IrreversibleOpError(o, "inserted rows have no known inverse");
  },
  modify_table: (o) => modifyTable(o.table, reverseOps(o.ops)),
} satisfies PerKind<MigrateOp>;

/**
 * As AlterColumnOp.reverse(): every `existing_*` value is carried, and each modified attribute
 * swaps with its `existing_*` counterpart (a modification whose old value is unknown therefore
 * becomes "no change"). Alembic drops `modify_name`; Retort renames back instead.
 */
function reverseAlterColumn(o: AlterColumnOp): AlterColumnOp {
  const changes: Omit<AlterColumnOp, "kind" | "table" | "column"> = {
    ...swapped(o.type, o.existingType, "type", "existingType"),
    ...swapped(o.nullable, o.existingNullable, "nullable", "existingNullable"),
    ...swapped(o.serverDefault, o.existingServerDefault, "serverDefault", "existingServerDefault"),
    ...swappedSqlFlags(o),
    ...(o.newColumnName !== undefined && { newColumnName: o.column }),
  };
  return alterColumn(o.table, o.newColumnName ?? o.column, changes);
}

/** Column.serverDefaultIsSql follows its default across the swap above. */
function swappedSqlFlags(o: AlterColumnOp): Pick<AlterColumnOp, "serverDefaultIsSql" | "existingServerDefaultIsSql"> {
  const out: { serverDefaultIsSql?: true; existingServerDefaultIsSql?: true } = {};
  if (o.serverDefault === undefined) {
    if (o.existingServerDefault !== undefined && o.existingServerDefaultIsSql) out.existingServerDefaultIsSql = true;
    return out;
  }
  if (o.serverDefaultIsSql) out.existingServerDefaultIsSql = true;
  if (o.existingServerDefault !== undefined && o.existingServerDefaultIsSql) out.serverDefaultIsSql = true;
  return out;
}

function swapped<T, M extends string, E extends string>(
  modified: T | undefined,
  existing: T | undefined,
  modifyKey: M,
  existingKey: E,
): Partial<Record<M | E, T>> {
  const out: Partial<Record<M | E, T>> = {};
  if (modified === undefined) {
    if (existing !== undefined) out[existingKey] = existing;
    return out;
  }
  out[existingKey] = modified;
  if (existing !== undefined) out[modifyKey] = existing;
  return out;
}

/**
 * As DropConstraintOp.reverse(): the kept constraint, renamed to the dropped name, chooses the
 * create op (AddConstraintOp.from_constraint dispatches on the constraint, not on `type_`).
 */
function reverseDropConstraint(o: DropConstraintOp): MigrateOp {
  const d = o.dropped;
  if (!d) throw new IrreversibleOpError(o, "the dropped constraint's definition is not known");
  if (o.type === "primary") throw new IrreversibleOpError(o, "Retort has no operation that creates a primary key");
  if (isForeignKey(d)) return createForeignKey(o.table, { ...d, name: o.name });
  if (isCheck(d)) return createCheckConstraint(o.table, { ...d, name: o.name });
  return createUniqueConstraint(o.table, { ...d, name: o.name });
}

const isForeignKey = (c: UniqueConstraint | ForeignKey | CheckConstraint): c is ForeignKey => "referredTable" in c;
const isCheck = (c: UniqueConstraint | ForeignKey | CheckConstraint): c is CheckConstraint => "sqltext" in c;

export function reverseOp(op: MigrateOp): MigrateOp {
  return (REVERSERS[op.kind] as (o: MigrateOp) => MigrateOp)(op);
}

/** As UpgradeOps.reverse(): each op reversed, in reverse order. */
export function reverseOps(ops: readonly MigrateOp[]): MigrateOp[] {
  return ops.map(reverseOp).reverse();
}
