// Branches, merges, heads, stamp, show, edit and relative targets through runCommand, with the
// texts `flask db` printed for the same graph (recorded in a scratch project, ids fixed by --rev-id).
import { beforeEach, describe, expect, test } from "vitest";
import { openTestDatabase } from "../../binding";
import { query, session, tutorialModels, withoutEnvironment, type Session } from "./helpers";

const A = "f808d569be1c";
const B = "885b0f010f38";
const C = "bbbb00000002";
const M = "cccc00000003";

let s: Session;

/** a (initial) -> b (tables) and a -> c (spliced branch), as in the recorded project. */
beforeEach(async () => {
  s = session(tutorialModels());
  await s.run("init");
  await s.run("migrate", "-m", "initial migration", "--rev-id", A);
  await s.run("revision", "-m", "Added email field", "--rev-id", B);
});

describe("branches and merges", () => {
  test("a revision on a non-head needs --splice, with Alembic's words", async () => {
    const r = await s.run("revision", "-m", "second", "--head", "f808");
    expect(r.exitCode).toBe(1);
    expect(s.text(r)).toEqual([`Error: Revision ${A} is not a head revision; please specify --splice to create a new branch from this revision`]);
  });

  test("heads, branches, upgrade with two heads, merge, history", async () => {
    const spliced = await s.run("revision", "-m", "second", "--head", "f808", "--splice", "--rev-id", C);
    expect(s.text(spliced)).toEqual([`Generating migrations/versions/${C}_second.ts ...  done`]);
    expect(s.text(await s.run("heads"))).toEqual([`${B} (head)`, `${C} (head)`]);
    expect(s.text(await s.run("branches"))).toEqual([`${A} (branchpoint)`, `             -> ${B} (head)`, `             -> ${C} (head)`, ""]);

    const up = await s.run("upgrade");
    expect(up.exitCode).toBe(1);
    expect(withoutEnvironment(s.text(up))).toEqual([
      "Error: Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
      `The history has 2 heads (${B}, ${C}): join them into one with \`db merge heads\`, then run \`db upgrade\`, and this command again.`,
    ]);

    const merged = await s.run("merge", "-m", "merge them", "heads", "--rev-id", M);
    expect(s.text(merged)).toEqual([`Generating migrations/versions/${M}_merge_them.ts ...  done`]);
    expect(s.text(await s.run("heads"))).toEqual([`${M} (head)`]);
    expect(s.text(await s.run("history"))).toEqual([
      `${B}, ${C} -> ${M} (head) (mergepoint), merge them`,
      `${A} -> ${B}, Added email field`,
      `${A} -> ${C}, second`,
      `<base> -> ${A} (branchpoint), initial migration`,
    ]);
    const all = await s.run("upgrade", "heads");
    expect(withoutEnvironment(s.text(all))).toContain(`Running upgrade ${B}, ${C} -> ${M}, merge them`);
    expect(await query(s.ws, "SELECT version_num FROM alembic_version")).toEqual([[M]]);
  });

  test("migrate with the database on one of two heads: Alembic's error, then the merge as the way on, not `db upgrade` (which fails too)", async () => {
    await s.run("upgrade");
    await s.run("revision", "-m", "second", "--head", "f808", "--splice", "--rev-id", C);
    const migrate = await s.run("migrate", "-m", "mine");
    expect(migrate.exitCode).toBe(1);
    expect(withoutEnvironment(s.text(migrate))).toEqual([
      "Error: Target database is not up to date.",
      `The history has 2 heads (${B}, ${C}): join them into one with \`db merge heads\`, then run \`db upgrade\`, and this command again.`,
    ]);
    // with one head, upgrading is the way on, as before
    await s.run("merge", "heads", "--rev-id", M);
    expect(withoutEnvironment(s.text(await s.run("migrate", "-m", "mine")))).toEqual([
      "Error: Target database is not up to date.",
      "Run `db upgrade` to bring the database to the head revision, then run this command again.",
    ]);
  });

  test("--branch-label is written and cannot be used twice", async () => {
    await s.run("revision", "-m", "feature", "--head", A, "--splice", "--branch-label", "feature", "--rev-id", C);
    expect(s.ws.files[`migrations/versions/${C}_feature.ts`]).toContain('export const branchLabels = ["feature"];');
    expect(s.text(await s.run("heads"))).toContain(`${C} (feature) (head)`);
    const again = await s.run("revision", "-m", "again", "--head", "feature@head", "--branch-label", "feature", "--rev-id", M);
    expect(s.text(again)).toEqual([`Error: Branch name 'feature' in revision ${M} already used by revision ${C}`]);
  });
});

