// `upgrade --sql` / `downgrade --sql` / `stamp --sql`: SQL on stdout (info lines), Alembic's log
// lines beside it, and nothing written to the database.
import { beforeEach, describe, expect, test } from "vitest";
import { session, tutorialModels, type Session } from "./helpers";

const A = "33aeb0bd3217";
const B = "9f3a45b61f3d";
let s: Session;

beforeEach(async () => {
  s = session(tutorialModels(), [A, B]);
  await s.run("init");
  await s.run("migrate", "-m", "initial migration");
  await s.run("upgrade");
  s.ws = { ...s.ws, files: { ...s.ws.files, "models.ts": tutorialModels({ email: true }) } };
  await s.run("migrate", "-m", "Added email field");
});

const sqlOf = (r: { lines: readonly { level: string; text: string; log?: boolean }[] }) =>
  r.lines.filter((l) => l.level === "info" && !l.log).map((l) => l.text);
const logOf = (r: { lines: readonly { text: string; log?: boolean }[] }) => r.lines.filter((l) => l.log).map((l) => l.text);

describe("offline mode", () => {
  test("upgrade --sql from base prints every revision's SQL, the batch rebuild included, and leaves the database alone", async () => {
    const before = s.ws.database;
    const r = await s.run("upgrade", "--sql");
    expect(r.exitCode).toBe(0);
    expect(s.ws.database).toBe(before);
    expect(logOf(r)).toEqual([
      "Context impl SQLiteImpl.",
      "Generating static SQL",
      "Will assume non-transactional DDL.",
      `Running upgrade  -> ${A}, initial migration`,
      `Running upgrade ${A} -> ${B}, Added email field`,
    ]);
    const sql = sqlOf(r).join("\n");
    expect(sql.startsWith("CREATE TABLE alembic_version (")).toBe(true);
    expect(sql).toContain(`-- Running upgrade  -> ${A}`);
    expect(sql).toContain("CREATE TABLE _alembic_tmp_users (");
    expect(sql).toContain(`UPDATE alembic_version SET version_num='${B}' WHERE alembic_version.version_num = '${A}';`);
  });

  test("a range starts from its first revision, whose schema Retort rebuilds from the scripts", async () => {
    const r = await s.run("upgrade", `${A}:${B}`, "--sql");
    const sql = sqlOf(r).join("\n");
    expect(sql).not.toContain("CREATE TABLE alembic_version");
    expect(sql).toContain("INSERT INTO _alembic_tmp_users (id, username, role_id) SELECT users.id, users.username, users.role_id");
  });

  test("downgrade --sql defaults to head:-1; without a range it is refused", async () => {
    const r = await s.run("downgrade", "--sql");
    expect(r.exitCode).toBe(0);
    expect(logOf(r)).toContain(`Running downgrade ${B} -> ${A}, Added email field`);
    expect(s.text(await s.run("downgrade", "base", "--sql"))).toEqual(["Error: downgrade with --sql requires <fromrev>:<torev>"]);
    expect(s.text(await s.run("upgrade", `${A}:${B}`))).toEqual(["Error: Range revision not allowed"]);
  });

  test("stamp --sql", async () => {
    const r = await s.run("stamp", "--sql", "head");
    expect(logOf(r)).toContain(`Running stamp_revision  -> ${B}`);
    expect(sqlOf(r)).toContain(`-- Running stamp_revision  -> ${B}`);
    expect(sqlOf(r)).toContain(`INSERT INTO alembic_version (version_num) VALUES ('${B}');`);
  });
});

test("stamp --purge --sql is refused, as Alembic refuses it", async () => {
  expect(s.text(await s.run("stamp", "--sql", "--purge", "head"))).toEqual(["Error: Can't use --purge with --sql mode"]);
});

test("a range starts from one revision: heads: with two heads is Alembic's MultipleHeads error, with one it is that head", async () => {
  const single = await s.run("downgrade", "--sql", `heads:${A}`);
  expect(single.exitCode).toBe(0);
  expect(logOf(single)).toContain(`Running downgrade ${B} -> ${A}, Added email field`);
  await s.run("revision", "-m", "side", "--head", A, "--splice", "--rev-id", "cccc00000003");
  for (const range of ["heads:base", `heads:${A}`]) {
    const r = await s.run("downgrade", "--sql", range);
    expect(r.exitCode).toBe(1);
    // Alembic's error, then Retort's way on: the merge
    expect(s.text(r).slice(-2)).toEqual([
      "Error: Multiple head revisions are present for given argument 'heads'; please specify a specific target revision, '<branchname>@heads' to narrow to a specific head, or 'heads' for all heads",
      `The history has 2 heads (${B}, cccc00000003): join them into one with \`db merge heads\`, then run \`db upgrade\`, and this command again.`,
    ]);
  }
});
