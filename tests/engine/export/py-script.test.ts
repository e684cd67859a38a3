// The exported Alembic scripts against what the real Alembic 1.8.1 wrote for the same change
// (tests/engine/render/alembic/, recorded with Flask-Migrate 4 and the SPEC §1 naming
// convention): the playground's TypeScript script, read back by the script parser, is rendered
// as Python and compared byte for byte.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { NameStyle, renderPythonScript } from "../../../src/engine/export";
import { reverseOps } from "../../../src/engine/ops/reverse";
import { renderMigrationScript } from "../../../src/engine/render";
import { parseMigrationScript, type ParsedScript } from "../../../src/engine/script";
import { EMAIL_UPGRADE, INITIAL_UPGRADE, ONE_UPGRADE, TWO_UPGRADE } from "../render/fixtures";
import { modifyTable, type MigrateOp } from "../../../src/engine/ops/ops";

const SPEC_CONVENTION = {
  ix: "ix_%(column_0_label)s",
  uq: "uq_%(table_name)s_%(column_0_name)s",
  ck: "ck_%(table_name)s_%(constraint_name)s",
  fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
  pk: "pk_%(table_name)s",
};

const alembic = (name: string) => readFileSync(join(__dirname, "../render/alembic", name), "utf8");

/** The playground's script for the ops, as the playground writes it and reads it back. */
function playgroundScript(revision: string, message: string, downRevision: string | null, upgradeOps: MigrateOp[]): ParsedScript {
  const ts = renderMigrationScript({
    message,
    revision,
    downRevision,
    branchLabels: null,
    dependsOn: null,
    createDate: new Date(2026, 10, 22, 5, 2, 41),
    upgradeOps,
    downgradeOps: reverseOps(upgradeOps),
  });
  const parsed = parseMigrationScript(ts);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join("\n"));
  return parsed.script;
}

/** As autogenerate makes it: a reflected server default is SQL text (the render fixture leaves that out). */
const reflectedDefaults = (ops: readonly MigrateOp[]): MigrateOp[] =>
  ops.map((op) => {
    if (op.kind === "modify_table") return modifyTable(op.table, reflectedDefaults(op.ops));
    return op.kind === "alter_column" && op.existingServerDefault ? { ...op, existingServerDefaultIsSql: true } : op;
  });

describe("a revision exported as Alembic writes it", () => {
  test.each([
    ["33aeb0bd3217_initial_migration.py", "initial migration", null, INITIAL_UPGRADE],
    ["9f3a45b61f3d_added_email_field.py", "Added email field", "33aeb0bd3217", EMAIL_UPGRADE],
    ["aaaa00000001_one.py", "one", null, ONE_UPGRADE],
    ["aaaa00000002_two.py", "two", "aaaa00000001", reflectedDefaults(TWO_UPGRADE)],
  ] as const)("%s, byte for byte", (file, message, downRevision, ops) => {
    const expected = alembic(file);
    const script = playgroundScript(file.slice(0, 12), message, downRevision, [...ops]);
    // the Create Date is the moment each tool wrote its file
    const date = /^Create Date: (.*)$/m.exec(expected)![1]!;
    const py = renderPythonScript({ ...script, createDate: date }, new NameStyle(SPEC_CONVENTION), "unused");
    expect(py).toBe(expected);
  });
});
