// "Simulate a teammate" (issue 11): what another developer of the team would have committed
// meanwhile. They started from the revision your latest revision also starts from, changed a
// model and ran `flask db migrate`; you pulled their work. So their revision is a sibling of
// yours (two heads, the team workflow of seeds/3 that otherwise needs `revision --head X
// --splice`), rendered as `migrate` renders one, and models.ts gets their model change, as a
// merge of their commit would: after `merge heads` and `upgrade`, `migrate` detects nothing.

import { compareSchemas } from "../autogenerate";
import type { ScriptSet } from "../commands/context";
import { toHeader } from "../commands/context";
import { schemaAt } from "../commands/steps";
import { parseModels } from "../models";
import { reverseOps } from "../ops/reverse";
import { newRevisionId, renderMigrationScript, scriptFileName } from "../render";
import { buildRevisionMap, type Revision } from "../revisions";
import { findColumn, findTable, type Schema, type Table } from "../schema/model";
import { toDdl } from "../schema/types";
import { parseMigrationScript } from "../script";
import {
  DEFAULT_MIGRATIONS_DIR, isInitialised, joinPath, listScripts, MODELS_FILE, modelsSource, versionsDir, withFile, type Workspace,
} from "../workspace/workspace";
import { COLUMN_IDEAS, TABLE_IDEAS } from "./ideas";
import { classOfTable, readModelFile, withClass, withColumn, type ModelFile } from "./models-edit";

export interface TeammateOptions {
  /** [0, 1): which change, and the revision id. The same sequence gives the same teammate. */
  readonly random: () => number;
  /** The new script's Create Date. */
  readonly clock: () => Date;
  readonly directory?: string;
}

export type TeammateChange =
  | { readonly kind: "add_column"; readonly table: string; readonly column: string }
  | { readonly kind: "create_table"; readonly table: string; readonly references: string | null };