describe("targets, stamp, show, edit", () => {
  test("partial ids, relative steps, and downgrade -2 with or without --", async () => {
    expect(withoutEnvironment(s.text(await s.run("upgrade", "f808")))).toEqual([`Running upgrade  -> ${A}, initial migration`]);
    expect(withoutEnvironment(s.text(await s.run("upgrade", "+1")))).toEqual([`Running upgrade ${A} -> ${B}, Added email field`]);
    const offline = await s.run("downgrade", "-2", "--sql");
    expect(s.text(offline)).toEqual(["Error: downgrade with --sql requires <fromrev>:<torev>"]);
    expect(withoutEnvironment(s.text(await s.run("downgrade", "--", "-2")))).toEqual([
      `Running downgrade ${B} -> ${A}, Added email field`,
      `Running downgrade ${A} -> , initial migration`,
    ]);
    await s.run("upgrade");
    expect(withoutEnvironment(s.text(await s.run("downgrade", "-2")))).toHaveLength(2);
    const three = await s.run("downgrade", "-3");
    expect(withoutEnvironment(s.text(three))[0]).toBe("Error: Relative revision -3 didn't produce 3 migrations");
  });

  test("an unknown revision is Alembic's error", async () => {
    const r = await s.run("upgrade", "abcd");
    expect(r.exitCode).toBe(1);
    expect(withoutEnvironment(s.text(r))).toEqual([
      "Error: Can't locate revision identified by 'abcd'",
      "Run `db history` to list the revisions, or `db heads` for the heads.",
    ]);
  });

  test("stamp moves alembic_version without running anything", async () => {
    const r = await s.run("stamp", "head");
    expect(withoutEnvironment(s.text(r))).toEqual([`Running stamp_revision  -> ${B}`]);
    expect(await query(s.ws, "SELECT version_num FROM alembic_version")).toEqual([[B]]);
    expect(await query(s.ws, "SELECT name FROM sqlite_master WHERE name = 'users'")).toEqual([]);
    expect(withoutEnvironment(s.text(await s.run("stamp", "base")))).toEqual([`Running stamp_revision ${B} -> `]);
    expect(await query(s.ws, "SELECT version_num FROM alembic_version")).toEqual([]);
  });

  test("stamp --purge clears ids no script knows", async () => {
    await s.run("stamp", "head");
    const db = await openTestDatabase(s.ws.database ?? undefined);
    db.exec("INSERT INTO alembic_version VALUES ('deadbeef0000')");
    s.ws = { ...s.ws, database: db.export() };
    db.close();
    const plain = await s.run("stamp", A);
    // the hint points at the database, which records the unknown id, not at the scripts
    expect(withoutEnvironment(s.printed(plain))).toEqual([
      "ERROR [flask_migrate] Error: Can't locate revision identified by 'deadbeef0000'",
      "ERROR [retort] The database records revision deadbeef0000 in alembic_version, and no script in migrations/versions has it: restore that script, or run `db stamp --purge <revision>` to record one that exists.",
    ]);
    const purged = await s.run("stamp", A, "--purge");
    expect(purged.exitCode).toBe(0);
    expect(await query(s.ws, "SELECT version_num FROM alembic_version")).toEqual([[A]]);
  });

  test("show prints Alembic's log entry, with the script's path", async () => {
    const r = await s.run("show", "885b");
    expect(s.text(r)).toEqual([
      `Rev: ${B} (head)`,
      `Parent: ${A}`,
      `Path: migrations/versions/${B}_added_email_field.ts`,
      "",
      "    Added email field",
      "    ",
      `    Revision ID: ${B}`,
      `    Revises: ${A}`,
      "    Create Date: 2026-11-22 03:58:08.639000",
      "",
    ]);
  });

  test("edit names the script to open (the CLI starts $EDITOR on it); edit current needs a current revision", async () => {
    const path = `migrations/versions/${B}_added_email_field.ts`;
    expect((await s.run("edit")).lines).toEqual([{ level: "info", text: path, opens: path }]);
    const none = await s.run("edit", "current");
    expect(withoutEnvironment(s.text(none))).toEqual(["Error: No current revisions"]);
  });

  test("current -v and history -i mark the database's revision", async () => {
    await s.run("upgrade", A);
    expect(withoutEnvironment(s.text(await s.run("history", "-i")))).toEqual([
      `${A} -> ${B} (head), Added email field`,
      `<base> -> ${A} (current), initial migration`,
    ]);
    expect(withoutEnvironment(s.text(await s.run("history", "-r", "current:")))).toEqual([
      `${A} -> ${B} (head), Added email field`,
      `<base> -> ${A}, initial migration`,
    ]);
    const verbose = withoutEnvironment(s.text(await s.run("current", "-v")));
    expect(verbose.slice(0, 3)).toEqual(["Current revision(s) for sqlite:///app.db:", `Rev: ${A}`, "Parent: <base>"]);
  });
});
