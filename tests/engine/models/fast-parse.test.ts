// The fast models parser (src/engine/models/fast-parse.ts) against Babel: the same AST, field for
// field and position for position, and the same parseModels result; and it must give up, leaving
// the file to Babel, on anything outside the model language or not valid.
import { parse } from "@babel/parser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withLoc } from "../fast-ast";
import { EXAMPLE_MODELS, parseModels } from "../../../src/engine/models";
import { fastParseStatements } from "../../../src/engine/models/fast-parse";
import { bigModels } from "../../bench/fixtures";
import { HEADER } from "./helpers";

const babelStatements = (source: string) =>
  parse(source, { sourceType: "module", plugins: ["typescript"], errorRecovery: true, attachComment: false }).program.body;

/** The fast path's AST is Babel's (its locs read out): same keys in the same order, same values (JSON), same shape. */
function expectSameAst(source: string): void {
  const fast = fastParseStatements(source);
  expect(fast, "the fast path gave up").not.toBeNull();
  const babel = babelStatements(source);
  expect(JSON.stringify(withLoc(fast))).toBe(JSON.stringify(babel));
  expect(withLoc(fast)).toEqual(babel);
}

function expectSameModels(source: string): void {
  expect(parseModels(source, "fast")).toStrictEqual(parseModels(source, "babel"));
}

describe("the fast models parser", () => {
  it("takes the tutorial models and gives Babel's AST and result", () => {
    expectSameAst(EXAMPLE_MODELS);
    expectSameModels(EXAMPLE_MODELS);
  });

  it("takes the 200-table benchmark file and gives Babel's AST and result", () => {
    const source = bigModels(true).ts;
    expectSameAst(source);
    expectSameModels(source);
  });

  it("keeps Babel's trailing commas, comments, escapes, templates and optional semicolons", () => {
    const source =
      HEADER +
      "/* a block\n comment */ export class A extends db.Model { // a line comment\n" +
      '  static __tablename__ = `a_table`\n  static __table_args__ = [db.Index("ix", "x",), db.CheckConstraint(\'x > -1.5e3\', { name: "q\\"\\n\\t\\\\" },),];\n' +
      "  id = db.Column(db.Integer, { primaryKey: true, })\n  x = db.Column(db.Numeric(10, 2), { serverDefault: `0`, nullable: false }) /* c */ ;\n" +
      "  e = db.Column(db.Enum('a', \"b\", { name: 'e' }), { default: null })\n}\nclass B extends db.Model { id = db.Column(db.Integer, { primaryKey: true }) }\n";
    expectSameAst(source);
    expectSameModels(source);
  });

  const outside: [string, string][] = [
    ["a syntax error", HEADER + "class A extends db.Model { id = db.Column(db.Integer, { primaryKey: true }) x = 1 }\n"],
    ["an unclosed class", HEADER + "class A extends db.Model {\n  id = db.Column(db.Integer)\n"],
    ["a let declaration", 'import { SQLAlchemy } from "retort";\nlet db = new SQLAlchemy();\n'],
    ["CRLF line ends", HEADER.replace(/\n/g, "\r\n") + "class A extends db.Model {\r\n  id = db.Column(db.Integer, { primaryKey: true });\r\n}\r\n"],
    ["a duplicate class", HEADER + "class A extends db.Model {}\nclass A extends db.Model {}\n"],
    ["a type annotation", HEADER + "class A extends db.Model { id: number = db.Column(db.Integer) }\n"],
    ["a spread", HEADER + "class A extends db.Model { id = db.Column(db.Integer, { ...x }) }\n"],
    ["a template with ${}", HEADER + "class A extends db.Model { static __tablename__ = `t${1}` }\n"],
    ["a unicode escape", HEADER + 'class A extends db.Model { static __tablename__ = "\\u0074" }\n'],
    ["a hex number", HEADER + "class A extends db.Model { id = db.Column(db.String(0x10)) }\n"],
    ["a decrement", HEADER + "class A extends db.Model { id = db.Column(db.String(--1)) }\n"],
    ["a parenthesized value", HEADER + "class A extends db.Model { id = (db.Column(db.Integer)) }\n"],
    ["a method", HEADER + "class A extends db.Model { get x() { return 1 } }\n"],
    ["a reserved word", HEADER + "class A extends db.Model { id = db.Column(this) }\n"],
    ["a __proto__ key", HEADER + "class A extends db.Model { id = db.Column(db.Integer, { __proto__: 1, __proto__: 2 }) }\n"],
    ["a function call statement", HEADER + "foo();\n"],
    ["a string over two lines", HEADER + 'class A extends db.Model { static __tablename__ = "a\n" }\n'],
    ["an unclosed comment", HEADER + "/* class A"],
  ];
  it.each(outside)("gives up on %s, and parseModels gives Babel's result", (_what, source) => {
    expect(fastParseStatements(source)).toBeNull();
    expect(() => parseModels(source, "fast")).toThrow(/gave up/);
    expect(parseModels(source)).toStrictEqual(parseModels(source, "babel"));
  });
});

