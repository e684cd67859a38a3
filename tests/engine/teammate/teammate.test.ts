// "Simulate a teammate" against the real command layer on sql.js: their revision is a sibling of
// yours (two heads), models.ts gets their change, and after `merge heads` + `upgrade` the
// database has it and `migrate` finds nothing left to do.
import { describe, expect, test } from "vitest";
import { simulateTeammate, type TeammateResult } from "../../../src/engine/teammate";
import { parseMigrationScript } from "../../../src/engine/script";
import { FIXED_DATE, query, session, tutorialModels, withoutEnvironment, type Session } from "../commands/helpers";

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const A = "aaaa00000001";
const B = "bbbb00000002";

function teammate(s: Session, seed = 7): Extract<TeammateResult, { ok: true }> {
  const result = simulateTeammate(s.ws, { random: seeded(seed), clock: () => FIXED_DATE });
  if (!result.ok) throw new Error(result.message);
  s.ws = result.workspace;
  return result;
}

async function columnsOf(s: Session, table: string): Promise<string[]> {
  return (await query(s.ws, `SELECT name FROM pragma_table_info('${table}')`)).map((r) => String(r[0]));
}

/** The tutorial's first migration upgraded, then the email column as your own revision. */
async function withOwnRevision(): Promise<Session> {
  const s = session(tutorialModels());
  await s.run("init");
  await s.run("migrate", "-m", "initial migration", "--rev-id", A);
  await s.run("upgrade");
  s.ws = { ...s.ws, files: { ...s.ws.files, "models.ts": tutorialModels({ email: true }) } };
  await s.run("migrate", "-m", "Added email field", "--rev-id", B);
  await s.run("upgrade");
  return s;
}

describe("a teammate's revision from the revision yours starts from", () => {
  test("two heads, merged and upgraded: the database has their change and migrate detects nothing", async () => {
    const s = await withOwnRevision();
    const t = teammate(s);
    expect(t.downRevision).toBe(A);
    expect(t.sibling).toBe(B);
    expect(s.text(await s.run("heads")).sort()).toEqual([`${B} (head)`, `${t.revision} (head)`].sort());

    // their script reads back as one `migrate` wrote, starting from A
    const script = parseMigrationScript(s.ws.files[t.path]!);
    expect(script.ok && script.script.downRevision).toBe(A);
    expect(script.ok && script.script.message).toBe(t.message);

    const up = await s.run("upgrade");
    expect(up.exitCode).toBe(1);
    expect(withoutEnvironment(s.text(up))[0]).toMatch(/^Error: Multiple head revisions are present for given argument 'head'/);
    expect((await s.run("merge", "-m", "merge heads", "heads")).exitCode).toBe(0);
    expect(withoutEnvironment(s.text(await s.run("upgrade")))).toContain(`Running upgrade ${A} -> ${t.revision}, ${t.message}`);

    if (t.change.kind === "add_column") expect(await columnsOf(s, t.change.table)).toContain(t.change.column);
    else expect(await query(s.ws, `SELECT name FROM sqlite_master WHERE name = '${t.change.table}'`)).toHaveLength(1);
    expect(withoutEnvironment(s.text(await s.run("migrate", "-m", "nothing")))).toEqual(["No changes in schema detected."]);
  });

  test("every change it picks works the same way: several seeds, each merged and upgraded cleanly", async () => {
    const kinds = new Set<string>();
    // seeds far apart: a small one starts the Lehmer sequence with a tiny value, always the first idea
    for (const seed of [1, 400_000_000, 800_000_000, 1_200_000_000, 1_600_000_000, 2_000_000_000]) {
      const s = await withOwnRevision();
      const t = teammate(s, seed);
      kinds.add(t.message);
      await s.run("merge", "heads");
      expect((await s.run("upgrade")).exitCode).toBe(0);
      expect(withoutEnvironment(s.text(await s.run("migrate")))).toEqual(["No changes in schema detected."]);
    }
    expect(kinds.size).toBeGreaterThan(2);
  });

  test("their column name never clashes with one of yours", async () => {
    const s = await withOwnRevision();
    const taken = s.ws.files["models.ts"]!.replace("role_id =", "last_seen = db.Column(db.DateTime);\n  about_me = db.Column(db.Text);\n  role_id =");
    s.ws = { ...s.ws, files: { ...s.ws.files, "models.ts": taken } };
    for (const seed of [1, 2, 3, 5, 11, 42]) {
      const result = simulateTeammate(s.ws, { random: seeded(seed), clock: () => FIXED_DATE });
      expect(result.ok && result.change.kind === "add_column" && result.change.table === "users" ? result.change.column : "").not.toMatch(/^(last_seen|about_me|email)$/);
    }
  });

  test("the same seed gives the same teammate; another seed may not", async () => {
    const s = await withOwnRevision();
    const one = simulateTeammate(s.ws, { random: seeded(3), clock: () => FIXED_DATE });
    const two = simulateTeammate(s.ws, { random: seeded(3), clock: () => FIXED_DATE });
    expect(two).toEqual(one);
    const others = [4, 5, 6, 7, 8].map((seed) => simulateTeammate(s.ws, { random: seeded(seed), clock: () => FIXED_DATE }));
    expect(others.some((o) => JSON.stringify(o) !== JSON.stringify(one))).toBe(true);
  });
});

