// The revision graph: branches (--head, --splice), merge, upgrade heads, downgrade across the
// merge, stamp (with --purge), and hand-written revisions whose scripts are edited.
import { db, dbAcrossBranches, dbWithFlaskEquivalent, edit, models, sql, type EditStep, type Scenario } from "../harness/scenario";

const NOTES = models(
  `
class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    text = db.Column(db.String(100))
`,
  `
export class Note extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  text = db.Column(db.String(100));
}
`,
);

/** Puts a data migration at the top of the upgrade() of a hand-written revision. */
function dataMigration(up: string): EditStep {
  return edit(
    {
      find: "def upgrade():\n",
      replace: `def upgrade():\n    op.execute(${JSON.stringify(up)})\n`,
    },
    {
      find: "export function upgrade() {",
      replace: `export function upgrade() {\n  op.execute(${JSON.stringify(up)});\n`,
    },
  );
}

/** And its reverse at the top of downgrade(). */
function downMigration(down: string): EditStep {
  return edit(
    { find: "def downgrade():\n", replace: `def downgrade():\n    op.execute(${JSON.stringify(down)})\n` },
    { find: "export function downgrade() {", replace: `export function downgrade() {\n  op.execute(${JSON.stringify(down)});\n` },
  );
}

const ROOT = "4a1000000001";
const BRANCH_A = "4aa000000000";
const BRANCH_B = "4ab000000000";
const MERGE = "4ac000000000";

export const REVISION_SCENARIOS: readonly Scenario[] = [
  {
    name: "two heads (revision --head --splice), merge, upgrade heads and downgrade across the merge",
    steps: [
      NOTES,
      db("init"),
      db("migrate", "-m", "notes", "--rev-id", ROOT),
      db("upgrade"),
      db("revision", "-m", "branch a", "--rev-id", BRANCH_A),
      dataMigration("INSERT INTO note (id, text) VALUES (1, 'from a')"),
      downMigration("DELETE FROM note WHERE id = 1"),
      // Without --splice, a revision on a non-head is refused by both.
      db("revision", "-m", "branch b", "--head", ROOT, "--rev-id", BRANCH_B),
      db("revision", "-m", "branch b", "--head", ROOT, "--splice", "--rev-id", BRANCH_B),
      dataMigration("INSERT INTO note (id, text) VALUES (2, 'from b')"),
      downMigration("DELETE FROM note WHERE id = 2"),
      // "Multiple head revisions are present for given argument 'head'".
      db("upgrade"),
      dbAcrossBranches("upgrade", "heads"),
      db("merge", "-m", "merge a and b", "--rev-id", MERGE, "heads"),
      db("upgrade"),
      dbAcrossBranches("downgrade", ROOT),
      db("upgrade", BRANCH_A.slice(0, 4)),
      dbAcrossBranches("upgrade", "heads"),
      dbAcrossBranches("downgrade", "base"),
      dbAcrossBranches("upgrade", "head"),
      // Flask-Migrate needs the "--" before a negative target; SPEC §3: Retort takes both forms.
      db("downgrade", "--", "-1"),
    ],
  },
  {
    name: "relative targets (+N, -N, <rev>+N), a second base with a branch label, <label>@head and <label>@base",
    steps: [
      NOTES,
      db("init"),
      db("migrate", "-m", "notes", "--rev-id", "4c1000000001"),
      db("revision", "-m", "two", "--rev-id", "4c2000000002"),
      dataMigration("INSERT INTO note (id, text) VALUES (2, 'two')"),
      downMigration("DELETE FROM note WHERE id = 2"),
      db("revision", "-m", "three", "--rev-id", "4c3000000003"),
      dataMigration("INSERT INTO note (id, text) VALUES (3, 'three')"),
      downMigration("DELETE FROM note WHERE id = 3"),
      db("upgrade", "+2"),
      db("upgrade", "+1"),
      db("downgrade", "--", "-2"),
      db("upgrade", "4c10+2"),
      db("downgrade", "4c30-1"),
      db("revision", "-m", "audit", "--head", "base", "--branch-label", "audit", "--rev-id", "4ca00000000a"),
      dataMigration("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, what TEXT)"),
      downMigration("DROP TABLE audit_log"),
      db("upgrade", "audit@head"),
      db("upgrade", "heads"),
      db("downgrade", "audit@base"),
      db("downgrade", "base"),
    ],
  },
  {
    name: "stamp a revision, stamp base, stamp --purge over an unknown revision, then upgrade from the stamp",
    steps: [
      NOTES,
      db("init"),
      db("migrate", "-m", "notes", "--rev-id", "4b1000000001"),
      db("revision", "-m", "data", "--rev-id", "4b2000000002"),
      dataMigration("INSERT INTO note (id, text) VALUES (1, 'data')"),
      downMigration("DELETE FROM note"),
      db("upgrade", "4b1000000001"),
      db("stamp", "head"),
      db("stamp", "base"),
      db("stamp", "4b10"),
      db("upgrade"),
      sql(`UPDATE alembic_version SET version_num = 'ffffffffffff';`),
      // "Can't locate revision identified by 'ffffffffffff'".
      db("upgrade"),
      db("stamp", "4b1000000001"),
      dbWithFlaskEquivalent(
        {
          reason:
            "Flask-Migrate 4.0.4's stamp has no --purge (SPEC §3 lists it); Alembic's purge empties " +
            "alembic_version before stamping (alembic/command.py, stamp)",
          sql: "DELETE FROM alembic_version;",
          argv: ["stamp", "4b1000000001"],
        },
        "stamp",
        "--purge",
        "4b1000000001",
      ),
      db("upgrade"),
      db("downgrade", "base"),
    ],
  },
];
