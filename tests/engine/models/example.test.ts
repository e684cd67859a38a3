import { expect, test } from "vitest";
import { EXAMPLE_MODELS } from "../../../src/engine/models";
import { parseModels } from "./helpers";

test("the seeds' example models parse without diagnostics into roles and users, without the email column", () => {
  const result = parseModels(EXAMPLE_MODELS);
  expect(result.diagnostics).toEqual([]);
  expect(result.schema.tables.map((t) => [t.name, t.columns.map((c) => c.name)])).toEqual([
    ["roles", ["id", "name"]],
    ["users", ["id", "username", "role_id"]],
  ]);
  expect(result.namingConvention).toMatchObject({ pk: "pk_%(table_name)s" });
});
