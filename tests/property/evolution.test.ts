// Random model evolutions, end to end through `db` commands on real sql.js databases: init,
// migrate + upgrade a random models.ts, insert rows, migrate + upgrade a random evolution of it,
// downgrade. The downgrade gives back the schema exactly (normalised dump, see evolution-dump.ts)
// and the values of every column both versions have; upgrading again gives back the upgraded
// schema; and migrate right after each upgrade detects nothing (models == database).
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { runCommand, type CommandResult } from "../../src/engine/commands";
import { openTestDatabase } from "../binding";
import { newWorkspace, withFile, type Workspace } from "../../src/engine/workspace/workspace";
import { colName, randomModel, rngOf, type ModelSpec } from "./evolution-model";
import { evolve } from "./evolution-change";
import { modelsSource } from "./evolution-source";
import { randomRows, type TableRows } from "./evolution-rows";
import { dumpSchema, emptyTables, insertRows, readColumns, type SchemaDump } from "./evolution-dump";

const RUNS = process.env.CI ? 500 : Number(process.env.EVOLUTION_RUNS ?? 60);
/** How the cases ended, printed with EVOLUTION_STATS=1 to see that the generator reaches each. */
const stats = { unchanged: 0, rolledBack: 0, applied: 0 };
const NO_CHANGES = "No changes in schema detected.";

interface Runner {
  ws: Workspace;
  run(...argv: string[]): Promise<CommandResult>;
}

function runner(models: string, seed: number): Runner {
  const random = rngOf(seed ^ 0x5eed);
  const r: Runner = {
    ws: newWorkspace("evolution", models),
    async run(...argv) {
      const result = await runCommand(argv, r.ws, { openDatabase: openTestDatabase, random, clock: () => new Date(2026, 10, 22) });
      r.ws = result.workspace;
      return result;
    },
  };
  return r;
}

const textOf = (r: CommandResult) => r.lines.map((l) => l.text).join("\n");

async function ok(r: Runner, ...argv: string[]): Promise<CommandResult> {
  const result = await r.run(...argv);
  if (result.exitCode !== 0) throw new Error(`db ${argv.join(" ")} failed:\n${textOf(result)}`);
  return result;
}

async function expectNoChanges(r: Runner, label: string): Promise<void> {
  const result = await ok(r, "migrate", "-m", "again");
  if (!textOf(result).includes(NO_CHANGES)) throw new Error(`migrate after ${label} detected changes:\n${textOf(result)}`);
}

/** Throws with the lines of the two dumps that differ, which toEqual's summary would hide. */
function same(label: string, actual: SchemaDump, expected: SchemaDump): void {
  const lines = (d: SchemaDump) => [...d.master, ...Object.entries(d.tables).flatMap(([t, v]) => [...v.columns.map((c) => `${t} column ${JSON.stringify(c)}`), ...v.indexes.map((i) => `${t} index ${i}`), ...v.foreignKeys.map((f) => `${t} fk ${f}`)]), `versions ${JSON.stringify(d.versions)}`];
  const a = lines(actual);
  const e = lines(expected);
  const missing = e.filter((x) => !a.includes(x));
  const extra = a.filter((x) => !e.includes(x));
  if (missing.length > 0 || extra.length > 0) throw new Error(`${label}: expected\n  ${missing.join("\n  ")}\nbut got\n  ${extra.join("\n  ")}`);
}

/** The columns (by table) that both versions have: their values must survive. */
function survivors(v1: ModelSpec, v2: ModelSpec, data: readonly TableRows[]): { table: string; columns: string[]; retyped: Set<string> }[] {
  return data.flatMap((t) => {
    const later = v2.tables.find((x) => x.tablename === t.table);
    const first = v1.tables.find((x) => x.tablename === t.table);
    if (!later || !first) return [];
    const typeIn = (spec: typeof first, name: string) => JSON.stringify(spec.cols.find((c) => colName(c) === name)?.type.kind);
    const names = new Set(later.cols.map(colName));
    const columns = t.columns.filter((c) => names.has(c));
    return [{ table: t.table, columns, retyped: new Set(columns.filter((c) => typeIn(first, c) !== typeIn(later, c))) }];
  });
}

/** The surviving values; `upgraded`: in the second version, where a changed type cast them. */
async function readSurvivors(bytes: Uint8Array | null, cols: ReturnType<typeof survivors>, upgraded = false) {
  return Promise.all(cols.map(async ({ table, columns, retyped }) => ({ table, values: await readColumns(bytes, table, columns, upgraded ? retyped : new Set()) })));
}

