// "Add a naming convention": SQLAlchemy({ namingConvention }) in models.ts, so that every unnamed
// constraint gets a name that SQLite batch mode can create and drop it by. The convention is the
// one Flask-SQLAlchemy's and Alembic's docs recommend (SPEC §1's example).

import { closingBracket } from "./scan";
import { editAt, fixed, notFixed, type FixResult } from "./text-edits";

export const RECOMMENDED_CONVENTION: Readonly<Record<string, string>> = {
  ix: "ix_%(column_0_label)s",
  uq: "uq_%(table_name)s_%(column_0_name)s",
  ck: "ck_%(table_name)s_%(constraint_name)s",
  fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
  pk: "pk_%(table_name)s",
};

function conventionProperty(indent: string): string {
  const entries = Object.entries(RECOMMENDED_CONVENTION).map(([k, v]) => `${indent}  ${k}: ${JSON.stringify(v)},\n`);
  return `${indent}namingConvention: {\n${entries.join("")}${indent}},\n`;
}

export function namingConventionFix(models: string): FixResult {
  const match = /new\s+SQLAlchemy\s*\(/.exec(models);
  if (!match) return notFixed("models.ts has no `new SQLAlchemy(…)` to give a naming convention to.");
  const open = match.index + match[0].length - 1;
  const close = closingBracket(models, open);
  if (close === -1) return notFixed("The `new SQLAlchemy(` call in models.ts is not closed: fix its syntax first.");
  const args = models.slice(open + 1, close - 1);
  if (args.trim() === "") return fixed([editAt(models, open + 1, close - 1, `{\n${conventionProperty("  ")}}`)]);
  if (/\bnamingConvention\b/.test(args)) return notFixed("SQLAlchemy() already has a namingConvention: give the constraint a name with { name } instead.");
  const brace = args.search(/\S/);
  if (args[brace] !== "{") return notFixed("SQLAlchemy() takes an object literal here: write `new SQLAlchemy({ namingConvention: { … } })` by hand.");
  const at = open + 1 + brace + 1;
  const rest = models.slice(at, close - 1);
  const property = conventionProperty("  ");
  if (rest.includes("\n")) return fixed([editAt(models, at, at, `\n${property.slice(0, -1)}`)]);
  // "{ a: 1 }" on one line: the property goes on lines of its own, then the rest
  const leading = rest.length - rest.trimStart().length;
  return fixed([editAt(models, at, at + leading, `\n${property}${rest.trim() === "}" ? "" : "  "}`)]);
}
