// `const db = new SQLAlchemy({ namingConvention: { … } })`: the one instance, and the naming
// convention checked token by token against what SQLAlchemy 1.4 can evaluate.

import type { Node, ObjectExpression, VariableDeclaration } from "@babel/types";
import { CONVENTION_KINDS, isConventionKind, isForeignKeyToken, isKnownToken, KNOWN_TOKENS, NamingError, parseTemplate, type ConventionKind } from "../schema/naming";
import { readObject, readString } from "./ast";
import { readOptions } from "./options";
import { hint, type Reporter } from "./report";

export interface Instance {
  readonly db: string;
  readonly node: Node;
  readonly convention: Record<string, string> | null;
}

/** The `new SQLAlchemy(...)` of a declaration, or null when it is not one. */
export function sqlalchemyInstance(decl: VariableDeclaration): { id: Node & { name: string }; args: readonly Node[]; node: Node } | null {
  const [d] = decl.declarations;
  if (decl.declarations.length !== 1 || !d || d.id.type !== "Identifier") return null;
  const init = d.init;
  if (init?.type !== "NewExpression" || init.callee.type !== "Identifier" || init.callee.name !== "SQLAlchemy") return null;
  return { id: d.id, args: init.arguments, node: init };
}

function checkTemplate(kind: ConventionKind, template: string, node: Node, report: Reporter): boolean {
  let pieces;
  try {
    pieces = parseTemplate(template);
  } catch (e) {
    if (!(e instanceof NamingError)) throw e;
    report.error(node, e.message);
    return false;
  }
  let ok = true;
  for (const p of pieces) {
    if (!("token" in p) || isKnownToken(kind, p.token)) continue;
    ok = false;
    if (isForeignKeyToken(p.token)) {
      report.error(node, `Naming convention token %(${p.token})s only applies to foreign keys; use it in the 'fk' convention, not '${kind}'.`);
    } else {
      report.error(node, `Unknown naming convention token %(${p.token})s in '${kind}'.${hint(p.token, KNOWN_TOKENS, (s) => `%(${s})s`)}`);
    }
  }
  return ok;
}

/** Class names SQLAlchemy takes as keys (Index, UniqueConstraint, …), spelt as users guess them. */
const LONG_FORMS: Readonly<Record<string, ConventionKind>> = {
  index: "ix", Index: "ix", unique: "uq", unique_constraint: "uq", uniqueConstraint: "uq", UniqueConstraint: "uq",
  check: "ck", check_constraint: "ck", checkConstraint: "ck", CheckConstraint: "ck",
  foreign_key: "fk", foreign_key_constraint: "fk", foreignKey: "fk", foreignKeyConstraint: "fk", ForeignKeyConstraint: "fk",
  primary_key: "pk", primary_key_constraint: "pk", primaryKey: "pk", primaryKeyConstraint: "pk", PrimaryKeyConstraint: "pk",
};

function readConvention(node: ObjectExpression, report: Reporter): Record<string, string> {
  const convention: Record<string, string> = {};
  for (const e of readObject(node, report)) {
    if (!isConventionKind(e.key)) {
      // SQLAlchemy also takes constraint classes and callables as keys; neither can be written here
      const short = Object.hasOwn(LONG_FORMS, e.key) ? LONG_FORMS[e.key] : undefined;
      const fix = short ? ` Its string keys are the short mnemonics: use '${short}'.` : hint(e.key, CONVENTION_KINDS);
      report.error(e.keyNode, `Unknown naming convention key '${e.key}'.${fix}`);
      continue;
    }
    const template = readString(e.value);
    if (template === null) {
      report.error(e.value, `The '${e.key}' naming convention must be a string such as "${e.key}_%(table_name)s_%(column_0_name)s".`);
      continue;
    }
    if (checkTemplate(e.key, template, e.value, report)) convention[e.key] = template;
  }
  return convention;
}

/** Reads `new SQLAlchemy([{ namingConvention }])`. */
export function readInstance(db: string, args: readonly Node[], node: Node, report: Reporter): Instance {
  const [options, ...extra] = args;
  for (const e of extra) report.error(e, "SQLAlchemy() takes one options object; remove this argument.");
  if (!options) return { db, node, convention: null };
  let convention: Record<string, string> | null = null;
  const read = readOptions(options, { namingConvention: "object" }, "SQLAlchemy()", { db, report });
  const conv = read.get("namingConvention")?.value;
  if (conv && typeof conv === "object") convention = readConvention(conv, report);
  return { db, node, convention };
}
