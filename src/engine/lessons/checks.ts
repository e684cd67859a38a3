// A lesson step is done when the playground's real state says so (issue 11): its checks are plain
// data, read here against the reflected database, the parsed models and scripts, the revision
// graph and the last command's output. Each unmet check says, in one sentence, what is missing.

import { quoteId, type Database, type SqlValue } from "../db/database";
import { parseModels } from "../models";
import { reflectSchema } from "../reflect";
import { buildRevisionMap } from "../revisions";
import { currentHeads } from "../runtime";
import type { Schema, Table } from "../schema/model";
import { toDdl } from "../schema/types";
import { parseMigrationScript } from "../script";

export type LessonCheck =
  /** The database has (or, with exists: false, has not) the table. */
  | { readonly kind: "table"; readonly table: string; readonly exists?: false; readonly says?: string }
  /** The database's column, and what it must be: its DDL type, unique, its server default. */
  | {
      readonly kind: "column"; readonly table: string; readonly column: string; readonly exists?: false;
      readonly type?: string; readonly unique?: true; readonly serverDefault?: string; readonly says?: string;
    }
  /** A constraint or index of the table with this name (unique, foreign key, check or index). */
  | { readonly kind: "constraint"; readonly table: string; readonly name: string; readonly says?: string }
  | { readonly kind: "rows"; readonly table: string; readonly count: number; readonly says?: string }
  /** A query's first value: `says` is the sentence shown while it differs. */
  | { readonly kind: "query"; readonly sql: string; readonly equals: SqlValue; readonly label: string; readonly says: string }
  /** The database is at the scripts' head (every head, when there are several). */
  | { readonly kind: "at-head"; readonly says?: string }
  | { readonly kind: "revisions"; readonly count: number; readonly says?: string }
  | { readonly kind: "heads"; readonly count: number; readonly says?: string }
  /** Some migration script matches `pattern` (a regular expression's source), or none does (exists: false). */
  | { readonly kind: "script"; readonly pattern: string; readonly exists?: false; readonly label: string; readonly says: string }
  /** models.ts declares (or no longer declares) the column; with serverDefault, with that default. */
  | { readonly kind: "models"; readonly table: string; readonly column: string; readonly exists?: false; readonly serverDefault?: string; readonly says?: string }
  /** The last command was `command` and its output held `output` (failed: it exited non-zero). */
  | { readonly kind: "last-command"; readonly command: string; readonly output: string; readonly failed?: true; readonly label: string; readonly says: string };

export interface LastCommand {
  readonly argv: readonly string[];
  readonly exitCode: number;
  /** Its output lines, joined. */
  readonly output: string;
}

/** What the checks read: the live database, the files as typed, and the last command. */
export interface LessonStateInput {
  readonly db: Database;
  readonly files: Readonly<Record<string, string>>;
  readonly lastCommand: LastCommand | null;
}

export interface CheckResult {
  readonly met: boolean;
  /** The check in words ("users has a column email"), shown with ✓ or ○. */
  readonly label: string;
  /** What is still missing; null when met. */
  readonly missing: string | null;
}

interface State {
  readonly db: Database;
  readonly schema: Schema;
  readonly models: Schema | null;
  readonly scripts: readonly string[];
  readonly heads: readonly string[] | null;
  readonly revisionCount: number;
  readonly current: readonly string[];
  readonly lastCommand: LastCommand | null;
}

/** Every check against one reading of the state (reflection and parsing happen once). */
export function evaluateChecks(checks: readonly LessonCheck[], input: LessonStateInput): CheckResult[] {
  const state = readState(input);
  return checks.map((check) => evaluate(check, state));
}

function readState({ db, files, lastCommand }: LessonStateInput): State {
  const scriptPaths = Object.keys(files).filter((p) => /^migrations\/versions\/.+\.ts$/.test(p));
  const scripts = scriptPaths.map((p) => files[p]!);
  const headers = scripts.flatMap((text) => {
    const parsed = parseMigrationScript(text);
    return parsed.ok ? [parsed.script] : [];
  });
  const built = buildRevisionMap(headers);
  const models = files["models.ts"] === undefined ? null : parseModels(files["models.ts"]);
  const modelsOk = models !== null && !models.diagnostics.some((d) => d.severity === "error");
  return {
    db,
    schema: reflectSchema(db),
    models: modelsOk ? models.schema : null,
    scripts,
    heads: built.ok ? built.map.heads : null,
    revisionCount: headers.length,
    current: currentHeads(db),
    lastCommand,
  };
}

