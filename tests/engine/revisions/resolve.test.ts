// Resolving what users type: full and partial ids, head/heads/base, branch labels and relative
// symbols, with Alembic's command-level error texts (ScriptDirectory._catch_revision_errors).

import { describe, expect, test } from "vitest";
import { checkUpToDate, lookupRevision, lookupRevisions, type RevisionMap } from "../../../src/engine/revisions";
import { graph } from "./fixture";

// a base, then a branch point with a labelled branch and an unlabelled one
const map = graph(
  "ae1027a6acf",
  "ae10e5b3d0f1<ae1027a6acf",
  "27c6a30d7c24<ae10e5b3d0f1|labels=feature",
  "a79f<ae10e5b3d0f1",
);

function one(m: RevisionMap, symbol: string): string | null {
  const r = lookupRevision(m, symbol);
  if (!r.ok) throw new Error(r.error);
  return r.revision?.revision ?? null;
}

function many(m: RevisionMap, symbol: string): string[] {
  const r = lookupRevisions(m, symbol);
  if (!r.ok) throw new Error(r.error);
  return r.revisions.map((x) => x.revision);
}

function failure(m: RevisionMap, symbol: string) {
  const r = lookupRevision(m, symbol);
  if (r.ok) throw new Error(`expected an error for ${symbol}`);
  return r;
}

describe("ids", () => {
  test("full and unique partial ids resolve", () => {
    expect(one(map, "ae1027a6acf")).toBe("ae1027a6acf");
    expect(one(map, "ae102")).toBe("ae1027a6acf");
    expect(one(map, "ae10e")).toBe("ae10e5b3d0f1");
  });

  test("an ambiguous prefix fails with Alembic's text, the candidates kept as detail", () => {
    expect(failure(map, "ae10")).toEqual({
      ok: false,
      error: "Can't locate revision identified by 'ae10'",
      detail: "Multiple revisions start with 'ae10': 'ae1027a6acf', 'ae10e5b3d0f1'...",
    });
  });

  test("an unknown id fails", () => {
    expect(failure(map, "abc1")).toEqual({
      ok: false,
      error: "Can't locate revision identified by 'abc1'",
      detail: "No such revision or branch 'abc1'",
    });
  });

  test("Retort needs four characters for a partial id, even when a shorter one is unique", () => {
    expect(failure(map, "a79").detail).toBe(
      "No such revision or branch 'a79'; please ensure at least four characters are present for partial revision identifier matches",
    );
    expect(one(map, "a79f")).toBe("a79f");
  });

  test("a label can be matched by prefix too, as keys of Alembic's map", () => {
    expect(one(map, "feat")).toBe("27c6a30d7c24");
  });
});

describe("symbols", () => {
  test("head is ambiguous with two heads; heads names both; base names none", () => {
    expect(failure(map, "head").error).toBe(
      "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, " +
        "'<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
    );
    expect(many(map, "heads")).toEqual(["27c6a30d7c24", "a79f"]);
    expect(one(map, "base")).toBeNull();
    expect(one(graph("a", "b<a"), "head")).toBe("b");
  });

  test("<label>@head and <label>@<rev> stay on the branch", () => {
    expect(one(map, "feature@head")).toBe("27c6a30d7c24");
    expect(one(map, "feature")).toBe("27c6a30d7c24");
    expect(one(map, "feature@ae10e")).toBe("ae10e5b3d0f1");
    expect(failure(map, "feature@a79f")).toEqual({
      ok: false,
      error: "Can't locate revision identified by 'a79f'",
      detail: "Revision a79f is not a member of branch 'feature'",
    });
    expect(failure(map, "nope@head").error).toBe("Can't locate revision identified by 'nope'");
  });

  test("-n walks down from every head; <label>@-n from that branch's head", () => {
    expect(many(map, "-1")).toEqual(["ae10e5b3d0f1", "ae10e5b3d0f1"]);
    expect(many(map, "feature@-1")).toEqual(["ae10e5b3d0f1"]);
  });
});

describe("up to date", () => {
  test("the database is up to date only at every head", () => {
    const check = (heads: string[]) => {
      const r = checkUpToDate(map, heads);
      return r.ok ? r.upToDate : r.error;
    };
    expect(check(["27c6a30d7c24", "a79f"])).toBe(true);
    expect(check(["a79f"])).toBe(false);
    expect(check([])).toBe(false);
    expect(check(["zzzz9"])).toBe("Can't locate revision identified by 'zzzz9'");
  });
});
