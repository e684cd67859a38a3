// A random models.ts (SPEC §1) as plain data, its rendering to source, and a random evolution of
// it that a real migration can apply to the rows `evolution-rows.ts` inserts. Detail comes from a
// seeded PRNG so that fast-check only has to shrink a few knobs (table count, change count, seed).

export type TypeKind =
  | "Integer" | "BigInteger" | "SmallInteger" | "String" | "Unicode" | "Text" | "UnicodeText" | "Boolean"
  | "Float" | "Numeric" | "Date" | "DateTime" | "Time" | "LargeBinary" | "JSON" | "Enum";

export interface ColType {
  readonly kind: TypeKind;
  readonly length?: number;
  /** Numeric(p) or Numeric(p, s). */
  readonly precision?: readonly number[];
  readonly enumValues?: readonly string[];
  /** Enum's { name } option (no schema effect on SQLite: SQLAlchemy 1.4 makes no CHECK by default). */
  readonly enumName?: string;
  /** `db.Integer()` instead of `db.Integer`, where SQLAlchemy allows both. */
  readonly parens?: boolean;
}

export interface ColSpec {
  attr: string;
  /** The explicit column name of `db.Column("odd name", …)`. */
  name?: string;
  type: ColType;
  nullable: boolean;
  unique: boolean;
  index: boolean;
  /** Source text of the serverDefault option. */
  serverDefault?: string;
  /** No schema effect on SQLite (SQLAlchemy's SQLite dialect has no comments). */
  comment?: string;
  /** tableLevel: written as db.ForeignKeyConstraint in __table_args__ rather than db.ForeignKey. */
  fk?: { table: string; name?: string; onDelete?: string; onUpdate?: string; tableLevel?: boolean };
}

export interface TableArg {
  kind: "unique" | "index";
  name: string;
  cols: string[];
  unique?: boolean;
}

export interface TableSpec {
  cls: string;
  /** Absent: the default, the class name in snake_case. */
  explicitName: boolean;
  tablename: string;
  cols: ColSpec[];
  args: TableArg[];
  check?: string;
}

export interface ModelSpec {
  naming: boolean;
  tables: TableSpec[];
  /** A column this version makes unique while the rows hold one value twice: the upgrade must fail. */
  duplicates?: { table: string; column: string };
}

export type Rng = () => number;

