// Where SQLite ends each statement of a script: the SQL console runs them one by one.
import { describe, expect, test } from "vitest";
import { splitStatements, withoutLeadingComments } from "../../../src/engine/db/split-statements";
import { openSqlJs } from "../../../src/engine/db/sqljs";

describe("splitStatements", () => {
  test("ends a statement at each semicolon outside quotes, identifiers and comments", () => {
    expect(splitStatements("CREATE TABLE a (x); INSERT INTO a VALUES (1);SELECT * FROM a")).toEqual(["CREATE TABLE a (x)", "INSERT INTO a VALUES (1)", "SELECT * FROM a"]);
    expect(splitStatements(`INSERT INTO a VALUES ('x;y', 'it''s; fine'); SELECT "odd;name", [b;c], \`d;e\` FROM a`)).toEqual([
      "INSERT INTO a VALUES ('x;y', 'it''s; fine')",
      'SELECT "odd;name", [b;c], `d;e` FROM a',
    ]);
    expect(splitStatements("SELECT 1 -- a comment; not the end\n; /* nor ; this */ SELECT 2")).toEqual(["SELECT 1 -- a comment; not the end", "/* nor ; this */ SELECT 2"]);
  });

  test("leaves out empty statements and bare comments", () => {
    expect(splitStatements(";; \n ;")).toEqual([]);
    expect(splitStatements("-- only a comment\n/* and another */")).toEqual([]);
    expect(splitStatements("SELECT 1;;\n-- done\n")).toEqual(["SELECT 1"]);
  });

  test("keeps a CREATE TRIGGER whole: its body's semicolons end it only after END", () => {
    const trigger = "CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO log VALUES (1); UPDATE a SET x = 2; END";
    expect(splitStatements(`${trigger}; SELECT 1`)).toEqual([trigger, "SELECT 1"]);
    expect(splitStatements("create trigger u after delete on a begin delete from b; end;")).toEqual(["create trigger u after delete on a begin delete from b; end"]);
  });

  test("each statement it gives is one SQLite accepts on its own, and together they do what the script does", async () => {
    const script = [
      "CREATE TABLE a (x TEXT, [y;z] INTEGER)",
      "CREATE TABLE log (n INTEGER)",
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO log VALUES (1); INSERT INTO log VALUES (2); END",
      "INSERT INTO a VALUES ('semi;colon', 1) -- trailing; comment\n",
      "/* ; */ INSERT INTO a VALUES ('it''s', 2)",
    ].join(";\n");
    const whole = await openSqlJs();
    whole.exec(script);
    const split = await openSqlJs();
    for (const statement of splitStatements(script)) split.exec(statement);
    for (const db of [whole, split]) expect(db.query("SELECT x, [y;z] FROM a").rows).toEqual([["semi;colon", 1], ["it's", 2]]);
    expect(split.query("SELECT count(*) FROM log").rows).toEqual(whole.query("SELECT count(*) FROM log").rows);
  });
});

test("a statement's first word is found past the comments before it", () => {
  expect(withoutLeadingComments("-- why\n  /* and how */\n COMMIT")).toBe("COMMIT");
  expect(withoutLeadingComments("SELECT 1 -- not this")).toBe("SELECT 1 -- not this");
  expect(withoutLeadingComments("/* unclosed")).toBe("");
});