/** The id of the revision whose script is named `<rev>_<slug>.ts`. */
function revisionOf(ws: Workspace, slug: string): string {
  const path = Object.keys(ws.files).find((p) => p.endsWith(`_${slug}.ts`));
  const id = path?.split("/").pop()?.split("_")[0];
  if (id === undefined) throw new Error(`no script for "${slug}" among ${Object.keys(ws.files).join(", ")}`);
  return id;
}

/** `<a>:<b> --sql` between two revisions, its SQL run on a copy of the current database. */
async function offlineRun(r: Runner, command: "upgrade" | "downgrade", from: string, to: string): Promise<Uint8Array> {
  const result = await ok(r, command, `${revisionOf(r.ws, from)}:${revisionOf(r.ws, to)}`, "--sql");
  const sql = result.lines.filter((l) => l.level === "info" && l.log !== true).map((l) => l.text).join("\n");
  const db = await openTestDatabase(r.ws.database ?? undefined);
  try {
    db.exec(sql);
    return db.export();
  } catch (e) {
    throw new Error(`${command} --sql gave SQL that SQLite refuses (${e instanceof Error ? e.message : String(e)}):\n${sql}`);
  } finally {
    db.close();
  }
}

/** Whether the repeated value of `duplicates` ends under a unique over that one column. */
function uniqueOverDuplicates(v2: ModelSpec): boolean {
  const d = v2.duplicates;
  const t = d && v2.tables.find((x) => x.tablename === d.table);
  if (!d || !t) return false;
  return t.cols.some((c) => colName(c) === d.column && c.unique) || t.args.some((a) => (a.kind === "unique" || a.unique === true) && a.cols.length === 1 && a.cols[0] === d.column);
}

/**
 * Whether the evolution adds a NOT NULL column without a server default to a table of the first
 * version: "never" where there is none, "must" where that table has rows (no value to give them),
 * "may" on an empty table (SQLite's ALTER TABLE ADD COLUMN refuses it even then, but a batch
 * rebuild of the same table copies no rows and succeeds). A unique over a repeated value must fail.
 */
function mustFailOn(v1: ModelSpec, v2: ModelSpec, data: readonly TableRows[]): "never" | "may" | "must" {
  if (uniqueOverDuplicates(v2)) return "must";
  let verdict: "never" | "may" | "must" = "never";
  for (const t of v2.tables) {
    const old = v1.tables.find((x) => x.tablename === t.tablename);
    if (!old) continue;
    const added = t.cols.filter((c) => !c.nullable && c.serverDefault === undefined && !old.cols.some((o) => colName(o) === colName(c)));
    if (added.length === 0) continue;
    if ((data.find((d) => d.table === t.tablename)?.rows.length ?? 0) > 0) return "must";
    verdict = "may";
  }
  return verdict;
}

/**
 * Upgrades to the second revision. An evolution that cannot apply must fail and leave the database
 * exactly as before (SPEC §3: every revision in its own transaction); returns whether it applied.
 */
async function upgradeOrRollBack(r: Runner, verdict: "never" | "may" | "must", before: SchemaDump, values: () => Promise<unknown>): Promise<boolean> {
  const valuesBefore = await values();
  const result = await r.run("upgrade");
  if (result.exitCode === 0) {
    if (verdict === "must") throw new Error(`upgrade applied a change that the rows cannot take (a NOT NULL column without a default, or a unique over a repeated value):\n${textOf(result)}`);
    return true;
  }
  if (verdict === "never") throw new Error(`db upgrade failed:\n${textOf(result)}`);
  same("a failed upgrade leaves the schema as before", await dumpSchema(r.ws.database), before);
  expect(await values(), "a failed upgrade leaves the rows as before").toEqual(valuesBefore);
  return false;
}

