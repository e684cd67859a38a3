// ModelClass -> TableDraft: what SQLAlchemy's Table() does with the declared columns and
// __table_args__ (sqlalchemy/sql/schema.py Column._set_parent, Table._init_items).

import { column as makeColumn } from "../schema/model";
import type { ConventionColumn } from "../schema/naming";
import type { ColumnDef, ModelClass, Named, TableArgDef } from "./ir";
import { columnsOf, tableArgsOf, tableNameOf, type DraftConstraint, type TableDraft } from "./draft";
import { hint, type Reporter } from "./report";

type Resolver = (names: readonly Named[], what: string) => ConventionColumn[] | null;

/** Resolves constraint column keys; null (reported unless the column is unreadable) when one is missing. */
function makeResolver(cls: ModelClass, table: string, byKey: ReadonlyMap<string, ColumnDef>, report: Reporter): Resolver {
  return (names, what) => {
    const out: ConventionColumn[] = [];
    let ok = true;
    for (const n of names) {
      const c = byKey.get(n.value);
      if (!c) {
        const byAttr = [...byKey.values()].find((x) => x.attr === n.value);
        const fix = byAttr ? ` Constraints refer to a column by its name: use '${byAttr.key}'.` : hint(n.value, [...byKey.keys()]);
        report.error(n.node, `${what} on table '${table}' refers to column '${n.value}', which class '${cls.name}' does not have.${fix}`);
        ok = false;
      } else if (c.type === null) ok = false;
      else out.push({ name: c.name, key: c.key });
    }
    return ok ? out : null;
  };
}

/** Reads the deduplicated columns; a second column of the same name is reported and left out. */
function collectColumns(cls: ModelClass, table: string, report: Reporter): Map<string, ColumnDef> {
  const byKey = new Map<string, ColumnDef>();
  const byName = new Map<string, ColumnDef>();
  for (const c of columnsOf(cls)) {
    const first = byName.get(c.name);
    if (first) {
      // SQLAlchemy maps neither: "column 'x' is not represented in the mapper's table"
      report.error(c.node, `Column '${c.name}' is defined twice in table '${table}' (attributes '${first.attr}' and '${c.attr}'). Rename one of them.`);
      continue;
    }
    byName.set(c.name, c);
    byKey.set(c.key, c);
  }
  return byKey;
}

function primaryKeyOf(draft: TableDraft, args: readonly TableArgDef[], resolve: Resolver, report: Reporter, db: string): DraftConstraint | null {
  const cols = [...draft.byKey.values()];
  const flagged = cols.filter((c) => c.primaryKey && c.type !== null).map((c) => ({ name: c.name, key: c.key }));
  const pkc = args.filter((a) => a.kind === "primary_key").at(-1);
  if (!pkc) {
    const fix = `Name it in __table_args__: ${db}.PrimaryKeyConstraint(${flagged.map((c) => `"${c.key}"`).join(", ")}, { name: "…" }).`;
    return flagged.length > 0 ? { node: draft.nameNode, name: null, columns: flagged, fix } : null;
  }
  const columns = resolve(pkc.columns, "PrimaryKeyConstraint");
  if (!columns) return null;
  const names = (cs: readonly ConventionColumn[]) => cs.map((c) => `'${c.name}'`).join(", ");
  if (flagged.length > 0 && names(flagged) !== names(columns)) {
    // as sqlalchemy/sql/schema.py PrimaryKeyConstraint._set_parent
    report.warning(pkc.node, `Table '${draft.name}' specifies columns ${names(flagged)} as primary_key=True, not matching locally specified columns ${names(columns)}; setting the current primary key columns to ${names(columns)}. This warning may become an exception in a future release`);
  }
  return { node: pkc.node, name: pkc.name, columns };
}

/** Column-level unique/index, then __table_args__, in the order SQLAlchemy attaches them. */
function addConstraints(draft: TableDraft, args: readonly TableArgDef[], resolve: Resolver, db: string): void {
  for (const c of draft.byKey.values()) {
    if (c.type === null) continue;
    const columns = [{ name: c.name, key: c.key }];
    // as Column._set_parent: index=True makes Index(unique=unique); unique alone a UniqueConstraint
    const call = c.index ? `${db}.Index("…", "${c.key}"${c.unique ? ", { unique: true }" : ""})` : `${db}.UniqueConstraint("${c.key}", { name: "…" })`;
    const fix = `Declare it with a name in __table_args__: ${call}.`;
    if (c.index) draft.indexes.push({ node: c.node, name: null, columns, unique: c.unique, fix });
    else if (c.unique) draft.uniques.push({ node: c.node, name: null, columns, fix });
    for (const fk of c.foreignKeys) draft.foreignKeys.push({ node: fk.node, name: fk.name, columns, def: fk });
  }
  for (const a of args) {
    if (a.kind === "check") draft.checks.push({ node: a.node, name: a.name, sqltext: a.sqltext });
    if (a.kind === "primary_key" || a.kind === "check") continue;
    const what = { unique: "UniqueConstraint", index: "Index", foreign_key: "ForeignKeyConstraint" }[a.kind];
    const columns = resolve(a.kind === "foreign_key" ? a.fk.columns : a.columns, what);
    if (!columns) continue;
    if (a.kind === "unique") draft.uniques.push({ node: a.node, name: a.name, columns });
    if (a.kind === "index") draft.indexes.push({ node: a.node, name: a.name, columns, unique: a.unique });
    if (a.kind === "foreign_key") draft.foreignKeys.push({ node: a.node, name: a.fk.name, columns, def: a.fk });
  }
}

/** Builds the draft of one concrete model class. */
export function draftTable(cls: ModelClass, position: number, report: Reporter, db: string): TableDraft {
  const tablename = tableNameOf(cls);
  const byKey = collectColumns(cls, tablename.value, report);
  const incomplete = [...byKey.values()].some((c) => c.type === null || c.flawed);
  const draft: TableDraft = {
    cls, name: tablename.value, nameNode: cls.node.id ?? cls.node, position, byKey, incomplete,
    columns: [], primaryKey: null, uniques: [], indexes: [], checks: [], foreignKeys: [],
  };
  const args = tableArgsOf(cls);
  const resolve = makeResolver(cls, draft.name, byKey, report);
  draft.primaryKey = primaryKeyOf(draft, args, resolve, report, db);
  const pkKeys = new Set(draft.primaryKey?.columns.map((c) => c.key));
  for (const c of byKey.values()) {
    if (c.type === null) continue;
    // as Column.__init__ and PrimaryKeyConstraint._set_parent: NOT NULL unless the model says otherwise
    const nullable = c.nullable ?? !(c.primaryKey || pkKeys.has(c.key));
    draft.columns.push(
      makeColumn(c.name, c.type, {
        nullable,
        serverDefault: c.serverDefault,
        ...(c.serverDefaultIsSql && { serverDefaultIsSql: true }),
        autoincrement: c.autoincrement,
        comment: c.comment,
        ...(c.clientDefault !== null && { clientDefault: c.clientDefault }),
      }),
    );
  }
  if (!draft.primaryKey && !incomplete) {
    // as sqlalchemy/orm/mapper.py _configure_pks
    report.error(draft.nameNode, `Mapper mapped class ${cls.name}->${draft.name} could not assemble any primary key columns for mapped table '${draft.name}'. Add { primaryKey: true } to a column.`);
  }
  addConstraints(draft, args, resolve, db);
  return draft;
}

