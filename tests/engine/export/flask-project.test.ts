// The whole exported project, and the new revisions alone, from a playground's files
// (the branches fixture of npm run test:export-flask: two bases, a branch label, depends_on, a merge).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { exportFlaskProject, exportRevisionScripts } from "../../../src/engine/export";
import type { Workspace } from "../../../src/engine/workspace/workspace";
import { execute, modifyTable } from "../../../src/engine/ops/ops";
import { parseMigrationScript } from "../../../src/engine/script";

function fixture(name: string): Workspace {
  const dir = join(__dirname, "../../export/fixtures", name);
  const files: Record<string, string> = { "models.ts": readFileSync(join(dir, "models.ts"), "utf8") };
  for (const f of readdirSync(join(dir, "migrations/versions"))) files[`migrations/versions/${f}`] = readFileSync(join(dir, "migrations/versions", f), "utf8");
  return { title: name, files, database: null };
}

const options = { now: new Date(2026, 11, 7, 1, 2, 3) };
const BRANCHES = fixture("branches");

test("app.py, models.py, flask db init's files and one .py script per revision, named as Alembic names them", () => {
  const result = exportFlaskProject(BRANCHES, options);
  if (!result.ok) throw new Error(result.message);
  expect(Object.keys(result.files).sort()).toEqual([
    "app.py",
    "migrations/README",
    "migrations/alembic.ini",
    "migrations/env.py",
    "migrations/script.py.mako",
    "migrations/versions/aa0000000001_items.py",
    "migrations/versions/aa0000000002_tags.py",
    "migrations/versions/bb0000000001_notes_branch.py",
    "migrations/versions/bb0000000002_note_tags.py",
    "migrations/versions/cc0000000001_merge_notes.py",
    "migrations/versions/dd0000000001_audit_base.py",
    "models.py",
  ]);
  expect(result.files["app.py"]).toContain('"sqlite:///" + join(dirname(abspath(__file__)), "app.db")');
  expect(result.files["migrations/versions/bb0000000002_note_tags.py"]).toContain("down_revision = 'cc0000000001'\nbranch_labels = None\ndepends_on = 'audit'\n");
  expect(result.files["migrations/versions/cc0000000001_merge_notes.py"]).toContain("Revises: aa0000000002, bb0000000001\n");
  expect(result.files["migrations/versions/cc0000000001_merge_notes.py"]).toContain("down_revision = ('aa0000000002', 'bb0000000001')\n");
  expect(result.files["migrations/versions/dd0000000001_audit_base.py"]).toContain("down_revision = None\nbranch_labels = ('audit',)\n");
});

describe("problems stop the export and say where", () => {
  test("models.ts with an error", () => {
    const ws = { ...BRANCHES, files: { ...BRANCHES.files, "models.ts": BRANCHES.files["models.ts"]!.replace("primaryKey: true", "primary_key: true") } };
    const result = exportFlaskProject(ws, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^models\.ts:\d+:\d+: .*primaryKey[^]*models\.py cannot be written\. Fix them, then export again\.$/);
  });

  test("a script that cannot be read", () => {
    const path = "migrations/versions/aa0000000002_tags.ts";
    const ws = { ...BRANCHES, files: { ...BRANCHES.files, [path]: BRANCHES.files[path]!.replace("op.createTable(", "op.createTable(,") } };
    const result = exportFlaskProject(ws, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^migrations\/versions\/aa0000000002_tags\.ts:\d+:\d+: [^]*cannot be read as a migration script\. Fix it, then export again\.$/);
  });

  test("a script whose ops Alembic cannot write (read by another parser) is named, not thrown", () => {
    const path = "migrations/versions/aa0000000002_tags.ts";
    const parseScript = (p: string, source: string) => {
      const parsed = parseMigrationScript(source);
      if (p !== path || !parsed.ok) return parsed;
      return { ...parsed, script: { ...parsed.script, upgradeOps: [modifyTable("tags", [execute("DELETE FROM tags")])] } };
    };
    expect(exportFlaskProject(BRANCHES, { ...options, parseScript })).toEqual({
      ok: false,
      message: `${path} cannot be written as an Alembic script: A batchAlterTable block for 'tags' holds a execute operation, which batch mode does not offer. Move it out of the block.`,
    });
  });
});

describe("the revisions after a given one, alone", () => {
  const after = (since: string) => {
    const result = exportRevisionScripts(BRANCHES, since, options);
    return result.ok ? Object.keys(result.files).sort() : result.message;
  };

  test("every revision that needs it first (through a merge, or depends_on), as the whole export writes them", () => {
    expect(after("aa0000000002")).toEqual(["bb0000000002_note_tags.py", "cc0000000001_merge_notes.py"]);
    expect(after("bb0000000002")).toBe("No revision comes after bb0000000002: it is a head. Make a new revision first.");
    expect(after("audit")).toEqual(["bb0000000002_note_tags.py"]);
    const whole = exportFlaskProject(BRANCHES, options);
    const alone = exportRevisionScripts(BRANCHES, "aa0000000001", options);
    if (!whole.ok || !alone.ok) throw new Error("export failed");
    for (const [name, text] of Object.entries(alone.files)) expect(text).toBe(whole.files[`migrations/versions/${name}`]);
  });

  test("base gives them all; an unknown revision or a head is said so", () => {
    expect(after("base")).toHaveLength(6);
    expect(after("ffff")).toMatch(/^Can't locate revision identified by 'ffff'.* Give a revision of this playground, or base for all of them\.$/);
  });
});
