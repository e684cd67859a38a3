// Every naming-convention token against the names real SQLAlchemy 1.4.46 gave. The expected
// values were printed by MetaData(naming_convention={kind: "<kind>_%(<token>)s"}) over the tables
//   parent(id PK, code key="codekey")
//   child(id PK, pid_col key="pid", pcode, UniqueConstraint(pid, pcode),
//         ForeignKeyConstraint([pid, pcode], [parent.id, parent.codekey]), CheckConstraint("pid > 0"))
// (naming-reference.py prints them: /usr/bin/python3 tests/engine/schema/naming-reference.py).

import { describe, expect, test } from "vitest";
import {
  applyNamingConvention, isKnownToken, parseTemplate, type ConventionTarget, type NamingConvention, NamingError,
} from "../../../src/engine/schema/naming";

const CHILD_COLUMNS = [
  { name: "pid_col", key: "pid" },
  { name: "pcode", key: "pcode" },
];
const UQ: ConventionTarget = { kind: "uq", table: "child", name: null, columns: CHILD_COLUMNS };
const FK: ConventionTarget = {
  kind: "fk", table: "child", name: null, columns: CHILD_COLUMNS, referredTable: "parent", referredColumns: () => ["id", "code"],
};
const CK: ConventionTarget = { kind: "ck", table: "child", name: null, columns: [] };

function nameWith(target: ConventionTarget, template: string): string | null {
  const result = applyNamingConvention({ [target.kind]: template }, target);
  if (!result.ok) throw new Error(result.message);
  return result.name;
}

describe("column tokens (recorded from SQLAlchemy on child's UniqueConstraint(pid, pcode))", () => {
  test.each([
    ["table_name", "uq_child"],
    ["column_0_name", "uq_pid_col"],
    ["column_0N_name", "uq_pid_colpcode"],
    ["column_0_N_name", "uq_pid_col_pcode"],
    ["column_0_label", "uq_child_pid_col"],
    ["column_0N_label", "uq_child_pid_colchild_pcode"],
    ["column_0_N_label", "uq_child_pid_col_child_pcode"],
    ["column_0_key", "uq_pid"],
    ["column_0N_key", "uq_pidpcode"],
    ["column_0_N_key", "uq_pid_pcode"],
    ["column_1_name", "uq_pcode"],
    ["column_3_name", "uq_"],
  ])("%%(%s)s -> %s", (token, expected) => {
    expect(nameWith(UQ, `uq_%(${token})s`)).toBe(expected);
  });

  test("a CHECK constraint has no columns, so column tokens are empty (ck_child_ -> 'ck_')", () => {
    expect(nameWith(CK, "ck_%(column_0_name)s")).toBe("ck_");
  });
});

describe("foreign key tokens (recorded from SQLAlchemy on child's composite foreign key)", () => {
  test.each([
    ["referred_table_name", "fk_parent"],
    ["referred_column_0_name", "fk_id"],
    ["referred_column_0N_name", "fk_idcode"],
    ["referred_column_0_N_name", "fk_id_code"],
    ["referred_column_1_name", "fk_code"],
    ["column_0_N_label", "fk_child_pid_col_child_pcode"],
    ["column_0_N_name", "fk_pid_col_pcode"],
    ["column_2_name", "fk_"],
  ])("%%(%s)s -> %s", (token, expected) => {
    expect(nameWith(FK, `fk_%(${token})s`)).toBe(expected);
  });

  test("a referred column past the end is an error, as SQLAlchemy's IndexError", () => {
    const result = applyNamingConvention({ fk: "fk_%(referred_column_2_name)s" }, FK);
    expect(result).toEqual({
      ok: false,
      message: "Naming convention token %(referred_column_2_name)s needs a foreign key with at least 3 columns; use %(referred_column_0_N_name)s to name every referred column.",
    });
  });

  test("an unresolvable referred column reports the resolver's message", () => {
    const target = { ...FK, referredColumns: () => { throw new NamingError("cannot resolve"); } };
    expect(applyNamingConvention({ fk: "fk_%(referred_column_0_name)s" }, target)).toEqual({ ok: false, message: "cannot resolve" });
    // referred_table_name needs no resolution
    expect(applyNamingConvention({ fk: "fk_%(referred_table_name)s" }, target)).toEqual({ ok: true, name: "fk_parent" });
  });
});