export async function checkEvolution(seed: number, tableCount: number, naming: boolean, changeCount: number): Promise<void> {
  const rng = rngOf(seed);
  const v1 = randomModel(rng, tableCount, naming);
  const { spec: v2 } = evolve(rng, v1, changeCount);
  const { spec: v3 } = evolve(rng, v2, changeCount);
  const context = [v1, v2, v3].map((v, i) => `models v${i + 1}:\n${modelsSource(v)}`).join("\n");
  try {
    const r = runner(modelsSource(v1), seed);
    await ok(r, "init");
    await ok(r, "migrate", "-m", "first");
    await ok(r, "upgrade");
    await expectNoChanges(r, "the first upgrade");
    // Two evolutions in a row (in half the cases, to keep CI's 500 cases well under a minute),
    // each on fresh rows that both of its versions accept.
    if (!(await evolution(r, { from: v1, to: v2, data: randomRows(rng, v1, v2), slugs: ["first", "second"] })) || seed % 2 === 1) return;
    await evolution(r, { from: v2, to: v3, data: randomRows(rng, v2, v3), slugs: ["second", "third"] });
  } catch (e) {
    throw new Error(`seed ${seed}, ${tableCount} tables, naming ${naming}, ${changeCount} changes\n${context}\n${e instanceof Error ? e.message : String(e)}`);
  }
}

interface Step {
  from: ModelSpec;
  to: ModelSpec;
  data: TableRows[];
  /** The messages of the revision the database is at, and of the one this step generates. */
  slugs: [string, string];
}

/**
 * From a database at `from` with empty tables: insert the rows, migrate to `to`, upgrade,
 * downgrade, upgrade, then (tables emptied) down to base and up again. Returns whether the
 * database ends at the new revision (false: no changes, or an upgrade that had to fail).
 */
async function evolution(r: Runner, { from, to, data, slugs }: Step): Promise<boolean> {
  r.ws = { ...r.ws, database: await insertRows(r.ws.database, data) };
  const before = await dumpSchema(r.ws.database);
  const kept = survivors(from, to, data);
  const valuesBefore = await readSurvivors(r.ws.database, kept);
  const textBefore = await readSurvivors(r.ws.database, kept, true);

  r.ws = withFile(r.ws, "models.ts", modelsSource(to));
  const generated = await ok(r, "migrate", "-m", slugs[1]);
  if (textOf(generated).includes(NO_CHANGES)) return void (stats.unchanged += 1), false;
  const verdict = mustFailOn(from, to, data);
  const offline = verdict === "never" ? await offlineRun(r, "upgrade", slugs[0], slugs[1]) : null;
  if (!(await upgradeOrRollBack(r, verdict, before, async () => readSurvivors(r.ws.database, kept)))) return void (stats.rolledBack += 1), false;
  stats.applied += 1;
  const after = await dumpSchema(r.ws.database);
  if (offline) {
    same("upgrade --sql run on the database gives the upgraded schema", await dumpSchema(offline), after);
    expect(await readSurvivors(offline, kept, true), "upgrade --sql keeps the values").toEqual(textBefore);
  }
  expect(await readSurvivors(r.ws.database, kept, true), "upgrade keeps the values").toEqual(textBefore);
  await expectNoChanges(r, `the upgrade to ${slugs[1]}`);

  const offlineDown = await offlineRun(r, "downgrade", slugs[1], slugs[0]);
  same("downgrade --sql run on the database restores the schema", await dumpSchema(offlineDown), before);
  expect(await readSurvivors(offlineDown, kept), "downgrade --sql keeps the values").toEqual(valuesBefore);

  await ok(r, "downgrade");
  same("downgrade restores the schema", await dumpSchema(r.ws.database), before);
  expect(await readSurvivors(r.ws.database, kept), "downgrade keeps the values").toEqual(valuesBefore);

  await ok(r, "upgrade");
  same("upgrade again gives the upgraded schema", await dumpSchema(r.ws.database), after);
  await baseAndBack(r, after);
  return true;
}

/**
 * The whole chain, down to base and back up through every revision, on empty tables: the rows of
 * a later step need not fit the constraints of the earliest versions.
 */
async function baseAndBack(r: Runner, head: SchemaDump): Promise<void> {
  r.ws = { ...r.ws, database: await emptyTables(r.ws.database) };
  await ok(r, "downgrade", "base");
  const base = await dumpSchema(r.ws.database);
  expect(Object.keys(base.tables), "downgrade base leaves only alembic_version").toEqual(["alembic_version"]);
  expect(base.versions).toEqual([]);
  await ok(r, "upgrade");
  same("upgrade from base gives the upgraded schema", await dumpSchema(r.ws.database), head);
}

describe("random model evolutions", () => {
  test("upgrade, downgrade and upgrade again round-trip schema and surviving rows; autogenerate is idempotent", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.integer({ min: 1, max: 7 }), checkEvolution),
      { numRuns: RUNS, endOnFailure: true },
    );
    if (process.env.EVOLUTION_STATS) console.log(stats);
  }, 600_000);
});
