// TableDraft[] -> Table[]: foreign keys resolved against the other tables (by column key, as
// SQLAlchemy's ForeignKey._resolve_col_tokens does) and every constraint named by the convention.

import type { Node } from "@babel/types";
import type { ForeignKey, Table } from "../schema/model";
import { applyNamingConvention, NamingError, type ConventionTarget, type NamingConvention } from "../schema/naming";
import type { DraftConstraint, DraftForeignKey, TableDraft } from "./draft";
import { hint, type Reporter } from "./report";

interface Resolved {
  readonly table: TableDraft;
  readonly columns: readonly string[];
}

interface FinalizeContext {
  readonly tables: ReadonlyMap<string, TableDraft>;
  readonly convention: NamingConvention | null;
  readonly report: Reporter;
}

/** The referred table and column names, or null (reported) when SQLAlchemy could not resolve them. */
function resolveTargets(draft: TableDraft, fk: DraftForeignKey, ctx: FinalizeContext): Resolved | null {
  let table: TableDraft | undefined;
  const columns: string[] = [];
  for (const [i, t] of fk.def.targets.entries()) {
    const [tableName, key] = t.value.split(".") as [string, string];
    const local = `${draft.name}.${fk.columns[i]?.name ?? ""}`;
    const target = ctx.tables.get(tableName);
    if (!target) {
      ctx.report.unlessLost(t.node, "error", `Foreign key associated with column '${local}' could not find table '${tableName}' with which to generate a foreign key to target column '${key}'.${hint(tableName, [...ctx.tables.keys()])}`);
      return null;
    }
    if (table && table !== target) {
      ctx.report.error(t.node, `A foreign key refers to one table, but this one refers to '${table.name}' and '${target.name}'. Split it into one constraint per table.`);
      return null;
    }
    table = target;
    const col = target.byKey.get(key);
    if (!col) {
      const byAttr = [...target.byKey.values()].find((c) => c.attr === key);
      const fix = byAttr ? ` Foreign keys refer to a column by its name: '${tableName}.${byAttr.key}'.` : hint(key, [...target.byKey.keys()]);
      ctx.report.error(t.node, `Could not initialize target column for ForeignKey '${t.value}' on table '${draft.name}': table '${tableName}' has no column named '${key}'.${fix}`);
      return null;
    }
    if (col.type === null) return null;
    columns.push(col.name);
  }
  return table ? { table, columns } : null;
}

/** The convention's name for a constraint; reported (null) when SQLAlchemy would raise. */
function nameOf(target: ConventionTarget, node: Node, fix: string, ctx: FinalizeContext): string | null {
  const result = applyNamingConvention(ctx.convention, target);
  if (result.ok) return result.name;
  ctx.report.error(node, result.unnamed ? `${result.message} ${fix}` : result.message);
  return null;
}

const NAME_IT = "Give it a name with { name: \"…\" }, or change the naming convention.";

function finalizeForeignKey(draft: TableDraft, fk: DraftForeignKey, ctx: FinalizeContext): ForeignKey | null {
  const resolved = resolveTargets(draft, fk, ctx);
  if (!resolved) return null;
  const referredColumns = () => {
    // as naming.py _key_referred_column_X_name: fk.column must resolve while the class is declared
    if (resolved.table.position > draft.position) {
      throw new NamingError(`The fk naming convention needs the columns of table '${resolved.table.name}', which SQLAlchemy cannot resolve before class ${resolved.table.cls.name} is declared ("could not find table '${resolved.table.name}'"). Move class ${resolved.table.cls.name} above class ${draft.cls.name}.`);
    }
    return resolved.columns;
  };
  const target = { kind: "fk", table: draft.name, name: fk.name, columns: fk.columns, referredTable: resolved.table.name, referredColumns } as const;
  const name = nameOf(target, fk.node, NAME_IT, ctx);
  return {
    name,
    columns: fk.columns.map((c) => c.name),
    referredTable: resolved.table.name,
    referredColumns: resolved.columns,
    onDelete: fk.def.onDelete,
    onUpdate: fk.def.onUpdate,
  };
}

function named(draft: TableDraft, kind: "uq" | "pk", c: DraftConstraint, ctx: FinalizeContext) {
  const name = nameOf({ kind, table: draft.name, name: c.name, columns: c.columns }, c.node, c.fix ?? NAME_IT, ctx);
  return { name, columns: c.columns.map((x) => x.name) };
}

function finalizeIndexes(draft: TableDraft, ctx: FinalizeContext): Table["indexes"] {
  return draft.indexes.map((ix) => {
    const target = { kind: "ix", table: draft.name, name: ix.name, columns: ix.columns } as const;
    const result = applyNamingConvention(ctx.convention, target);
    if (result.ok && result.name !== null) return { name: result.name, columns: ix.columns.map((c) => c.name), unique: ix.unique };
    // SQLAlchemy leaves the index unnamed ("Detected added index 'None'"); Alembic then creates
    // it under the default convention's name, which is the name Retort uses.
    const fallback = applyNamingConvention(null, { ...target, name: null });
    const name = fallback.ok && fallback.name !== null ? fallback.name : `ix_${draft.name}`;
    if (!result.ok) nameOf(target, ix.node, ix.fix ?? NAME_IT, ctx);
    else ctx.report.warning(ix.node, `This index has no name: the naming convention has no 'ix' key. Alembic creates it as '${name}'; add ix: "ix_%(column_0_label)s" to namingConvention or pass a name.`);
    return { name, columns: ix.columns.map((c) => c.name), unique: ix.unique };
  });
}

/** Turns the drafts into the schema's tables, in class order. */
export function finalizeTables(drafts: readonly TableDraft[], convention: NamingConvention | null, report: Reporter): Table[] {
  const tables = new Map(drafts.map((d) => [d.name, d]));
  const ctx: FinalizeContext = { tables, convention, report };
  return drafts.map((d) => ({
    name: d.name,
    columns: d.columns,
    primaryKey: d.primaryKey ? named(d, "pk", d.primaryKey, ctx) : null,
    uniqueConstraints: d.uniques.map((u) => named(d, "uq", u, ctx)),
    indexes: finalizeIndexes(d, ctx),
    foreignKeys: d.foreignKeys.map((fk) => finalizeForeignKey(d, fk, ctx)).filter((fk): fk is ForeignKey => fk !== null),
    checkConstraints: d.checks.map((ck) => ({
      name: nameOf({ kind: "ck", table: d.name, name: ck.name, columns: [] }, ck.node, NAME_IT, ctx),
      sqltext: ck.sqltext,
    })),
  }));
}
