import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { renderOfflineSql, renderOfflineParts } from "../../../src/engine/runtime";
import { applyOpsToSchema } from "../../../src/engine/execute";
import { alterColumn, modifyTable } from "../../../src/engine/ops/ops";
import { initialDowngrade, initialUpgrade, secondDowngrade, secondUpgrade } from "./steps";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("offline SQL (upgrade --sql)", () => {
  test("matches what real `flask db upgrade --sql` prints for non-batch revisions from base", () => {
    expect(renderOfflineSql([initialUpgrade, secondUpgrade], { tables: [] })).toBe(fixture("e1-upgrade.sql"));
  });

  test("matches `flask db downgrade cccc:base --sql`, dropping alembic_version at base", () => {
    const atCccc = applyOpsToSchema(applyOpsToSchema({ tables: [] }, initialUpgrade.ops), secondUpgrade.ops);
    expect(renderOfflineSql([secondDowngrade, initialDowngrade], atCccc, { currentHeads: ["cccc"] })).toBe(fixture("e1-downgrade.sql"));
  });

  test("renders a batch rebuild from the tracked schema, which Alembic refuses on SQLite", () => {
    const start = applyOpsToSchema({ tables: [] }, initialUpgrade.ops);
    const step = {
      ...secondUpgrade,
      ops: [modifyTable("users", [alterColumn("users", "n", { type: { name: "String", length: 10 }, nullable: false })])],
    };
    const sql = renderOfflineSql([step], start, { currentHeads: ["498072571d82"] });
    expect(sql).toContain("CREATE TABLE _alembic_tmp_users (\n    id INTEGER NOT NULL, \n");
    expect(sql).toContain("    n VARCHAR(10) DEFAULT (10) NOT NULL, \n");
    expect(sql).toContain("CAST(users.n AS VARCHAR(10)) AS n");
    expect(sql).toContain("DROP TABLE users;\n\nALTER TABLE _alembic_tmp_users RENAME TO users;\n\nCREATE INDEX ix_users_role_username ON users (role_id, username);\n\n");
    expect(sql.startsWith("-- Running upgrade 498072571d82 -> cccc\n\n")).toBe(true);
  });

  test("parts interleave the step for its log line before the step's SQL", () => {
    const parts = renderOfflineParts([initialUpgrade], { tables: [] });
    expect(parts.map((p) => p.kind).slice(0, 3)).toEqual(["sql", "step", "sql"]);
  });
});
