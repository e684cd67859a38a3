// Which Python names mean SQLAlchemy: `db.String` (the SQLAlchemy() instance), `sa.String` (`import
// sqlalchemy as sa`), `String` (`from sqlalchemy import String`), `sqlalchemy.orm.relationship`.
// models.ts spells all of them `db.String`.

import type { PythonSource, SyntaxNode } from "./source";

const SQLALCHEMY_MODULES = /^(sqlalchemy|flask_sqlalchemy)(\.(orm|types|schema|sql|sql\.expression|sql\.schema))?$/;
const SUBMODULES = new Set(["orm", "types", "schema", "sql", "expression"]);

export class Names {
  /** Local name -> SQLAlchemy name, from `from sqlalchemy import X as Y`. */
  private readonly imported = new Map<string, string>();
  /** Names that stand for the sqlalchemy module or the SQLAlchemy() instance. */
  private readonly modules = new Set<string>();

  /** Reads one import statement; the ones that are not SQLAlchemy's are of no interest. */
  addImport(source: PythonSource, node: SyntaxNode): void {
    const text = source.textOf(node).replace(/\\\n|[()]/g, " ").replace(/\s+/g, " ").trim();
    const from = /^from ([\w.]+) import (.+)$/.exec(text);
    if (from) {
      if (!SQLALCHEMY_MODULES.test(from[1]!)) return;
      for (const part of from[2]!.split(",")) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (name) this.imported.set(alias ?? name, name);
      }
      return;
    }
    for (const part of text.replace(/^import /, "").split(",")) {
      const [module, alias] = part.trim().split(/\s+as\s+/);
      if (module && SQLALCHEMY_MODULES.test(module)) this.modules.add(alias ?? module.split(".")[0]!);
    }
  }

  hasInstance = false;

  addInstance(name: string): void {
    this.modules.add(name);
    this.hasInstance = true;
  }

  isImported(local: string, sqlalchemyName: string): boolean {
    return this.imported.get(local) === sqlalchemyName;
  }

  /** The SQLAlchemy name `node` stands for (`db.Column` -> "Column"), or null. */
  resolve(source: PythonSource, node: SyntaxNode): string | null {
    if (node.name === "VariableName") return this.imported.get(source.textOf(node)) ?? null;
    if (node.name !== "MemberExpression") return null;
    const parts = source.textOf(node).split(".").map((p) => p.trim());
    if (parts.length < 2 || !parts.every((p) => /^\w+$/.test(p))) return null;
    if (!this.modules.has(parts[0]!) && !this.imported.has(parts[0]!)) return null;
    if (!parts.slice(1, -1).every((p) => SUBMODULES.has(p))) return null;
    return parts[parts.length - 1]!;
  }
}
