// A lesson's share link names the lesson in the query, beside the fragment SPEC §4 fixes.
import { expect, test } from "vitest";
import { lessonOf, withLesson } from "../../src/app/lesson-link";

test("the lesson is set, replaced and removed in the query, other parameters kept", () => {
  expect(withLesson("", "add-email")).toBe("?lesson=add-email");
  expect(withLesson("?lesson=rename-column&x=1", "add-email")).toBe("?lesson=add-email&x=1");
  expect(withLesson("?lesson=add-email", null)).toBe("");
  expect(withLesson("?x=1&lesson=add-email", null)).toBe("?x=1");
});

test("the lesson a link names, or none", () => {
  expect(lessonOf("?lesson=team-branches")).toBe("team-branches");
  expect(lessonOf("?x=1")).toBeNull();
  expect(lessonOf("")).toBeNull();
});