export type TeammateResult =
  | {
      readonly ok: true;
      readonly workspace: Workspace;
      readonly revision: string;
      /** As their script's down_revision: your latest revision's own, so the two are siblings. */
      readonly downRevision: string | readonly string[] | null;
      /** The revision of yours that theirs sits next to. */
      readonly sibling: string;
      readonly message: string;
      readonly path: string;
      readonly change: TeammateChange;
      /** The heads now, yours first. */
      readonly heads: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

const refuse = (message: string): TeammateResult => ({ ok: false, message });

function loadScripts(ws: Workspace, directory: string): ScriptSet | string {
  const scripts = [];
  for (const { path, source } of listScripts(ws, directory)) {
    const parsed = parseMigrationScript(source);
    if (!parsed.ok || parsed.diagnostics.some((d) => d.severity === "error")) return `${path} cannot be read as a migration script: fix it first, since a teammate's revision is added to the same history.`;
    scripts.push({ path, script: parsed.script });
  }
  const built = buildRevisionMap(scripts.map(toHeader));
  if (!built.ok) return `The revision history cannot be read (${built.error}): fix it first.`;
  return { scripts, byRevision: new Map(scripts.map((s) => [s.script.revision, s])), map: built.map };
}

/** The change and the models.ts that has it; null when no idea fits this project. */
interface Plan {
  readonly change: TeammateChange;
  readonly message: string;
  readonly models: string;
}

const hasColumn = (t: Table | undefined, name: string) => t !== undefined && findColumn(t, name) !== undefined;

function columnPlans(file: ModelFile, atFork: Schema, atHead: Schema, models: Schema): Plan[] {
  const plans: Plan[] = [];
  for (const table of atFork.tables) {
    const mine = findTable(atHead, table.name);
    const modelled = findTable(models, table.name);
    const cls = classOfTable(file, table.name);
    if (!mine || !modelled || !cls) continue;
    for (const idea of COLUMN_IDEAS) {
      if (!idea.fits.test(table.name) || [table, mine, modelled].some((t) => hasColumn(t, idea.name))) continue;
      if (cls.columns.some((c) => c.attr === idea.name)) continue;
      plans.push({
        change: { kind: "add_column", table: table.name, column: idea.name },
        message: `add ${idea.name} to ${table.name}`,
        models: withColumn(file, cls, idea.name, idea.type),
      });
    }
  }
  return plans;
}

/** A table with a one-column integer primary key, in all three schemas: a foreign key can refer to it. */
function referable(table: Table, others: readonly Schema[]): string | null {
  const pk = table.primaryKey?.columns;
  if (pk?.length !== 1 || !others.every((s) => findTable(s, table.name))) return null;
  const column = findColumn(table, pk[0]!);
  // SQLite gives an INTEGER primary key the rowid (https://www.sqlite.org/lang_createtable.html#rowid)
  return column && toDdl(column.type) === "INTEGER" ? `${table.name}.${column.name}` : null;
}

function tablePlans(file: ModelFile, atFork: Schema, atHead: Schema, models: Schema): Plan[] {
  const plans: Plan[] = [];
  for (const idea of TABLE_IDEAS) {
    if ([atFork, atHead, models].some((s) => findTable(s, idea.table))) continue;
    if (file.classes.some((c) => c.name === idea.className)) continue;
    let target: string | null = null;
    if (idea.reference) {
      const fits = atFork.tables.filter((t) => idea.reference!.fits.test(t.name));
      target = fits.map((t) => referable(t, [atHead, models])).find((r) => r !== null) ?? null;
      if (target === null) continue;
    }
    const reference = idea.reference && target ? { column: idea.reference.column, target } : null;
    plans.push({
      change: { kind: "create_table", table: idea.table, references: target },
      message: `add ${idea.table} table`,
      models: withClass(file, { className: idea.className, table: idea.table, columns: idea.columns, reference }),
    });
  }
  return plans;
}

/** The teammate's models as autogenerate saw them: the schema they started from, plus their change. */
function theirSchema(atFork: Schema, change: TeammateChange, merged: Schema): Schema | null {
  const changed = findTable(merged, change.table);
  if (!changed) return null;
  if (change.kind === "create_table") return { tables: [...atFork.tables, changed] };
  const column = findColumn(changed, change.column);
  if (!column) return null;
  return { tables: atFork.tables.map((t) => (t.name === change.table ? { ...t, columns: [...t.columns, column] } : t)) };
}

function singleHead(set: ScriptSet): Revision | string {
  const heads = set.map.heads;
  if (heads.length === 0) {
    return 'There is no revision yet for a teammate to start from. Generate the first migration (flask db migrate -m "initial migration"), then simulate a teammate.';
  }
  if (heads.length > 1) {
    return `There are already ${heads.length} heads (${heads.join(", ")}). A teammate starts from the shared history, which has one head: merge these first (flask db merge heads), then simulate a teammate.`;
  }
  return set.map.revisions.get(heads[0]!)!;
}

/** What a teammate would have committed meanwhile, or why nothing sensible can be. Never throws. */
export function simulateTeammate(ws: Workspace, options: TeammateOptions): TeammateResult {
  const directory = options.directory ?? DEFAULT_MIGRATIONS_DIR;
  if (!isInitialised(ws, directory)) return refuse(`There is no ${directory}/ folder yet: run flask db init, generate a first migration, then simulate a teammate.`);
  const source = modelsSource(ws);
  if (source === undefined) return refuse(`${MODELS_FILE} does not exist: a teammate's model change needs your models to go into.`);
  const current = parseModels(source);
  if (current.diagnostics.some((d) => d.severity === "error")) return refuse(`${MODELS_FILE} has errors: fix them first, since a teammate's model change is merged into it.`);
  const set = loadScripts(ws, directory);
  if (typeof set === "string") return refuse(set);
  const head = singleHead(set);
  if (typeof head === "string") return refuse(head);
  let atFork: Schema;
  let atHead: Schema;
  try {
    atFork = schemaAt(set, set.map, head.downRevisions);
    atHead = schemaAt(set, set.map, [head.revision]);
  } catch (e) {
    return refuse(`The tables at revision ${head.revision} cannot be worked out from the scripts (${e instanceof Error ? e.message : String(e)}), so no teammate's change can be planned.`);
  }
  const file = readModelFile(source);
  const plans = [...columnPlans(file, atFork, atHead, current.schema), ...tablePlans(file, atFork, atHead, current.schema)];
  if (plans.length === 0) return refuse("Every change a teammate would plausibly make here is already in your models or history: there is nothing left for them to add.");
  const plan = plans[Math.min(plans.length - 1, Math.floor(options.random() * plans.length))]!;
  return commit(ws, directory, set, head, plan, atFork, options);
}

function commit(ws: Workspace, directory: string, set: ScriptSet, head: Revision, plan: Plan, atFork: Schema, options: TeammateOptions): TeammateResult {
  const merged = parseModels(plan.models);
  const theirs = theirSchema(atFork, plan.change, merged.schema);
  if (merged.diagnostics.some((d) => d.severity === "error") || !theirs) return refuse(`The teammate's change (${plan.message}) does not fit ${MODELS_FILE} as it is written.`);
  const ops = compareSchemas(atFork, theirs).ops;
  let revision = newRevisionId(options.random);
  while (set.map.revisions.has(revision)) revision = newRevisionId(options.random);
  const downRevision = head.header.downRevision !== null && head.header.downRevision.length === 0 ? null : head.header.downRevision;
  const script = renderMigrationScript({
    message: plan.message,
    revision,
    downRevision,
    branchLabels: null,
    dependsOn: null,
    createDate: options.clock(),
    upgradeOps: ops,
    downgradeOps: reverseOps(ops),
  });
  const path = joinPath(versionsDir(directory), scriptFileName(revision, plan.message));
  const workspace = withFile(withFile(ws, MODELS_FILE, plan.models), path, script);
  return { ok: true, workspace, revision, downRevision, sibling: head.revision, message: plan.message, path, change: plan.change, heads: [head.revision, revision] };
}
