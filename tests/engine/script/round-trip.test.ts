// render -> parse gives back the ops, for random op lists of every kind with odd identifiers.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { AlterColumnOp, MigrateOp } from "../../../src/engine/ops/ops";
import type { Table } from "../../../src/engine/schema/model";
import { renderMigrationScript } from "../../../src/engine/render";
import { parseMigrationScript } from "../../../src/engine/script";
import { reverseOps } from "../../../src/engine/ops/reverse";
import { anyOp, ident, reversibleOp } from "../ops/arbitraries";

const RUNS = 500;

const byJson = <T>(items: readonly T[]) => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** A table as a script can say it: constraint order is not meaningful, indexes are separate ops (render.py `_add_table`). */
function canonicalTable(t: Table): Table {
  return {
    ...t,
    primaryKey: t.primaryKey && t.primaryKey.columns.length > 0 ? t.primaryKey : null,
    indexes: [],
    uniqueConstraints: byJson(t.uniqueConstraints),
    foreignKeys: byJson(t.foreignKeys),
    checkConstraints: byJson(t.checkConstraints),
  };
}

/**
 * What survives rendering, by Alembic's own rules: an empty batch block is not written, drops do not print what they dropped, and
 * render.py `_alter_column` prints existing_nullable only without nullable, and
 * existing_server_default only without server_default and when it is not empty.
 */
function canonical(op: MigrateOp): MigrateOp[] {
  return op.kind === "modify_table" && op.ops.length === 0 ? [] : [canonicalOne(op)];
}

function canonicalOne(op: MigrateOp): MigrateOp {
  switch (op.kind) {
    case "create_table":
      return { ...op, table: canonicalTable(op.table) };
    case "drop_table":
    case "drop_index":
    case "drop_constraint": {
      const { dropped: _d, ...rest } = op;
      return rest;
    }
    case "drop_column": {
      const { dropped: _d, droppedForeignKeys: _f, ...rest } = op;
      return rest;
    }
    case "alter_column": {
      const { existingNullable, existingServerDefault, existingServerDefaultIsSql, ...rest } = op;
      const kept: AlterColumnOp = { ...rest };
      return {
        ...kept,
        ...(op.nullable === undefined && existingNullable !== undefined && { existingNullable }),
        ...(op.serverDefault === undefined && existingServerDefault && { existingServerDefault, ...(existingServerDefaultIsSql && { existingServerDefaultIsSql }) }),
      };
    }
    case "modify_table":
      return { ...op, ops: op.ops.flatMap(canonical) };
    default:
      return op;
  }
}

function parsedOps(upgradeOps: readonly MigrateOp[], downgradeOps: readonly MigrateOp[] | null = []) {
  const source = renderMigrationScript({
    message: "round trip",
    revision: "0123456789ab",
    downRevision: null,
    branchLabels: null,
    dependsOn: null,
    createDate: new Date(2026, 0, 1),
    upgradeOps,
    downgradeOps,
  });
  const parsed = parseMigrationScript(source);
  if (!parsed.ok) throw new Error(`${parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join("\n")}\n${source}`);
  expect(parsed.diagnostics).toEqual([]);
  return parsed.script;
}

const parsedTables = (ops: readonly MigrateOp[]): MigrateOp[] =>
  ops.map((op) => (op.kind === "create_table" ? { ...op, table: canonicalTable(op.table) } : op));

describe("render -> parse round trip (fast-check)", () => {
  test("random op lists of every kind read back as the same ops", () => {
    fc.assert(
      fc.property(fc.array(anyOp, { maxLength: 6 }), (ops) => {
        expect(parsedTables(parsedOps(ops).upgradeOps)).toEqual(ops.flatMap(canonical));
      }),
      { numRuns: RUNS },
    );
  });

  test("reverse(reverse(ops)) is ops for reversible ops, and the derived downgrade reads back", () => {
    fc.assert(
      fc.property(fc.array(reversibleOp, { maxLength: 6 }), (ops) => {
        const down = reverseOps(ops);
        expect(reverseOps(down)).toEqual(ops);
        const script = parsedOps(ops, down);
        expect(parsedTables(script.downgradeOps)).toEqual(down.flatMap(canonical));
      }),
      { numRuns: RUNS },
    );
  });

  test("header values read back: message, revisions, labels, dependencies", () => {
    const message = fc
      .string({ unit: "binary", minLength: 1, maxLength: 30 })
      .map((s) => s.replace(/\r/g, "").replace(/\n\s*\n/g, "\n").trim())
      .filter((s) => s !== "" && !s.includes("\n\n"));
    const list = fc.option(fc.array(ident, { minLength: 1, maxLength: 3 }), { nil: null });
    fc.assert(
      fc.property(message, ident, fc.oneof(fc.constant(null), ident, fc.array(ident, { minLength: 2, maxLength: 3 })), list, list, (msg, rev, down, labels, deps) => {
        const source = renderMigrationScript({
          message: msg,
          revision: rev,
          downRevision: down,
          branchLabels: labels,
          dependsOn: deps,
          createDate: new Date(2026, 10, 22, 3, 58, 8, 639),
          upgradeOps: null,
          downgradeOps: null,
        });
        const parsed = parseMigrationScript(source);
        expect(parsed.ok && parsed.script).toEqual({
          message: msg,
          longdoc: expect.stringContaining("Revision ID: "),
          revision: rev,
          downRevision: down,
          branchLabels: labels,
          dependsOn: deps,
          createDate: "2026-11-22 03:58:08.639000",
          upgradeOps: [],
          downgradeOps: [],
        });
      }),
      { numRuns: RUNS },
    );
  });
});
