import { describe, expect, test } from "vitest";
import { applyOps, applyOpsToSchema, ExecuteError } from "../../../src/engine/execute";
import { reflectSchema } from "../../../src/engine/reflect";
import {
  addColumn,
  alterColumn,
  createCheckConstraint,
  createIndex,
  createTable,
  createUniqueConstraint,
  dropColumn,
  dropConstraint,
  dropIndex,
  dropTable,
  modifyTable,
  renameTable,
  type MigrateOp,
} from "../../../src/engine/ops/ops";
import { column, emptyTable, type Schema, type Table } from "../../../src/engine/schema/model";
import { recordingDb } from "./helpers";

const AUTHORS: Table = {
  ...emptyTable("authors"),
  columns: [column("id", { name: "Integer" }, { nullable: false }), column("name", { name: "String", length: 50 }, { serverDefault: "'anon'" })],
  primaryKey: { name: null, columns: ["id"] },
};
const BOOKS: Table = {
  ...emptyTable("books"),
  columns: [
    column("id", { name: "Integer" }, { nullable: false }),
    column("title", { name: "String", length: 100 }, { nullable: false }),
    column("author_id", { name: "Integer" }),
    column("pages", { name: "Integer" }, { serverDefault: "(10)" }),
  ],
  primaryKey: { name: null, columns: ["id"] },
  foreignKeys: [{ name: "fk_books_author", columns: ["author_id"], referredTable: "authors", referredColumns: ["id"], onDelete: null, onUpdate: null }],
  uniqueConstraints: [{ name: "uq_books_title", columns: ["title"] }],
  checkConstraints: [{ name: "ck_pages", sqltext: "pages > 0" }],
  indexes: [{ name: "ix_books_author_id", columns: ["author_id"], unique: false }],
};

// Order inside each list is not part of the comparison: reflection sorts indexes by name.
const normal = (schema: Schema) => ({
  tables: schema.tables.map((t) => ({
    ...t,
    indexes: [...t.indexes].sort((a, b) => a.name.localeCompare(b.name)),
    uniqueConstraints: [...t.uniqueConstraints].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    foreignKeys: [...t.foreignKeys].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    checkConstraints: [...t.checkConstraints].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  })),
});

const CASES: Record<string, MigrateOp[]> = {
  "plain ALTERs": [addColumn("books", column("isbn", { name: "String", length: 13 })), createIndex("books", { name: "ix_isbn", columns: ["isbn"], unique: true }), dropIndex("books", "ix_isbn")],
  "a batch rebuild": [
    modifyTable("books", [
      alterColumn("books", "title", { newColumnName: "name", type: { name: "Text" } }),
      alterColumn("books", "pages", { nullable: false }),
      dropConstraint("books", "ck_pages", "check"),
      createCheckConstraint("books", { name: "ck_pages_pos", sqltext: "pages >= 0" }),
      createUniqueConstraint("books", { name: "uq_books_pages", columns: ["pages"] }),
      addColumn("books", column("isbn", { name: "String", length: 13 })),
      dropColumn("books", "author_id"),
    ]),
  ],
  "rename and drop": [renameTable("authors", "writers"), dropTable("books")],
};

describe("applyOpsToSchema", () => {
  for (const [name, ops] of Object.entries(CASES)) {
    test(`agrees with reflecting the database after running the ops: ${name}`, async () => {
      const db = await recordingDb();
      applyOps(db, [createTable(AUTHORS), createTable(BOOKS)]);
      db.exec("INSERT INTO authors VALUES (1, 'ann'); INSERT INTO books VALUES (1, 'b1', 1, 100);");
      const before = reflectSchema(db);
      applyOps(db, ops);
      expect(normal(applyOpsToSchema(before, ops))).toEqual(normal(reflectSchema(db)));
    });
  }

  test("models every default as reflection reads it back: SQL text (serverDefaultIsSql), whether or not the model wrote text()", async () => {
    const db = await recordingDb();
    const ops = [createTable(AUTHORS), createTable(BOOKS), addColumn("authors", column("bio", { name: "Text" }, { serverDefault: "'none'" }))];
    applyOps(db, ops);
    const after = applyOpsToSchema({ tables: [] }, ops);
    expect(normal(after)).toEqual(normal(reflectSchema(db)));
    expect(after.tables[0]!.columns.map((c) => c.serverDefaultIsSql)).toEqual([undefined, true, true]);
  });

  test("is pure: the input schema is not changed", () => {
    const schema: Schema = { tables: [AUTHORS] };
    const copy = structuredClone(schema);
    applyOpsToSchema(schema, [addColumn("authors", column("bio", { name: "Text" }))]);
    expect(schema).toEqual(copy);
  });

  test("names missing tables and columns in its errors", () => {
    const schema: Schema = { tables: [AUTHORS] };
    expect(() => applyOpsToSchema(schema, [dropColumn("nope", "x")])).toThrow("drop_column names table 'nope', which does not exist");
    expect(() => applyOpsToSchema(schema, [modifyTable("authors", [dropColumn("authors", "age")])])).toThrow(
      "drop_column names column 'authors.age', which does not exist",
    );
    expect(() => applyOpsToSchema(schema, [createTable(AUTHORS)])).toThrow(ExecuteError);
  });

  test("lenient mode skips ops on tables it does not track, for rendering", () => {
    const schema: Schema = { tables: [AUTHORS] };
    const after = applyOpsToSchema(schema, [dropColumn("made_by_raw_sql", "x"), addColumn("authors", column("bio", { name: "Text" }))], { lenient: true });
    expect(after.tables[0]!.columns.map((c) => c.name)).toEqual(["id", "name", "bio"]);
  });

  test("refuses what SQLite cannot ALTER outside a batch block, and says to use one", () => {
    const schema: Schema = { tables: [AUTHORS] };
    expect(() => applyOpsToSchema(schema, [alterColumn("authors", "name", { nullable: false })])).toThrow(/no ALTER COLUMN.*batchAlterTable/);
    expect(() => applyOpsToSchema(schema, [createUniqueConstraint("authors", { name: "uq", columns: ["name"] })])).toThrow(/No support for ALTER of constraints/);
  });
});