describe("the edges", () => {
  test("with only the first revision, theirs starts from <base> too: a table of their own, two heads", async () => {
    const s = session(tutorialModels());
    await s.run("init");
    await s.run("migrate", "-m", "initial migration", "--rev-id", A);
    await s.run("upgrade");
    const t = teammate(s);
    expect(t.downRevision).toBeNull();
    expect(t.change.kind).toBe("create_table");
    expect(s.text(await s.run("heads"))).toHaveLength(2);
    await s.run("merge", "heads");
    expect((await s.run("upgrade")).exitCode).toBe(0);
    expect(withoutEnvironment(s.text(await s.run("migrate")))).toEqual(["No changes in schema detected."]);
  });

  test("after a merge, the next teammate starts from the merged revisions, as the merge does: two heads again, and they merge cleanly", async () => {
    const s = await withOwnRevision();
    const first = teammate(s, 1);
    await s.run("merge", "-m", "merge heads", "heads", "--rev-id", "cccc00000003");
    await s.run("upgrade");
    const second = teammate(s, 400_000_000);
    expect([...(second.downRevision as string[])].sort()).toEqual([B, first.revision].sort());
    expect(second.sibling).toBe("cccc00000003");
    expect(s.text(await s.run("heads"))).toHaveLength(2);
    await s.run("merge", "heads");
    expect((await s.run("upgrade")).exitCode).toBe(0);
    expect(withoutEnvironment(s.text(await s.run("migrate")))).toEqual(["No changes in schema detected."]);
  });

  test("no revision, two heads, or broken models: refused with what to do", async () => {
    const s = session(tutorialModels());
    await s.run("init");
    const none = simulateTeammate(s.ws, { random: seeded(1), clock: () => FIXED_DATE });
    expect(none).toEqual({ ok: false, message: expect.stringContaining("Generate the first migration") });

    await s.run("migrate", "-m", "initial migration", "--rev-id", A);
    teammate(s);
    const twice = simulateTeammate(s.ws, { random: seeded(2), clock: () => FIXED_DATE });
    expect(twice).toEqual({ ok: false, message: expect.stringContaining("merge these first (flask db merge heads)") });

    const broken = { ...s.ws, files: { ...s.ws.files, "models.ts": "export class {" } };
    expect(simulateTeammate(broken, { random: seeded(1), clock: () => FIXED_DATE })).toEqual({ ok: false, message: expect.stringContaining("models.ts has errors") });
  });
});
