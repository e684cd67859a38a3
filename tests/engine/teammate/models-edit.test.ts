// Where the teammate's model change lands in models.ts: after the class's last column, in the
// file's own indentation and instance name; inside a class whose columns are all inherited; or
// as a new class at the end. Each result parses to the intended table.
import { expect, test } from "vitest";
import { parseModels } from "../../../src/engine/models";
import { classOfTable, readModelFile, withClass, withColumn } from "../../../src/engine/teammate/models-edit";

const columnsOf = (source: string, table: string) => parseModels(source).schema.tables.find((t) => t.name === table)?.columns.map((c) => c.name);

test("a column goes after the last column, before the relationship, in the file's indentation and instance name", () => {
  const source = `import { SQLAlchemy } from "retort";
const orm = new SQLAlchemy();
export class Role extends orm.Model {
    static __tablename__ = "roles";
    id = orm.Column(orm.Integer, { primaryKey: true });
    name = orm.Column(orm.String(64),
        { unique: true });
    parent = orm.relationship("Role");
}`;
  const file = readModelFile(source);
  const edited = withColumn(file, classOfTable(file, "roles")!, "permissions", "Integer");
  expect(edited).toContain(`        { unique: true });\n    permissions = orm.Column(orm.Integer);\n    parent = orm.relationship("Role");`);
  expect(parseModels(edited).diagnostics).toEqual([]);
  expect(columnsOf(edited, "roles")).toEqual(["id", "name", "permissions"]);
});

test("a class whose columns are all inherited gets the column inside its body", () => {
  const source = `import { SQLAlchemy } from "retort";
const db = new SQLAlchemy();
export class Base extends db.Model {
  static __abstract__ = true;
  id = db.Column(db.Integer, { primaryKey: true });
}
export class Member extends Base {
  static __tablename__ = "members";
}
`;
  const file = readModelFile(source);
  const edited = withColumn(file, classOfTable(file, "members")!, "last_seen", "DateTime");
  expect(parseModels(edited).diagnostics).toEqual([]);
  expect(columnsOf(edited, "members")).toEqual(["id", "last_seen"]);
});

test("a new table is a class at the end, with its foreign key", () => {
  const source = `import { SQLAlchemy } from "retort";\nconst db = new SQLAlchemy();\nexport class User extends db.Model {\n  static __tablename__ = "users";\n  id = db.Column(db.Integer, { primaryKey: true });\n}`;
  const edited = withClass(readModelFile(source), { className: "Post", table: "posts", columns: [["body", "Text"]], reference: { column: "author_id", target: "users.id" } });
  const posts = parseModels(edited).schema.tables.find((t) => t.name === "posts")!;
  expect(posts.columns.map((c) => c.name)).toEqual(["id", "body", "author_id"]);
  expect(posts.foreignKeys.map((fk) => `${fk.columns.join()} -> ${fk.referredTable}.${fk.referredColumns.join()}`)).toEqual(["author_id -> users.id"]);
});
