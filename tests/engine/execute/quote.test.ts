import { describe, expect, test } from "vitest";
import { ident } from "../../../src/engine/execute";
import { tempTableName } from "../../../src/engine/execute";

// What SQLAlchemy 1.4's SQLite IdentifierPreparer.quote() returns for the same names.
describe("ident", () => {
  test.each([
    ["users", "users"],
    ["user_roles", "user_roles"],
    ["_alembic_tmp_users", "_alembic_tmp_users"],
    ["select", '"select"'],
    ["order", '"order"'],
    ["Upper", '"Upper"'],
    ["desc", '"desc"'],
    ["my col", '"my col"'],
    ["1st", '"1st"'],
    ["$x", '"$x"'],
    ["a$b", "a$b"],
    ['we"ird', '"we""ird"'],
    ["ünï", '"ünï"'],
  ])("%s -> %s", (name, quoted) => {
    expect(ident(name)).toBe(quoted);
  });
});

test("the temp table name is cut to 50 characters, as Alembic's _calc_temp_name", () => {
  expect(tempTableName("t".repeat(60))).toBe(`_alembic_tmp_${"t".repeat(37)}`);
  expect(tempTableName("t".repeat(60))).toHaveLength(50);
});
