// The teammate's model change, merged into models.ts as `git pull` would merge their commit: a
// column line after the last column of its class, or a new class at the end of the file. The
// file is read with the models parser (never run), so the edit lands where the class really is.

import type { ModelClass } from "../models/ir";
import { tableNameOf } from "../models/draft";
import { parseSource } from "../models/parse-source";
import { readProgram } from "../models/program";
import { Reporter } from "../models/report";

export interface ModelFile {
  readonly source: string;
  /** The SQLAlchemy instance's name (`db` in `const db = new SQLAlchemy()`). */
  readonly db: string;
  readonly classes: readonly ModelClass[];
}

export function readModelFile(source: string): ModelFile {
  const program = readProgram(parseSource(source).statements, new Reporter());
  return { source, db: program.instance?.db ?? "db", classes: program.classes };
}

export function classOfTable(file: ModelFile, table: string): ModelClass | undefined {
  return file.classes.find((c) => !c.abstract && tableNameOf(c).value === table);
}

const lineStart = (text: string, at: number) => text.lastIndexOf("\n", at - 1) + 1;
const indentAt = (text: string, at: number) => /^[ \t]*/.exec(text.slice(lineStart(text, at)))?.[0] ?? "";

/** `attr = db.Column(db.<type>);` on its own line after the class's last column (or first in its body). */
export function withColumn(file: ModelFile, cls: ModelClass, attr: string, type: string): string {
  const { source, db } = file;
  const last = [...cls.columns].sort((a, b) => a.order - b.order).at(-1);
  const line = (indent: string) => `${indent}${attr} = ${db}.Column(${db}.${type});\n`;
  if (last) {
    const end = last.node.end ?? last.order;
    const newline = source.indexOf("\n", end);
    const at = newline === -1 ? source.length : newline + 1;
    const prefix = newline === -1 ? "\n" : "";
    return source.slice(0, at) + prefix + line(indentAt(source, last.node.start ?? end)) + source.slice(at);
  }
  // no column of its own (all inherited): the line goes just before the class's closing brace
  const close = (cls.node.end ?? source.length) - 1;
  const start = lineStart(source, close);
  if (source.slice(start, close).trim() === "") return source.slice(0, start) + line("  ") + source.slice(start);
  return `${source.slice(0, close)}\n${line("  ")}${source.slice(close)}`;
}

export interface NewClass {
  readonly className: string;
  readonly table: string;
  readonly columns: readonly (readonly [string, string])[];
  readonly reference: { readonly column: string; readonly target: string } | null;
}

/** A model class for a new table, appended to the file. */
export function withClass(file: ModelFile, added: NewClass): string {
  const { source, db } = file;
  const lines = [
    `export class ${added.className} extends ${db}.Model {`,
    `  static __tablename__ = "${added.table}";`,
    `  id = ${db}.Column(${db}.Integer, { primaryKey: true });`,
    ...added.columns.map(([name, type]) => `  ${name} = ${db}.Column(${db}.${type});`),
    ...(added.reference ? [`  ${added.reference.column} = ${db}.Column(${db}.Integer, ${db}.ForeignKey("${added.reference.target}"));`] : []),
    "}",
  ];
  const body = source.endsWith("\n") ? source : `${source}\n`;
  return `${body}\n${lines.join("\n")}\n`;
}
