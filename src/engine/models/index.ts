// models.ts -> Schema, statically (SPEC §1): the MetaData Flask-SQLAlchemy 3.0 and SQLAlchemy 1.4
// would build from the equivalent Python models, plus every problem found, with its place.

import type { Diagnostic } from "../diagnostics";
import type { Schema } from "../schema/model";
import type { NamingConvention } from "../schema/naming";
import { draftTable } from "./build-table";
import type { TableDraft } from "./draft";
import { tableNameOf } from "./draft";
import { finalizeTables } from "./finalize";
import { parseSource, type ParsedSource, type ParserChoice } from "./parse-source";
import { readProgram, type Program } from "./program";
import { Reporter } from "./report";

export interface ModelsResult {
  readonly schema: Schema;
  readonly diagnostics: Diagnostic[];
  /** The namingConvention given to SQLAlchemy() (only its valid keys), or null when none was. */
  readonly namingConvention: Record<string, string> | null;
  /** Columns with a client-side `default`: invisible to autogenerate, so worth a warning. */
  readonly clientDefaults: readonly { readonly table: string; readonly column: string }[];
  /** Each table's model class, and the class attribute of each column (by column name): an exported models.py keeps them. */
  readonly classes: readonly ModelClassNames[];
}

export interface ModelClassNames {
  readonly table: string;
  readonly className: string;
  readonly attributes: Readonly<Record<string, string>>;
}

function draftAll(program: Program, report: Reporter): TableDraft[] {
  const drafts: TableDraft[] = [];
  const byName = new Map<string, TableDraft>();
  const db = program.instance?.db ?? "db";
  for (const cls of program.classes) {
    if (cls.abstract) continue;
    const name = tableNameOf(cls);
    const existing = byName.get(name.value);
    if (existing) {
      // as sqlalchemy/sql/schema.py Table.__new__
      report.error(name.node, `Table '${name.value}' is already defined for this MetaData instance (by class ${existing.cls.name}). Give class ${cls.name} another static __tablename__.`);
      continue;
    }
    const draft = draftTable(cls, drafts.length, report, db);
    byName.set(draft.name, draft);
    drafts.push(draft);
  }
  return drafts;
}

const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.column - b.column;

/**
 * Never throws: every problem is a diagnostic, and every class that can be read yields its table.
 * `parser` forces one parser (see ParserChoice); only the tests need it.
 */
export function parseModels(source: string, parser: ParserChoice = "auto"): ModelsResult {
  return modelsFromSource(parseSource(source, parser));
}

export type { ParserChoice } from "./parse-source";

/** The part after Babel: reading the statements and building the tables. */
export function modelsFromSource(parsed: ParsedSource): ModelsResult {
  const report = new Reporter(parsed.lostText);
  for (const d of parsed.diagnostics) report.push(d);
  const program = readProgram(parsed.statements, report);
  const drafts = draftAll(program, report);
  const convention = program.instance?.convention ?? null;
  const tables = finalizeTables(drafts, convention as NamingConvention | null, report);
  const clientDefaults = drafts.flatMap((d) =>
    [...d.byKey.values()].filter((c) => c.clientDefault && c.type !== null).map((c) => ({ table: d.name, column: c.name })),
  );
  const classes = drafts.map((d) => ({
    table: d.name,
    className: d.cls.name,
    attributes: Object.fromEntries([...d.byKey.values()].map((c) => [c.name, c.attr])),
  }));
  return {
    schema: { tables },
    diagnostics: [...report.diagnostics].sort(byPosition),
    namingConvention: convention,
    clientDefaults,
    classes,
  };
}

export { camelToSnakeCase } from "./draft";
export { EXAMPLE_MODELS } from "./example";
