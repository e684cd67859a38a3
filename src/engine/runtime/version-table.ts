// Alembic's alembic_version table (alembic/runtime/migration.py HeadMaintainer, _version), with
// the exact DDL and DML SQLAlchemy compiles for it on SQLite.

import { quoteString } from "../db/database";
import type { Database } from "../db/database";
import type { VersionChange } from "./step";

export const VERSION_TABLE = "alembic_version";

export const VERSION_TABLE_DDL =
  "CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)";

export const DROP_VERSION_TABLE = "DROP TABLE alembic_version";

const where = (revision: string) => `WHERE alembic_version.version_num = ${quoteString(revision)}`;

export function versionChangeSql(change: VersionChange): string {
  switch (change.kind) {
    case "insert":
      return `INSERT INTO alembic_version (version_num) VALUES (${quoteString(change.revision)})`;
    case "update":
      return `UPDATE alembic_version SET version_num=${quoteString(change.to)} ${where(change.from)}`;
    case "delete":
      return `DELETE FROM alembic_version ${where(change.revision)}`;
  }
}

/** The error Alembic raises when an UPDATE or DELETE of alembic_version does not match one row. */
export function versionMismatchMessage(change: VersionChange, found: number): string {
  if (change.kind === "update") {
    return `Online migration expected to match one row when updating '${change.from}' to '${change.to}' in 'alembic_version'; ${found} found. Run \`db current\` to see the recorded revision, or \`db stamp\` to correct it.`;
  }
  const revision = change.kind === "delete" ? change.revision : "";
  return `Online migration expected to match one row when deleting '${revision}' in 'alembic_version'; ${found} found. Run \`db current\` to see the recorded revision, or \`db stamp\` to correct it.`;
}

export function hasVersionTable(db: Database): boolean {
  return db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [VERSION_TABLE]).rows.length > 0;
}

/** The revisions recorded in alembic_version (none when the table does not exist). */
export function currentHeads(db: Database): string[] {
  if (!hasVersionTable(db)) return [];
  return db.query("SELECT version_num FROM alembic_version").rows.map((r) => String(r[0]));
}

/** The heads after a version change, as HeadMaintainer keeps them. */
export function applyVersionChange(heads: readonly string[], change: VersionChange): string[] {
  switch (change.kind) {
    case "insert":
      return [...heads, change.revision];
    case "update":
      return heads.map((h) => (h === change.from ? change.to : h));
    case "delete":
      return heads.filter((h) => h !== change.revision);
  }
}