// ---- generated model files ----

// "x_" keeps generated names clear of reserved words (which the fast path leaves to Babel)
const name = fc.oneof(
  fc.stringMatching(/^[a-z0-9_]{0,8}$/).map((n) => `x_${n}`),
  fc.constantFrom("id", "__tablename__", "__table_args__", "primaryKey", "nullable", "index", "unique", "serverDefault", "name", "namingConvention", "onDelete"),
);
const stringChars = fc.array(fc.constantFrom("a", "Z", "0", " ", "%", "(", ")", "é", "\\\\", '\\"', "\\'", "\\n", "\\t", "/", "*", "-", "`"), { maxLength: 8 });
const stringLit = fc.tuple(fc.constantFrom('"', "'"), stringChars).map(([q, cs]) => q + cs.join("") + q);
const templateLit = fc.array(fc.constantFrom("a", "b", " ", "\n", "%s", '"', "'"), { maxLength: 6 }).map((cs) => "`" + cs.join("") + "`");
const numberLit = fc.oneof(fc.nat(1000).map(String), fc.tuple(fc.nat(99), fc.nat(99)).map(([a, b]) => `${a}.${b}`), fc.constantFrom("1e3", "2.5E-2", "0"));
const gap = fc.constantFrom(" ", "", "\n", "  ", " /* c */ ", " // c\n", "\t", "\n\n");

const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { maxDepth: 3, depthIdentifier: "v" },
    stringLit,
    templateLit,
    numberLit,
    numberLit.map((n) => `-${n}`),
    fc.constantFrom("true", "false", "null", "db.Integer", "db.Text", "undefined"),
    fc.tuple(fc.constantFrom("db.String", "db.Numeric", "db.ForeignKey", "db.Column", "db.Index", "db.Enum"), fc.array(tie("v"), { maxLength: 3 }), fc.boolean(), gap).map(
      ([f, args, comma, g]) => `${f}(${g}${args.join(`,${g}`)}${comma && args.length > 0 ? "," : ""})`,
    ),
    fc.tuple(fc.array(tie("v"), { maxLength: 3 }), fc.boolean(), gap).map(([xs, comma, g]) => `[${g}${xs.join(`,${g}`)}${comma && xs.length > 0 ? "," : ""}]`),
    fc.tuple(fc.array(fc.tuple(fc.oneof(name, stringLit), tie("v")), { maxLength: 3 }), fc.boolean(), gap).map(
      ([entries, comma, g]) => `{${g}${entries.map(([k, v]) => `${k}:${g}${v}`).join(`,${g}`)}${comma && entries.length > 0 ? "," : ""}}`,
    ),
  ),
})).v;

const member = fc.tuple(fc.boolean(), name, value, fc.constantFrom(";", ";\n", "\n", " ;", " /* x */;\n")).map(([isStatic, key, v, end]) => `${isStatic ? "static " : ""}${key} = ${v}${end}`);

const modelFile = fc
  .tuple(
    fc.option(fc.array(fc.tuple(name, value), { maxLength: 2 }), { nil: undefined }),
    fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,6}$/), { minLength: 1, maxLength: 4 }),
    fc.array(fc.array(member, { maxLength: 5 }), { minLength: 4, maxLength: 4 }),
    fc.boolean(),
    gap,
  )
  .filter(([, classes]) => !classes.includes("SQLAlchemy"))
  .map(([options, classes, bodies, exported, g]) => {
    const opts = options === undefined ? "" : `{ ${options.map(([k, v]) => `${k}: ${v}`).join(", ")} }`;
    const head = `import { SQLAlchemy } from "retort"${g}\nconst db = new SQLAlchemy(${opts});\n`;
    const body = classes.map((c, i) => `${exported ? "export " : ""}class ${c} extends db.Model {${g}\n${bodies[i]!.join("  ")}}${g}\n`);
    return head + body.join("\n");
  });

describe("the fast models parser on generated model files", () => {
  it("gives Babel's AST and Babel's parseModels result", () => {
    fc.assert(
      fc.property(modelFile, (source) => {
        expectSameAst(source);
        expectSameModels(source);
      }),
      { numRuns: 300 },
    );
  });
});
