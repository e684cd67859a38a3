// The words a step-through shows at each statement: which group it belongs to ("batch move and
// copy", 2 of 6), what it does ("copy the rows"), one line on why SQLite needs it, and the tables
// it touches (for a before/after view of their rows). All of them here, in one place.

import type { MigrateOp, OpOfKind } from "../ops/ops";
import { ident, needsRecreate, tempTableName } from "../execute";
import type { VersionChange } from "./step";

export interface StatementDescription {
  /** "batch move and copy", "add column", "alembic_version". */
  readonly group: string;
  /** 0-based place of the statement in its group, and the group's size. */
  readonly index: number;
  readonly count: number;
  /** "copy the rows". */
  readonly purpose: string;
  /** One line on why SQLite needs this statement. */
  readonly why: string;
  /** The tables it reads or writes, e.g. ["users", "_alembic_tmp_users"]. */
  readonly touches: readonly string[];
}

const VERB = /^\s*(CREATE (?:UNIQUE )?INDEX|CREATE TABLE|DROP TABLE|DROP INDEX|INSERT|UPDATE|DELETE|ALTER TABLE \S+ (?:RENAME TO|ADD COLUMN|DROP COLUMN))/i;

const PURPOSE: readonly [RegExp, string][] = [
  [/^CREATE TABLE/i, "create the table"],
  [/^CREATE (UNIQUE )?INDEX/i, "create the index"],
  [/^DROP TABLE/i, "drop the table"],
  [/^DROP INDEX/i, "drop the index"],
  [/RENAME TO$/i, "rename the table"],
  [/ADD COLUMN$/i, "add the column"],
  [/DROP COLUMN$/i, "drop the column"],
  [/^INSERT/i, "insert rows"],
  [/^UPDATE/i, "update rows"],
  [/^DELETE/i, "delete rows"],
];

const purposeOf = (sql: string) => {
  const verb = VERB.exec(sql)?.[1] ?? "";
  return PURPOSE.find(([re]) => re.test(verb))?.[1] ?? "run the SQL";
};

const WHY: Partial<Record<MigrateOp["kind"], string>> = {
  create_table: "SQLite takes the columns and constraints in CREATE TABLE; each index is a statement of its own.",
  drop_table: "DROP TABLE removes the table with its indexes.",
  rename_table: "SQLite's ALTER TABLE RENAME TO renames in place and rewrites the foreign keys that name the table.",
  add_column: "SQLite's ALTER TABLE ADD COLUMN appends the column in place: no copy is needed.",
  drop_column: "SQLite's ALTER TABLE DROP COLUMN drops in place, as long as no index, key or constraint uses the column.",
  create_index: "An index is an object of its own in SQLite: made without touching the table's rows.",
  drop_index: "An index is an object of its own in SQLite: dropped without touching the table's rows.",
  execute: "op.execute: the SQL runs as written.",
  bulk_insert: "op.bulk_insert: one INSERT per row, the values written inline.",
  modify_table: "Only index changes and added columns: SQLite's own ALTER TABLE and CREATE INDEX do them in place, so Alembic does not rebuild the table.",
};

const GROUP: Record<MigrateOp["kind"], string> = {
  create_table: "create table",
  drop_table: "drop table",
  rename_table: "rename table",
  add_column: "add column",
  drop_column: "drop column",
  alter_column: "alter column",
  create_index: "create index",
  drop_index: "drop index",
  create_unique_constraint: "create unique constraint",
  create_foreign_key: "create foreign key",
  create_check_constraint: "create check constraint",
  drop_constraint: "drop constraint",
  execute: "execute",
  bulk_insert: "bulk insert",
  modify_table: "batch block",
};

/** The op that makes Alembic move and copy, in words: "SQLite has no ALTER COLUMN, so …". */
export function rebuildReason(op: OpOfKind<"modify_table">): string {
  const table = `'${op.table}'`;
  const cause = op.ops.find((inner) => needsRecreate([inner]));
  switch (cause?.kind) {
    case "drop_column":
      return `SQLite's ALTER TABLE cannot drop a column with a constraint, so Alembic rebuilds ${table} to drop '${cause.column}'`;
    case "alter_column":
      return `SQLite has no ALTER COLUMN, so Alembic rebuilds ${table} to change '${cause.column}'`;
    case "add_column":
      return `SQLite's ADD COLUMN cannot add a foreign key or an expression default, so Alembic rebuilds ${table} to add '${cause.column.name}'`;
    case "create_unique_constraint":
    case "create_foreign_key":
    case "create_check_constraint":
    case "drop_constraint":
      return `SQLite cannot add or drop a constraint of an existing table, so Alembic rebuilds ${table} (${GROUP[cause.kind]})`;
    default:
      return `SQLite cannot make this change in place, so Alembic rebuilds ${table}`;
  }
}

function rebuildStatement(op: OpOfKind<"modify_table">, sql: string): Pick<StatementDescription, "purpose" | "why" | "touches"> {
  const temp = tempTableName(op.table);
  const reason = rebuildReason(op);
  const starts = (prefix: string) => sql.startsWith(prefix);
  if (starts(`CREATE TABLE ${ident(temp)} `)) return { purpose: "create the new table under a temporary name", why: `${reason}: the new shape is made beside the old table, as ${temp}.`, touches: [temp] };
  if (starts(`INSERT INTO ${ident(temp)} `)) return { purpose: "copy the rows", why: `${reason}: every row is copied into ${temp} while ${op.table} still holds them.`, touches: [op.table, temp] };
  if (sql === `DROP TABLE ${ident(op.table)}`) return { purpose: "drop the old table", why: `${reason}: the old table goes once its rows are safe in ${temp}.`, touches: [op.table] };
  if (starts(`ALTER TABLE ${ident(temp)} RENAME TO `)) return { purpose: "give the new table the old name", why: `${reason}: ${temp} takes the old name, so queries and foreign keys find it.`, touches: [temp, op.table] };
  if (/^CREATE (UNIQUE )?INDEX/.test(sql)) return { purpose: "re-create the index", why: "Dropping the old table dropped its indexes; they are made again on the new one.", touches: [op.table] };
  const renamed = op.ops.filter((o) => o.kind === "rename_table").at(-1);
  return { purpose: "rename the table", why: "A rename in a batch block runs after the move and copy, as Alembic does.", touches: renamed ? [op.table, renamed.newName] : [op.table] };
}

function tablesOf(op: MigrateOp): string[] {
  if (op.kind === "create_table") return [op.table.name];
  if (op.kind === "rename_table") return [op.table, op.newName];
  return "table" in op && typeof op.table === "string" ? [op.table] : [];
}

/** The description of statement `index` of the statements an op ran as. */
export function describeStatement(op: MigrateOp, statements: readonly string[], index: number): StatementDescription {
  const sql = statements[index] ?? "";
  const place = { index, count: statements.length };
  if (op.kind === "modify_table" && needsRecreate(op.ops)) return { group: "batch move and copy", ...place, ...rebuildStatement(op, sql) };
  return { group: GROUP[op.kind], ...place, purpose: purposeOf(sql), why: WHY[op.kind] ?? "", touches: tablesOf(op) };
}

export function describeVersionChange(change: VersionChange, index = 0, count = 1): StatementDescription {
  const purpose =
    change.kind === "insert" ? `record revision ${change.revision}` : change.kind === "update" ? `move from ${change.from} to ${change.to}` : `forget revision ${change.revision}`;
  const why = "Alembic keeps the revision the database is at in alembic_version, changed in the revision's own transaction, so `db current` always matches the schema.";
  return { group: "alembic_version", index, count, purpose, why, touches: ["alembic_version"] };
}
