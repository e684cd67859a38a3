// Python literals of the exported files, against what Python 3.11's repr() printed for the same values.
import { describe, expect, test } from "vitest";
import { docstringText, pyDict, pyList, pyNumber, pyStr, pyTuple, pyValue } from "../../../src/engine/export/python";

describe("pyStr is Python's repr() of a str", () => {
  test.each([
    ["plain", "'plain'"],
    ["it's", `"it's"`],
    ['say "hi"', `'say "hi"'`],
    [`both ' and "`, `'both \\' and "'`],
    ["back\\slash", "'back\\\\slash'"],
    ["tab\there\nnew", "'tab\\there\\nnew'"],
    ["\u0000\u001f\u007f", "'\\x00\\x1f\\x7f'"],
    ["ünï €", "'ünï €'"],
  ])("%j", (value, repr) => {
    expect(pyStr(value)).toBe(repr);
  });
});

test("numbers, None and booleans as Python writes them", () => {
  expect([0.25, 1e21, -0, 12, -3].map(pyNumber)).toEqual(["0.25", "1e+21", "-0.0", "12", "-3"]);
  expect([null, true, false, "x", 2].map(pyValue)).toEqual(["None", "True", "False", "'x'", "2"]);
});

test("lists, tuples (a one-element tuple keeps its comma) and dicts", () => {
  expect(pyList(["a", "b"])).toBe("['a', 'b']");
  expect(pyTuple(["a"])).toBe("('a',)");
  expect(pyTuple(["a", "b"])).toBe("('a', 'b')");
  expect(pyDict([["id", "1"], ["name", "'x'"]])).toBe("{'id': 1, 'name': 'x'}");
});

test("a docstring keeps a backslash and cannot be closed by three quotes", () => {
  expect(docstringText('a \\ b """ c')).toBe('a \\\\ b \\""" c');
});
