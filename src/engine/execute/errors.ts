// Errors of the executor. Each message is a full sentence that names the table, the op and the fix.

import type { MigrateOp } from "../ops/ops";

export class ExecuteError extends Error {
  constructor(
    message: string,
    readonly op?: MigrateOp,
  ) {
    super(message);
    this.name = "ExecuteError";
  }
}

/** Alembic raises a bare "Constraint must have a name"; Retort says which one and how to fix it. */
export function unnamedConstraintError(table: string, what: string, columns: readonly string[], op: MigrateOp): ExecuteError {
  return new ExecuteError(
    `${what} on ${table}(${columns.join(", ")}) has no name: SQLite batch mode must create and drop constraints by name ` +
      `(Alembic: "Constraint must have a name"). Add a naming convention to SQLAlchemy({ namingConvention }) ` +
      `or pass { name } to the constraint.`,
    op,
  );
}

export function missingTableError(table: string, op: MigrateOp): ExecuteError {
  return new ExecuteError(`${op.kind} names table '${table}', which does not exist at this point of the migration. Check the table name or the order of the revisions.`, op);
}

export function missingColumnError(table: string, column: string, op: MigrateOp): ExecuteError {
  return new ExecuteError(`${op.kind} names column '${table}.${column}', which does not exist at this point of the migration. Check the column name.`, op);
}
