// A share link of a lesson's playground names the lesson in the address's query (`?lesson=add-email`),
// beside the fragment that SPEC §4 fixes: the fragment (the workspace) is unchanged, and the static
// host sees only the lesson's name. The opened playground's step is then read from its real state.

const PARAM = "lesson";

/** `search` with the lesson named (or, for null, no lesson): "" when nothing is left. */
export function withLesson(search: string, lessonId: string | null): string {
  const params = new URLSearchParams(search);
  if (lessonId === null) params.delete(PARAM);
  else params.set(PARAM, lessonId);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The lesson a link names, or null. */
export function lessonOf(search: string): string | null {
  return new URLSearchParams(search).get(PARAM);
}
