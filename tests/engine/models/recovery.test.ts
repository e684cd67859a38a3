// While the user types, the file is often broken: syntax errors become diagnostics with a place,
// every class that can still be read yields its table, and parseModels never throws.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EXAMPLE_MODELS } from "../../../src/engine/models";
import { callParens } from "../call-parens";
import { at, models, parseModels } from "./helpers";

const PK = "id = db.Column(db.Integer, { primaryKey: true });";

describe("syntax errors", () => {
  test("an unclosed call loses only its class; the classes around it keep their tables", () => {
    const r = models(`class A extends db.Model {\n  ${PK}\n}\nclass B extends db.Model {\n  id = db.Column(db.Integer, { primaryKey: true }\n}\nclass C extends db.Model {\n  ${PK}\n}\n`);
    expect(at(r)).toEqual([[8, 1, 'Syntax error: Unexpected token, expected ",".']]);
    expect(r.schema.tables.map((t) => t.name)).toEqual(["a", "c"]);
  });

  test("an error Babel recovers from is reported and the class is still read", () => {
    const r = models(`class A extends db.Model {\n  ${PK}\n  n = db.Column(db.Integer, { serverDefault: 08 });\n}`);
    expect(at(r)).toEqual([[5, 46, "Syntax error: Legacy octal literals are not allowed in strict mode."]]);
    expect(r.schema.tables.map((t) => t.columns.map((c) => [c.name, c.serverDefault]))).toEqual([[["id", null], ["n", "'8'"]]]);
  });

  test("a broken SQLAlchemy declaration does not add 'db is not defined' to every class", () => {
    const r = models(`class A extends db.Model { ${PK} }`, `import { SQLAlchemy } from "retort";\nconst db = new SQLAlchemy({ namingConvention: { ix: "x" ;\n`);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['Syntax error: Unexpected token, expected ",".']);
    expect(r.schema.tables.map((t) => t.name)).toEqual(["a"]);
  });

  test("references into the lost class are not reported on top of the syntax error", () => {
    const r = models(`class Base extends db.Model {\n  static __abstract__ = true;\n  ${PK}\n  oops = db.Column(\n}
class A extends Base {}
class B extends db.Model {
  ${PK}
  a_id = db.Column(db.Integer, db.ForeignKey("a.id"));
  base = db.relationship("Base");
  gone = db.Column(db.Integer, db.ForeignKey("gone.id"));
}`);
    expect(r.diagnostics.map((d) => d.message)).toEqual(["Syntax error: Unexpected token."]);
    expect(r.schema.tables.map((t) => [t.name, t.foreignKeys.length])).toEqual([["b", 0]]);
  });

  test("an unterminated string reports where Babel stopped", () => {
    const r = models(`class A extends db.Model {\n  ${PK}\n  s = db.Column(db.String, { serverDefault: "oops });\n}`);
    expect(r.diagnostics[0]).toMatchObject({ severity: "error", line: 5, message: "Syntax error: Unterminated string constant." });
  });

  test("an empty argument `f(, x)` is one syntax error, and the rest of the call is still read", () => {
    const r = models(`class A extends db.Model {\n  id = db.Column(, db.Integer, { primaryKey: true });\n  static __table_args__ = [db.UniqueConstraint(, "id")];\n}`);
    expect(at(r)).toEqual([
      [4, 19, "Syntax error: Unexpected token ','."],
      [5, 49, "Syntax error: Unexpected token ','."],
    ]);
    expect(r.schema.tables.map((t) => [t.name, t.columns.map((c) => c.name), t.uniqueConstraints.map((u) => u.columns)])).toEqual([["a", ["id"], [["id"]]]]);
  });
});

describe("never throws", () => {
  test("on any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parseModels(text);
        expect(Array.isArray(r.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  // Babel recovers from `f(, x)` with a hole where its types promise a node; a CI run found it
  test("on an empty first argument in any call of the example models", () => {
    for (const i of callParens(EXAMPLE_MODELS)) {
      const r = parseModels(`${EXAMPLE_MODELS.slice(0, i + 1)}, ${EXAMPLE_MODELS.slice(i + 1)}`);
      expect(r.diagnostics.some((d) => d.message.startsWith("Syntax error"))).toBe(true);
    }
  });

  test("on any cut of the example models, with every diagnostic inside the text", () => {
    const lines = EXAMPLE_MODELS.split("\n").length;
    fc.assert(
      fc.property(fc.nat(EXAMPLE_MODELS.length), fc.nat(40), fc.string({ maxLength: 5 }), (start, length, insert) => {
        const text = EXAMPLE_MODELS.slice(0, start) + insert + EXAMPLE_MODELS.slice(start + length);
        const r = parseModels(text);
        for (const d of r.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines + 1);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** `n` classes of 10 columns, with foreign keys, indexes and a naming convention. */
function bigModels(n: number): string {
  const classes = Array.from({ length: n }, (_, i) => {
    const fk = i > 0 ? `, db.ForeignKey("table_${i - 1}.id", { onDelete: "CASCADE" })` : "";
    return `export class Table${i} extends db.Model {
  static __tablename__ = "table_${i}";
  static __table_args__ = [db.UniqueConstraint("name", "code"), db.CheckConstraint("qty >= 0", { name: "qty_positive" })];
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(64), { nullable: false, index: true });
  code = db.Column(db.String(16), { unique: true });
  qty = db.Column(db.Integer, { serverDefault: "0" });
  price = db.Column(db.Numeric(8, 2));
  active = db.Column(db.Boolean, { serverDefault: db.text("1") });
  created = db.Column(db.DateTime, { serverDefault: db.text("CURRENT_TIMESTAMP") });
  notes = db.Column(db.Text);
  kind = db.Column(db.Enum("a", "b", { name: "kind_${i}" }));
  parent_id = db.Column(db.Integer${fk});
}`;
  });
  return `import { SQLAlchemy } from "retort";
const db = new SQLAlchemy({ namingConvention: { ix: "ix_%(column_0_label)s", uq: "uq_%(table_name)s_%(column_0_name)s", ck: "ck_%(table_name)s_%(constraint_name)s", fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", pk: "pk_%(table_name)s" } });
${classes.join("\n")}
`;
}

describe("a large file", () => {
  test("a 200-class, 10-column file parses completely (its speed is measured by npm run bench)", () => {
    const source = bigModels(200);
    const result = parseModels(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.schema.tables).toHaveLength(200);
    expect(result.schema.tables[199]!.foreignKeys[0]!.name).toBe("fk_table_199_parent_id_table_198");
  });

});