describe("which name wins", () => {
  const conv: NamingConvention = { uq: "uq_%(table_name)s_%(column_0_name)s", ck: "ck_%(table_name)s_%(constraint_name)s" };

  test("an explicit name wins over a convention without %(constraint_name)s (SQLAlchemy kept 'myuq')", () => {
    expect(applyNamingConvention(conv, { ...UQ, name: "myuq" })).toEqual({ ok: true, name: "myuq" });
  });

  test("a convention with %(constraint_name)s wraps the explicit name (SQLAlchemy gave 'ck_t_myck')", () => {
    expect(applyNamingConvention(conv, { ...CK, table: "t", name: "myck" })).toEqual({ ok: true, name: "ck_t_myck" });
  });

  test("%(constraint_name)s on an unnamed constraint fails with SQLAlchemy's words", () => {
    expect(applyNamingConvention(conv, CK)).toEqual({
      ok: false,
      message: "Naming convention including %(constraint_name)s token requires that constraint is explicitly named.",
      unnamed: true,
    });
  });

  test("no convention for the kind leaves the name as given", () => {
    expect(applyNamingConvention(conv, { kind: "pk", table: "t", name: null, columns: CHILD_COLUMNS })).toEqual({ ok: true, name: null });
  });

  test("no convention, or an empty one, means SQLAlchemy's default ix_%(column_0_label)s", () => {
    const ix: ConventionTarget = { kind: "ix", table: "t", name: null, columns: [{ name: "a", key: "a" }] };
    expect(applyNamingConvention(null, ix)).toEqual({ ok: true, name: "ix_t_a" });
    expect(applyNamingConvention({}, ix)).toEqual({ ok: true, name: "ix_t_a" });
    // a convention without 'ix' leaves indexes unnamed (SQLAlchemy: Index.name None)
    expect(applyNamingConvention({ uq: "uq_%(table_name)s" }, ix)).toEqual({ ok: true, name: null });
  });

  test("a primary key convention sees every primary key column (SQLAlchemy gave 'pk_ab_t_a_t_b')", () => {
    const pk: ConventionTarget = { kind: "pk", table: "t", name: null, columns: [{ name: "a", key: "a" }, { name: "b", key: "b" }] };
    expect(applyNamingConvention({ pk: "pk_%(column_0N_name)s_%(column_0_N_label)s" }, pk)).toEqual({ ok: true, name: "pk_ab_t_a_t_b" });
  });
});

describe("templates", () => {
  test("%% is a literal percent sign (SQLAlchemy gave '100% t')", () => {
    expect(nameWith({ ...UQ, table: "t" }, "100%% %(table_name)s")).toBe("100% t");
  });

  test("a conversion other than s is refused", () => {
    expect(() => parseTemplate("%(table_name)d")).toThrow(
      "Naming convention '%(table_name)d' has an unsupported '%' at position 0. Write tokens as %(name)s and a literal percent sign as %%.",
    );
  });

  test("the tokens SQLAlchemy can evaluate, per kind", () => {
    expect(isKnownToken("uq", "column_12_label")).toBe(true);
    expect(isKnownToken("uq", "column_1N_name")).toBe(false); // multiples only from 0 (ConventionDict)
    expect(isKnownToken("uq", "column_0_N_nam")).toBe(false);
    expect(isKnownToken("uq", "referred_table_name")).toBe(false); // AttributeError outside fks
    expect(isKnownToken("fk", "referred_table_name")).toBe(true);
    expect(isKnownToken("fk", "referred_column_0_key")).toBe(false); // KeyError: only _name exists
    expect(isKnownToken("fk", "referred_column_0N_name")).toBe(true);
    expect(isKnownToken("ix", "foo")).toBe(false);
  });
});