/** mulberry32: small, deterministic, good enough to pick among choices. */
export function rngOf(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
export const chance = (rng: Rng, p: number): boolean => rng() < p;

export const colName = (c: ColSpec): string => c.name ?? c.attr;

// Table names include SQL keywords and mixed case; classes without __tablename__ take the
// snake_case default (BlogPost -> blog_post), as Flask-SQLAlchemy's.
const TABLES: readonly { cls: string; tablename: string; explicit: boolean }[] = [
  { cls: "Order", tablename: "order", explicit: true },
  { cls: "Sel", tablename: "select", explicit: true },
  { cls: "Grp", tablename: "group", explicit: true },
  { cls: "Mixed", tablename: "MixedCase", explicit: true },
  { cls: "BlogPost", tablename: "blog_post", explicit: false },
  { cls: "Item", tablename: "item", explicit: false },
  { cls: "Person", tablename: "people", explicit: true },
  { cls: "Where", tablename: "where", explicit: true },
  { cls: "Spaced", tablename: "odd table", explicit: true },
  { cls: "Dashed", tablename: "dash-table", explicit: true },
];

const ATTRS = ["name", "title", "qty", "price", "created", "flag", "data", "body", "code", "select", "order", "Value", "mixedCase", "kind", "amount", "note", "key", "from"];
const ODD_NAMES = ["odd name", "Mixed Case", "weird-col", "table", 'quote"d', "it's"];

function randomType(rng: Rng): ColType {
  const kind = pick<TypeKind>(rng, ["Integer", "BigInteger", "SmallInteger", "String", "Unicode", "Text", "UnicodeText", "Boolean", "Float", "Numeric", "Date", "DateTime", "Time", "LargeBinary", "JSON", "Enum"]);
  const parens = chance(rng, 0.5);
  if (kind === "String" || kind === "Unicode") return chance(rng, 0.2) ? { kind, parens } : { kind, length: pick(rng, [16, 32, 64, 200]) };
  if (kind === "Numeric" && chance(rng, 0.5)) return { kind, precision: pick(rng, [[8, 2], [10, 0], [6]]) };
  if (kind === "Enum") return { kind, enumValues: pick(rng, [["new", "shipped", "done"], ["a", "bb", "ccc", "d"]]), ...(chance(rng, 0.3) && { enumName: "status" }) };
  return { kind, parens };
}

/** Types whose value space is wide enough for distinct values in every row. */
export const canBeUnique = (t: ColType): boolean => !["Boolean", "Enum", "JSON", "LargeBinary"].includes(t.kind);

function randomServerDefault(rng: Rng, t: ColType): string | undefined {
  switch (t.kind) {
    case "Integer": case "BigInteger": case "SmallInteger":
      return pick(rng, ["0", `"7"`, `db.text("0")`]);
    case "String": case "Unicode": case "Text": case "UnicodeText":
      return pick(rng, [`"x"`, `db.text("'it''s'")`]);
    case "Boolean": return `db.text("0")`;
    case "Float": case "Numeric": return pick(rng, ["1.5", `"2"`]);
    case "DateTime": return `db.text("CURRENT_TIMESTAMP")`;
    case "Date": return `"2020-01-01"`;
    case "Enum": return `"${t.enumValues?.[0] ?? "a"}"`;
    default: return undefined;
  }
}

export function randomColumn(rng: Rng, taken: Set<string>, naming: boolean, opts: { forAdd?: boolean } = {}): ColSpec {
  let attr = pick(rng, ATTRS);
  while (taken.has(attr)) attr = `${attr}_${Math.floor(rng() * 90 + 10)}`;
  taken.add(attr);
  let name: string | undefined;
  if (chance(rng, 0.15)) {
    const odd = pick(rng, ODD_NAMES);
    if (!taken.has(odd)) { name = odd; taken.add(odd); }
  }
  const type = randomType(rng);
  const serverDefault = chance(rng, 0.3) ? randomServerDefault(rng, type) : undefined;
  let nullable = chance(rng, 0.6);
  // A NOT NULL column added to a table with rows needs a server default (SQLite refuses otherwise):
  // kept now and then, for the upgrade that must fail and roll back.
  if (opts.forAdd && !nullable && serverDefault === undefined && chance(rng, 0.8)) nullable = true;
  // Without a naming convention an unnamed unique constraint cannot be added or dropped in batch
  // mode; it is only generated in the first version (where it is kept, never changed).
  const unique = canBeUnique(type) && (naming || !opts.forAdd) && serverDefault === undefined && nullable && chance(rng, 0.2);
  const comment = chance(rng, 0.1) ? "a 'comment'" : undefined;
  return { attr, ...(name !== undefined && { name }), type, nullable, unique, index: chance(rng, 0.2), ...(serverDefault !== undefined && { serverDefault }), ...(comment !== undefined && { comment }) };
}

export function randomTable(rng: Rng, base: { cls: string; tablename: string; explicit: boolean }, others: readonly TableSpec[], naming: boolean): TableSpec {
  const taken = new Set<string>(["id"]);
  const cols: ColSpec[] = [{ attr: "id", type: { kind: "Integer" }, nullable: false, unique: false, index: false }];
  const n = 1 + Math.floor(rng() * 4);
  for (let i = 0; i < n; i++) cols.push(randomColumn(rng, taken, naming));
  const table: TableSpec = { cls: base.cls, explicitName: base.explicit, tablename: base.tablename, cols, args: [] };
  if (others.length > 0 && chance(rng, 0.6)) addFkColumn(rng, table, pick(rng, others), naming, taken);
  if (chance(rng, 0.15)) addFkColumn(rng, table, table, naming, taken);
  if (chance(rng, 0.3)) addTableArg(rng, table);
  if (chance(rng, 0.2)) table.check = "id >= 0";
  return table;
}

export function addFkColumn(rng: Rng, table: TableSpec, target: TableSpec, naming: boolean, taken = new Set(table.cols.map(colName))): void {
  let attr = `${target.tablename.toLowerCase().replace(/\W/g, "_")}_id`;
  while (taken.has(attr)) attr = `${attr}2`;
  taken.add(attr);
  // Named explicitly (or by the convention) whenever it may later be dropped in batch mode.
  const name = !naming || chance(rng, 0.3) ? `fk_${table.tablename}_${attr}` : undefined;
  const onDelete = chance(rng, 0.3) ? pick(rng, ["CASCADE", "SET NULL"]) : undefined;
  const onUpdate = chance(rng, 0.15) ? "CASCADE" : undefined;
  const fk = { table: target.tablename, ...(name !== undefined && { name }), ...(onDelete !== undefined && { onDelete }), ...(onUpdate !== undefined && { onUpdate }), ...(chance(rng, 0.25) && { tableLevel: true }) };
  table.cols.push({ attr, type: { kind: "Integer" }, nullable: true, unique: false, index: chance(rng, 0.3), fk });
}

/** A named UniqueConstraint or Index; table args name columns by their database names. */
export function addTableArg(rng: Rng, table: TableSpec): void {
  const plain = table.cols.filter((c) => c.attr !== "id" && c.fk === undefined && canBeUnique(c.type));
  if (plain.length === 0) return;
  const cols = [pick(rng, plain)];
  const second = pick(rng, plain);
  if (second !== cols[0] && chance(rng, 0.5)) cols.push(second);
  const colNames = cols.map(colName);
  const kind = chance(rng, 0.5) ? "unique" : "index";
  const name = `${kind === "unique" ? "uq" : "ix"}_${table.tablename.toLowerCase()}_${colNames.join("_").replace(/\W/g, "_")}_t`;
  if (table.args.some((a) => a.name === name)) return;
  // Unique constraints and unique indexes need distinct data: only over nullable columns, without
  // server defaults (rows added later with the default would collide).
  const unique = kind === "unique" || chance(rng, 0.3);
  if (unique && cols.some((c) => !c.nullable || c.serverDefault !== undefined)) return;
  table.args.push({ kind, name, cols: colNames, ...(kind === "index" && { unique }) });
  dedupeUniques(table);
}

/**
 * Drops the table args that repeat a unique over the same columns as an earlier one (a column's
 * `unique: true` counts first). Real Alembic 1.8 detects the second of two unique constraints over
 * the same columns as added again after every upgrade (checked with flask db migrate: SQLite keeps
 * one index for both), so autogenerate is not idempotent there; not generated.
 */
export function dedupeUniques(table: TableSpec): void {
  const seen = new Set(table.cols.filter((c) => c.unique).map((c) => JSON.stringify([colName(c)])));
  table.args = table.args.filter((a) => {
    if (a.kind === "index" && a.unique !== true) return true;
    const key = JSON.stringify([...a.cols].sort());
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function randomModel(rng: Rng, tableCount: number, naming: boolean): ModelSpec {
  const pool = [...TABLES];
  const tables: TableSpec[] = [];
  for (let i = 0; i < tableCount && pool.length > 0; i++) {
    const base = pool.splice(Math.floor(rng() * pool.length), 1)[0];
    if (base) tables.push(randomTable(rng, base, tables, naming));
  }
  return { naming, tables };
}

export const unusedTables = (spec: ModelSpec) => TABLES.filter((t) => !spec.tables.some((s) => s.tablename === t.tablename));
