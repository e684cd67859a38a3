// Alembic's lines print names with Python's repr(); these expectations are what /usr/bin/python3 printed
// for repr("it's"), repr('say "hi"'), repr('both \' and "'), repr('back\\slash') and the list and tuples.
import { expect, test } from "vitest";
import { messages, pyList, pyStr, pyTuple } from "../../../src/engine/autogenerate/messages";

test("pyStr, pyList and pyTuple print as Python's repr", () => {
  expect(pyStr("it's")).toBe(`"it's"`);
  expect(pyStr('say "hi"')).toBe(`'say "hi"'`);
  expect(pyStr(`both ' and "`)).toBe(`'both \\' and "'`);
  expect(pyStr("back\\slash")).toBe(`'back\\\\slash'`);
  expect(pyList(["a", "b'c"])).toBe(`['a', "b'c"]`);
  expect(pyTuple(["x"])).toBe("('x',)");
  expect(pyTuple(["a", "b"])).toBe("('a', 'b')");
});

test("table lines use %r, column lines quote with '%s', Enum reprs keep Python's quotes", () => {
  expect(messages.addedTable("it's")).toBe(`Detected added table "it's"`);
  expect(messages.removedColumn("order", "select")).toBe("Detected removed column 'order.select'");
  expect(messages.typeChange("t", "s", { name: "VARCHAR", length: 4 }, { name: "Enum", values: ["a", "it's"] })).toBe(
    `Detected type change from VARCHAR(length=4) to Enum('a', "it's") on 't.s'`,
  );
  expect(messages.typeChange("t", "z", { name: "NULL" }, { name: "Integer" })).toBe("Detected type change from NullType() to Integer() on 't.z'");
});
