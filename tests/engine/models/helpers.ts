// Small builders for models.ts sources in tests.
import { expect } from "vitest";
import { parseModels as parseModelsAuto, type ModelsResult } from "../../../src/engine/models";

/**
 * parseModels, holding the fast parser to Babel's on every source the models tests use: the
 * default path (fast when it can) must give exactly what Babel alone gives.
 */
export function parseModels(source: string): ModelsResult {
  const result = parseModelsAuto(source);
  expect(result).toStrictEqual(parseModelsAuto(source, "babel"));
  return result;
}
import type { Table } from "../../../src/engine/schema/model";

export const HEADER = `import { SQLAlchemy } from "retort";\nconst db = new SQLAlchemy();\n`;

/** Parses `body` below the import and a plain `const db = new SQLAlchemy();` (lines 1–2). */
export function models(body: string, header = HEADER): ModelsResult {
  return parseModels(header + body);
}

export function withConvention(convention: Record<string, string>, body: string): ModelsResult {
  return parseModels(`import { SQLAlchemy } from "retort";\nconst db = new SQLAlchemy({ namingConvention: ${JSON.stringify(convention)} });\n${body}`);
}

export function table(result: ModelsResult, name: string): Table {
  const t = result.schema.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${result.schema.tables.map((x) => x.name).join(", ")}`);
  return t;
}

/** One class `T` (table "t") with an id primary key and the given fields. */
export function oneTable(fields: string, extra = ""): string {
  return `class T extends db.Model {\n${extra}  id = db.Column(db.Integer, { primaryKey: true });\n${fields}\n}\n`;
}

export const messages = (r: ModelsResult) => r.diagnostics.map((d) => d.message);
export const at = (r: ModelsResult) => r.diagnostics.map((d) => [d.line, d.column, d.message]);
