// Schema items of an Alembic script in Python, as alembic/autogenerate/render.py writes them:
// `sa.Column('id', sa.Integer(), nullable=False)`, `sa.PrimaryKeyConstraint('id', name=op.f('pk_roles'))`.

import type { CheckConstraint, Column, ForeignKey, PrimaryKey, Table, UniqueConstraint } from "../schema/model";
import type { ConventionKind, NamingConvention } from "../schema/naming";
import { applyNamingConvention, DEFAULT_NAMING_CONVENTION } from "../schema/naming";
import { toRepr, type SqlType } from "../schema/types";
import { pyBool, pyList, pyStr } from "./python";

/** What a name belongs to, when it is known: the table and columns the convention would use. */
export interface NameOwner {
  readonly table: string;
  readonly columns: readonly string[];
  readonly foreignKey?: ForeignKey;
}

/**
 * How a constraint or index name is written. Alembic's ops build their constraints in a MetaData
 * with the models' naming convention (alembic/operations/schemaobj.py), so a plain name under a
 * template that holds %(constraint_name)s would be renamed again at run time: `op.f()` (sqlalchemy
 * `conv`) keeps it as it is. Elsewhere a plain name is kept, and `op.f()` marks, as autogenerate
 * does (render.py `_render_gen_name`), a name that the convention made; when what the name
 * belongs to is not known (a drop), a name under a convention is taken to be one it made.
 */
export class NameStyle {
  private readonly convention: NamingConvention;

  constructor(convention: NamingConvention | null) {
    this.convention = convention && Object.keys(convention).length > 0 ? convention : DEFAULT_NAMING_CONVENTION;
  }

  /** `'name'`, `op.f('name')` (or `batch_op.f` inside a batch block), `None`. */
  name(kind: ConventionKind, name: string | null, batch = false, owner?: NameOwner): string {
    if (name === null) return "None";
    return this.isConventional(kind, name, owner) ? `${batch ? "batch_op" : "op"}.f(${pyStr(name)})` : pyStr(name);
  }

  private isConventional(kind: ConventionKind, name: string, owner: NameOwner | undefined): boolean {
    const template = this.convention[kind];
    if (template === undefined) return false;
    if (template.includes("%(constraint_name)s") || owner === undefined) return true;
    const fk = owner.foreignKey;
    const made = applyNamingConvention(this.convention, {
      kind,
      table: owner.table,
      name: null,
      columns: owner.columns.map((c) => ({ name: c, key: c })),
      ...(fk && { referredTable: fk.referredTable, referredColumns: () => fk.referredColumns }),
    });
    return made.ok && made.name === name;
  }
}

/** `sa.String(length=64)`, `sa.Numeric(precision=8, scale=2)`, `sa.Enum('a', 'b', name='status')`: SQLAlchemy's repr. */
export function pyType(type: SqlType): string {
  return `sa.${toRepr(type)}`;
}

const QUOTED_LITERAL = /^'((?:[^']|'')*)'$/s;

/**
 * As render.py `_render_server_default`: a text() default (or a reflected one) is `sa.text('…')`;
 * a plain string is written as the string, a quoted SQL literal as the string it stands for.
 */
export function pyServerDefault(sql: string | null, isSql = false): string {
  if (sql === null) return "None";
  if (isSql) return `sa.text(${pyStr(sql)})`;
  const literal = QUOTED_LITERAL.exec(sql);
  return literal ? pyStr(literal[1]!.replace(/''/g, "'")) : `sa.text(${pyStr(sql)})`;
}

function fkOptions(fk: ForeignKey, names: NameStyle, table?: string): string[] {
  const owner = table === undefined ? undefined : { table, columns: fk.columns, foreignKey: fk };
  const opts = fk.name === null ? [] : [`name=${names.name("fk", fk.name, false, owner)}`];
  // as render.py `_populate_render_fk_opts`: onupdate before ondelete
  if (fk.onUpdate !== null) opts.push(`onupdate=${pyStr(fk.onUpdate)}`);
  if (fk.onDelete !== null) opts.push(`ondelete=${pyStr(fk.onDelete)}`);
  return opts;
}

/** `sa.ForeignKey('roles.id', ondelete='CASCADE')`, given inline on an added column. */
function inlineForeignKey(fk: ForeignKey, names: NameStyle, table?: string): string {
  const spec = `${fk.referredTable}.${fk.referredColumns[0] ?? ""}`;
  return `sa.ForeignKey(${[pyStr(spec), ...fkOptions(fk, names, table)].join(", ")})`;
}

/** As render.py `_render_column`: server_default, autoincrement unless "auto", nullable, comment. */
export function pyColumn(column: Column, names: NameStyle, foreignKeys: readonly ForeignKey[] = [], table?: string): string {
  const opts: string[] = [];
  if (column.serverDefault !== null) opts.push(`server_default=${pyServerDefault(column.serverDefault, column.serverDefaultIsSql)}`);
  if (column.autoincrement !== "auto") opts.push(`autoincrement=${pyBool(column.autoincrement)}`);
  opts.push(`nullable=${pyBool(column.nullable)}`);
  if (column.comment !== null) opts.push(`comment=${pyStr(column.comment)}`);
  const args = [pyStr(column.name), pyType(column.type), ...foreignKeys.map((fk) => inlineForeignKey(fk, names, table)), ...opts];
  return `sa.Column(${args.join(", ")})`;
}

export function pyPrimaryKey(pk: PrimaryKey, names: NameStyle, table: string): string {
  const name = pk.name === null ? [] : [`name=${names.name("pk", pk.name, false, { table, columns: pk.columns })}`];
  return `sa.PrimaryKeyConstraint(${[...pk.columns.map(pyStr), ...name].join(", ")})`;
}

export function pyForeignKeyConstraint(fk: ForeignKey, names: NameStyle, table: string): string {
  const refs = fk.referredColumns.map((c) => `${fk.referredTable}.${c}`);
  // render.py writes the trailing ", " even without options
  return `sa.ForeignKeyConstraint(${pyList(fk.columns)}, ${pyList(refs)}, ${fkOptions(fk, names, table).join(", ")})`;
}

export function pyUniqueConstraint(uq: UniqueConstraint, names: NameStyle, table: string): string {
  const name = uq.name === null ? [] : [`name=${names.name("uq", uq.name, false, { table, columns: uq.columns })}`];
  return `sa.UniqueConstraint(${[...uq.columns.map(pyStr), ...name].join(", ")})`;
}

export function pyCheckConstraint(ck: CheckConstraint, names: NameStyle, table: string): string {
  const name = ck.name === null ? [] : [`name=${names.name("ck", ck.name, false, { table, columns: [] })}`];
  return `sa.CheckConstraint(${[pyStr(ck.sqltext), ...name].join(", ")})`;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** As render.py `_add_table`: the columns, then the constraints sorted by their rendered text. */
export function pyTableItems(table: Table, names: NameStyle): string[] {
  const constraints = [
    ...(table.primaryKey && table.primaryKey.columns.length > 0 ? [pyPrimaryKey(table.primaryKey, names, table.name)] : []),
    ...table.foreignKeys.map((fk) => pyForeignKeyConstraint(fk, names, table.name)),
    ...table.uniqueConstraints.map((uq) => pyUniqueConstraint(uq, names, table.name)),
    ...table.checkConstraints.map((ck) => pyCheckConstraint(ck, names, table.name)),
  ].sort(byCodePoint);
  return [...table.columns.map((c) => pyColumn(c, names)), ...constraints];
}