const result = (met: boolean, label: string, missing: string, says?: string): CheckResult => ({ met, label, missing: met ? null : (says ?? missing) });
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function evaluate(check: LessonCheck, state: State): CheckResult {
  switch (check.kind) {
    case "table": {
      const has = findTable(state.schema, check.table) !== undefined;
      if (check.exists === false) return result(!has, `the database has no table ${check.table}`, `The database still has the table ${check.table}.`, check.says);
      return result(has, `the database has a table ${check.table}`, `The database has no table ${check.table} yet.`, check.says);
    }
    case "column":
      return evaluateColumn(check, state);
    case "constraint": {
      const table = findTable(state.schema, check.table);
      const names = table ? constraintNames(table) : [];
      return result(names.includes(check.name), `${check.table} has a constraint named ${check.name}`, `${check.table} has no constraint or index named ${check.name} yet.`, check.says);
    }
    case "rows": {
      const count = rowCount(state, check.table);
      const label = `${check.table} holds ${plural(check.count, "row")}`;
      const missing = count === null ? `The database has no table ${check.table}.` : `${check.table} holds ${plural(count, "row")}, not ${check.count}.`;
      return result(count === check.count, label, missing, check.says);
    }
    case "query": {
      let value: SqlValue | undefined;
      try {
        value = state.db.query(check.sql).rows[0]?.[0];
      } catch {
        value = undefined;
      }
      return result(value === check.equals, check.label, check.says);
    }
    case "at-head": {
      const heads = state.heads ?? [];
      const atHead = heads.length > 0 && heads.length === state.current.length && heads.every((h) => state.current.includes(h));
      return result(atHead, "the database is at head", state.current.length === 0 ? "The database is not upgraded yet: run flask db upgrade." : "The database is not at head yet: run flask db upgrade.", check.says);
    }
    case "revisions":
      return result(state.revisionCount === check.count, `${plural(check.count, "revision")} in the history`, `The history holds ${plural(state.revisionCount, "revision")}, not ${check.count}.`, check.says);
    case "heads": {
      const count = state.heads?.length ?? 0;
      return result(count === check.count, `${plural(check.count, "head")}`, `The history has ${plural(count, "head")}, not ${check.count}.`, check.says);
    }
    case "script": {
      const pattern = new RegExp(check.pattern);
      const found = state.scripts.some((text) => pattern.test(text));
      return result(check.exists === false ? !found : found, check.label, check.says);
    }
    case "models":
      return evaluateModels(check, state);
    case "last-command": {
      const last = state.lastCommand;
      const met = last !== null && last.argv[0] === check.command && (!check.failed || last.exitCode !== 0) && last.output.includes(check.output);
      return result(met, check.label, check.says);
    }
  }
}

function evaluateColumn(check: Extract<LessonCheck, { kind: "column" }>, state: State): CheckResult {
  const table = findTable(state.schema, check.table);
  const column = table?.columns.find((c) => c.name === check.column);
  const name = `${check.table}.${check.column}`;
  if (check.exists === false) return result(column === undefined, `${check.table} has no column ${check.column}`, `The database still has the column ${name}.`, check.says);
  const label = `${check.table} has a column ${check.column}${check.type ? ` ${check.type}` : ""}${check.unique ? ", unique" : ""}${check.serverDefault !== undefined ? ` with server default ${check.serverDefault}` : ""}`;
  if (!table || !column) return result(false, label, `${check.table} has no column ${check.column} yet.`, check.says);
  if (check.type !== undefined && toDdl(column.type) !== check.type) return result(false, label, `${name} is ${toDdl(column.type)}, not ${check.type}.`, check.says);
  if (check.unique && !isUnique(table, check.column)) return result(false, label, `${name} is not unique yet.`, check.says);
  if (check.serverDefault !== undefined && column.serverDefault !== check.serverDefault) {
    return result(false, label, `${name} has ${column.serverDefault === null ? "no server default" : `the server default ${column.serverDefault}`}, not ${check.serverDefault}.`, check.says);
  }
  return result(true, label, "");
}

function evaluateModels(check: Extract<LessonCheck, { kind: "models" }>, state: State): CheckResult {
  const name = `${check.table}.${check.column}`;
  const withDefault = check.serverDefault !== undefined ? ` with server default ${check.serverDefault}` : "";
  const label = check.exists === false ? `models.ts no longer declares ${name}` : `models.ts declares ${name}${withDefault}`;
  if (state.models === null) return result(false, label, "models.ts does not parse: fix the error marked in the editor first.");
  const column = findTable(state.models, check.table)?.columns.find((c) => c.name === check.column);
  if (check.exists === false) return result(column === undefined, label, `models.ts still declares ${name}.`, check.says);
  if (!column) return result(false, label, `models.ts does not declare ${name} yet.`, check.says);
  const defaultMet = check.serverDefault === undefined || column.serverDefault === check.serverDefault;
  return result(defaultMet, label, `${name} has no server default ${check.serverDefault ?? ""} in models.ts yet.`, check.says);
}

function findTable(schema: Schema, name: string): Table | undefined {
  return schema.tables.find((t) => t.name === name);
}

function isUnique(table: Table, column: string): boolean {
  const alone = (columns: readonly string[]) => columns.length === 1 && columns[0] === column;
  return table.uniqueConstraints.some((u) => alone(u.columns)) || table.indexes.some((i) => i.unique && alone(i.columns));
}

function constraintNames(table: Table): string[] {
  const named = [...table.uniqueConstraints, ...table.foreignKeys, ...table.checkConstraints, ...table.indexes].map((c) => c.name);
  return named.filter((n): n is string => n !== null);
}

function rowCount(state: State, table: string): number | null {
  if (!findTable(state.schema, table)) return null;
  const value = state.db.query(`SELECT count(*) FROM ${quoteId(table)}`).rows[0]?.[0];
  return typeof value === "number" ? value : 0;
}
