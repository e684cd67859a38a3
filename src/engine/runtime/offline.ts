// Offline mode (`upgrade --sql`): the SQL Alembic prints instead of running it. On SQLite Alembic
// assumes non-transactional DDL, so there is no BEGIN/COMMIT; each statement has its tabs turned
// into four spaces, a `;`, and a blank line (alembic/ddl/impl.py _exec, static_output). Alembic
// refuses batch blocks here on SQLite; Retort renders them from the schema it tracks (SPEC §3).

import type { Schema } from "../schema/model";
import { applyOpToSchema, toSqlStatements, type TableSource } from "../execute";
import { formatShortLog } from "./format";
import type { MigrationStep } from "./step";
import { DROP_VERSION_TABLE, VERSION_TABLE_DDL, applyVersionChange, versionChangeSql } from "./version-table";

export interface OfflineOptions {
  /** The revisions in alembic_version when the script starts: none when starting from base. */
  readonly currentHeads?: readonly string[];
}

/** One piece of offline output: a statement block, or the step whose "Running …" line Alembic logs here. */
export type OfflinePart = { readonly kind: "sql"; readonly text: string } | { readonly kind: "step"; readonly step: MigrationStep };

const statement = (sql: string) => `${sql.replace(/\t/g, "    ").trim()};\n\n`;

const sourceOf = (schema: Schema): TableSource => ({ table: (name) => schema.tables.find((t) => t.name === name), createSql: () => null });

/** As MigrationContext.run_migrations in as_sql mode, step by step. Throws ExecuteError for ops that cannot be rendered. */
export function renderOfflineParts(steps: readonly MigrationStep[], schemaAtStart: Schema, options: OfflineOptions = {}): OfflinePart[] {
  const parts: OfflinePart[] = [];
  let heads: readonly string[] = options.currentHeads ?? [];
  let schema = schemaAtStart;
  for (const step of steps) {
    // as run_migrations: the version table is created whenever a step starts from no heads
    if (heads.length === 0) parts.push({ kind: "sql", text: statement(VERSION_TABLE_DDL) });
    parts.push({ kind: "step", step });
    parts.push({ kind: "sql", text: `-- Running ${formatShortLog(step)}\n\n` });
    for (const op of step.ops) {
      for (const sql of toSqlStatements(op, sourceOf(schema))) parts.push({ kind: "sql", text: statement(sql) });
      // Alembic prints SQL without looking at the database, so an op naming a table the tracked
      // schema lacks (e.g. one created by raw SQL) still renders; only a batch rebuild needs it
      schema = applyOpToSchema(schema, op, { lenient: true });
    }
    for (const change of step.versionChanges) {
      parts.push({ kind: "sql", text: statement(versionChangeSql(change)) });
      heads = applyVersionChange(heads, change);
    }
  }
  if (heads.length === 0) parts.push({ kind: "sql", text: statement(DROP_VERSION_TABLE) });
  return parts;
}

/** The text `upgrade --sql` / `downgrade --sql` prints on stdout. */
export function renderOfflineSql(steps: readonly MigrationStep[], schemaAtStart: Schema, options: OfflineOptions = {}): string {
  return renderOfflineParts(steps, schemaAtStart, options)
    .map((p) => (p.kind === "sql" ? p.text : ""))
    .join("");
}
