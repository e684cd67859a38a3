// The core property of adopt: for any schema a SQLite file may hold, the generated models.ts is
// the file's schema, so `db check` right after adopting finds no changes, and models.ts parses
// without errors. The schemas are random DDL (fast-check, seeded per commit: tests/property-seed.ts)
// with the names, types and constraints real files have: quoted names, affinity-only types,
// composite and named keys, foreign keys with actions, unique constraints and indexes.
import { expect, test } from "vitest";
import fc from "fast-check";
import { adoptDatabase, parseModels, runCommand } from "../../src/engine/index";
import { openTestDatabase } from "../binding";
import { FIXED_DATE, randomFor } from "../engine/commands/helpers";

const RUNS = process.env.CI ? 300 : Number(process.env.ADOPT_RUNS ?? 60);

const NAMES = ["id", "name", "order", "select", "my col", 'we"ird', "Mixed", "ünï", "2nd", "metadata", "user_id", "a.b", "x"];
const TYPES = ["INTEGER", "INT", "BIGINT", "SMALLINT", "VARCHAR(40)", "TEXT", "CHAR(3)", "NVARCHAR(20)", "REAL", "FLOAT", "DOUBLE", "NUMERIC(8, 2)", "DECIMAL", "BOOLEAN", "DATE", "DATETIME", "TIMESTAMP", "BLOB", "JSON", "", "STRING", "VARCHAR2(10)"];
const ACTIONS = ["", " ON DELETE CASCADE", " ON DELETE SET NULL", " ON UPDATE RESTRICT", " ON DELETE NO ACTION"];

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface ColumnArb {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly unique: boolean;
  readonly default: string | null;
}

const columnArb = (name: string): fc.Arbitrary<ColumnArb> =>
  fc.record({
    name: fc.constant(name),
    type: fc.constantFrom(...TYPES),
    notNull: fc.boolean(),
    unique: fc.boolean().map((b) => b && name.length % 3 === 0),
    default: fc.option(fc.constantFrom("0", "'n/a'", "CURRENT_TIMESTAMP", "(1 + 1)")),
  });

interface TableArb {
  readonly name: string;
  readonly columns: readonly ColumnArb[];
  readonly pk: "none" | "inline" | "table" | "named" | "composite";
  readonly uniqueTable: boolean;
  readonly fk: string | null;
  readonly fkNamed: boolean;
  readonly index: { readonly unique: boolean; readonly name: string } | null;
  readonly withoutRowid: boolean;
}

const tableArb = (index: number): fc.Arbitrary<TableArb> =>
  fc
    .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 5 })
    .chain((names) =>
      fc.record({
        name: fc.constantFrom<string>(`t${index}`, `Table ${index}`, `order${index}`, `t"${index}`),
        columns: fc.tuple(...names.map(columnArb)),
        pk: fc.constantFrom<TableArb["pk"]>("none", "inline", "table", "named", "composite"),
        uniqueTable: fc.boolean(),
        fk: fc.option(fc.constantFrom(...ACTIONS)),
        fkNamed: fc.boolean(),
        index: fc.option(fc.record({ unique: fc.boolean(), name: fc.constantFrom<string>("ix_a", "Ix Mixed", "ix\"q") })),
        withoutRowid: fc.boolean(),
      }),
    );


function tableDdl(t: TableArb, i: number, earlier: readonly TableArb[]): string[] {
  const name = `${t.name}`;
  const cols = t.columns.map((c, n) => {
    const inlinePk = t.pk === "inline" && n === 0 ? (c.type === "INTEGER" ? " PRIMARY KEY" : " PRIMARY KEY NOT NULL") : "";
    return `${q(c.name)}${c.type === "" ? "" : ` ${c.type}`}${inlinePk}${c.notNull && inlinePk === "" ? " NOT NULL" : ""}${c.unique && inlinePk === "" ? " UNIQUE" : ""}${c.default === null ? "" : ` DEFAULT ${c.default}`}`;
  });
  const first = t.columns[0]!.name;
  const keyed = t.pk !== "none";
  if (t.pk === "table") cols.push(`PRIMARY KEY (${q(first)})`);
  if (t.pk === "named") cols.push(`CONSTRAINT ${q(`pk ${i}`)} PRIMARY KEY (${q(first)})`);
  if (t.pk === "composite") cols.push(`PRIMARY KEY (${t.columns.map((c) => q(c.name)).reverse().join(", ")})`);
  if (t.uniqueTable && t.columns.length > 1) cols.push(`CONSTRAINT ${q(`uq ${i}`)} UNIQUE (${q(t.columns[1]!.name)}, ${q(first)})`);
  const parent = earlier.length > 0 ? earlier[earlier.length - 1]! : undefined;
  // a "." in a foreign key's target has no models.ts form (tests/engine/adopt: a warning instead)
  if (t.fk !== null && parent && parent.pk !== "none" && parent.pk !== "composite" && !parent.columns[0]!.name.includes(".")) {
    const target = `${parent.name}`;
    const named = t.fkNamed ? `CONSTRAINT ${q(`fk ${i}`)} ` : "";
    cols.push(`${named}FOREIGN KEY (${q(t.columns[t.columns.length - 1]!.name)}) REFERENCES ${q(target)} (${q(parent.columns[0]!.name)})${t.fk}`);
  }
  const options = t.withoutRowid && keyed ? " WITHOUT ROWID" : "";
  const out = [`CREATE TABLE ${q(name)} (${cols.join(", ")})${options};`];
  if (t.index) out.push(`CREATE ${t.index.unique ? "UNIQUE " : ""}INDEX ${q(`${t.index.name} ${i}`)} ON ${q(name)} (${q(t.columns[t.columns.length - 1]!.name)});`);
  return out;
}

const schemaArb = fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => tableArb(i))));

function schemaSql(tables: readonly TableArb[]): string {
  const seen = new Set<string>();
  const unique = tables.map((t, i) => (seen.has(t.name) ? { ...t, name: `${t.name}_${i}` } : (seen.add(t.name), t)));
  return unique.flatMap((t, i) => tableDdl(t, i, unique.slice(0, i))).join("\n");
}

async function fileOf(sql: string): Promise<Uint8Array> {
  const db = await openTestDatabase();
  try {
    db.exec(sql);
    return db.export();
  } finally {
    db.close();
  }
}

test("adopt, then check: no changes, for any schema", async () => {
  await fc.assert(
    fc.asyncProperty(schemaArb, async (tables) => {
      const sql = schemaSql(tables);
      const adopted = await adoptDatabase({ bytes: await fileOf(sql), fileName: "random.db" }, { openDatabase: openTestDatabase, random: randomFor("0123456789ab"), clock: () => FIXED_DATE });
      if (!adopted.ok) throw new Error(adopted.reason);
      const models = adopted.workspace.files["models.ts"]!;
      expect(parseModels(models).diagnostics.filter((d) => d.severity === "error"), `${sql}\n\n${models}`).toEqual([]);
      const check = await runCommand(["check"], adopted.workspace, { openDatabase: openTestDatabase, random: randomFor(), clock: () => FIXED_DATE });
      const text = check.lines.map((l) => l.text).join("\n");
      expect(text, `${sql}\n\n${models}`).toContain("No new upgrade operations detected.");
      expect(adopted.warnings.filter((w) => w.startsWith("models.ts")), sql).toEqual([]);
    }),
    { numRuns: RUNS },
  );
});
