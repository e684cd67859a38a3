// sortTables against SQLAlchemy 1.4.46's MetaData.sorted_tables on the same tables:
// /usr/bin/python3 printed ['a', 'c', 'e', 'f', 'b', 'd', 'g'] (e and f refer to each other).
import { expect, test } from "vitest";
import { sortTables } from "../../../src/engine/autogenerate/sort-tables";
import { table } from "./helpers";

const fk = (to: string) => ({ name: null, columns: [`${to}_id`], referredTable: to, referredColumns: ["id"], onDelete: null, onUpdate: null });

test("tables come out in rounds, by name within a round, and a foreign key cycle is ignored for its own tables", () => {
  const tables = [
    table("d", { foreignKeys: [fk("c")] }),
    table("c"),
    table("b", { foreignKeys: [fk("a"), fk("b")] }),
    table("a"),
    table("e", { foreignKeys: [fk("f")] }),
    table("f", { foreignKeys: [fk("e")] }),
    table("g", { foreignKeys: [fk("e"), fk("missing")] }),
  ];
  expect(sortTables(tables).map((t) => t.name)).toEqual(["a", "c", "e", "f", "b", "d", "g"]);
});
