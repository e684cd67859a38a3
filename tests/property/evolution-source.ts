// Renders a ModelSpec as the models.ts source of SPEC §1.
import type { ColSpec, ColType, ModelSpec, TableArg, TableSpec } from "./evolution-model";

export const NAMING = `{
  namingConvention: {
    ix: "ix_%(column_0_label)s",
    uq: "uq_%(table_name)s_%(column_0_name)s",
    ck: "ck_%(table_name)s_%(constraint_name)s",
    fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    pk: "pk_%(table_name)s",
  },
}`;

const str = (s: string): string => JSON.stringify(s);

function typeSource(t: ColType): string {
  if (t.kind === "Enum") return `db.Enum(${[...(t.enumValues ?? []).map(str), ...(t.enumName !== undefined ? [`{ name: ${str(t.enumName)} }`] : [])].join(", ")})`;
  if (t.length !== undefined) return `db.${t.kind}(${t.length})`;
  if (t.precision !== undefined) return `db.${t.kind}(${t.precision.join(", ")})`;
  return t.parens ? `db.${t.kind}()` : `db.${t.kind}`;
}

function fkOptions(c: ColSpec): string {
  const fk = c.fk;
  const opts = [fk?.onDelete && `onDelete: ${str(fk.onDelete)}`, fk?.onUpdate && `onUpdate: ${str(fk.onUpdate)}`, fk?.name && `name: ${str(fk.name)}`].filter(Boolean);
  return opts.length > 0 ? `, { ${opts.join(", ")} }` : "";
}

const fkConstraintSource = (c: ColSpec): string =>
  `    db.ForeignKeyConstraint([${str(c.name ?? c.attr)}], [${str(`${c.fk?.table ?? ""}.id`)}]${fkOptions(c)}),`;

function columnSource(c: ColSpec): string {
  const args: string[] = [];
  if (c.name !== undefined) args.push(str(c.name));
  args.push(typeSource(c.type));
  if (c.fk && !c.fk.tableLevel) args.push(`db.ForeignKey(${str(`${c.fk.table}.id`)}${fkOptions(c)})`);
  const opts: string[] = [];
  if (c.attr === "id") opts.push("primaryKey: true");
  else if (!c.nullable) opts.push("nullable: false");
  if (c.unique) opts.push("unique: true");
  if (c.index) opts.push("index: true");
  if (c.serverDefault !== undefined) opts.push(`serverDefault: ${c.serverDefault}`);
  if (c.comment !== undefined) opts.push(`comment: ${str(c.comment)}`);
  if (opts.length > 0) args.push(`{ ${opts.join(", ")} }`);
  return `  ${c.attr} = db.Column(${args.join(", ")});`;
}

function argSource(a: TableArg): string {
  const cols = a.cols.map(str).join(", ");
  if (a.kind === "unique") return `    db.UniqueConstraint(${cols}, { name: ${str(a.name)} }),`;
  return `    db.Index(${str(a.name)}, ${cols}${a.unique ? ", { unique: true }" : ""}),`;
}

function tableSource(t: TableSpec): string {
  const lines = [`export class ${t.cls} extends db.Model {`];
  if (t.explicitName) lines.push(`  static __tablename__ = ${str(t.tablename)};`);
  const args = [...t.args.map(argSource), ...t.cols.filter((c) => c.fk?.tableLevel).map(fkConstraintSource)];
  if (t.check !== undefined) args.push(`    db.CheckConstraint(${str(t.check)}, { name: "positive_id" }),`);
  if (args.length > 0) lines.push("  static __table_args__ = [", ...args, "  ];");
  lines.push(...t.cols.map(columnSource), "}");
  return lines.join("\n");
}

export function modelsSource(spec: ModelSpec): string {
  return [`import { SQLAlchemy } from "retort";`, `const db = new SQLAlchemy(${spec.naming ? NAMING : ""});`, ...spec.tables.map(tableSource)].join("\n\n") + "\n";
}
