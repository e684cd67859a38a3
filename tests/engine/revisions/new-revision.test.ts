// Where `revision` / `merge` put a new script, with ScriptDirectory.generate_revision's checks
// (texts from `flask db revision` / `flask db merge`, Alembic 1.8.1).

import { describe, expect, test } from "vitest";
import { planNewRevision, type NewRevisionResult } from "../../../src/engine/revisions";
import { graph } from "./fixture";

const branched = graph("aaaa1111", "bbbb2222<aaaa1111", "c1c1c1c1<bbbb2222|labels=feat", "c2c2c2c2<bbbb2222");

function parents(result: NewRevisionResult) {
  if (!result.ok) throw new Error(result.error);
  return { downRevision: result.downRevision, dependsOn: result.dependsOn };
}

function errorOf(result: NewRevisionResult): string {
  if (result.ok) throw new Error("expected an error");
  return result.error;
}

describe("the new revision's parents", () => {
  test("the single head by default, nothing on an empty history", () => {
    expect(parents(planNewRevision(graph("a", "b<a"), { revId: "ffff0001" }))).toEqual({ downRevision: "b", dependsOn: null });
    expect(parents(planNewRevision(graph(), { revId: "ffff0001" }))).toEqual({ downRevision: null, dependsOn: null });
  });

  test("with two heads a head must be named", () => {
    expect(errorOf(planNewRevision(branched, { revId: "ffff0001" }))).toBe(
      "Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.",
    );
    expect(parents(planNewRevision(branched, { revId: "ffff0001", head: "feat@head" })).downRevision).toBe("c1c1c1c1");
  });

  test("a head that is not a head needs --splice", () => {
    expect(errorOf(planNewRevision(branched, { revId: "ffff0001", head: "bbbb" }))).toBe(
      "Revision bbbb2222 is not a head revision; please specify --splice to create a new branch from this revision",
    );
    expect(parents(planNewRevision(branched, { revId: "ffff0001", head: "bbbb", splice: true })).downRevision).toBe("bbbb2222");
  });

  test("--head base starts a new base", () => {
    expect(parents(planNewRevision(branched, { revId: "ffff0001", head: "base" })).downRevision).toBeNull();
  });

  test("merge takes every head named, in order", () => {
    expect(parents(planNewRevision(branched, { revId: "ffff0001", head: ["heads"] })).downRevision).toEqual([
      "c1c1c1c1",
      "c2c2c2c2",
    ]);
    expect(errorOf(planNewRevision(branched, { revId: "ffff0001", head: ["c1c1", "c1c1c1c1"] }))).toBe(
      "Duplicate head revisions specified",
    );
  });

  test("--depends-on resolves partial ids and keeps branch labels as written", () => {
    expect(parents(planNewRevision(branched, { revId: "ffff0001", head: "c2c2", dependsOn: ["c1c1", "feat"] })).dependsOn).toEqual([
      "c1c1c1c1",
      "feat",
    ]);
    expect(errorOf(planNewRevision(branched, { revId: "ffff0001", head: "c2c2", dependsOn: ["zzzz"] }))).toBe(
      "Can't locate revision identified by 'zzzz'",
    );
  });

  test("a revision id with reserved characters, or one already used, is refused", () => {
    expect(errorOf(planNewRevision(branched, { revId: "a-b" }))).toBe("Character(s) '-' not allowed in revision identifier 'a-b'");
    expect(errorOf(planNewRevision(branched, { revId: "c2c2c2c2", head: "c2c2" }))).toBe(
      "Revision c2c2c2c2 is present more than once. Choose another --rev-id.",
    );
  });
});
