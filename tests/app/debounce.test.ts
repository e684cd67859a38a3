import { expect, test } from "vitest";
import { debounce } from "../../src/app/debounce";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("only the last call of a burst runs, after the pause", async () => {
  const calls: string[] = [];
  const d = debounce((s: string) => void calls.push(s), 20);
  d("a"); d("ab"); d("abc");
  expect(calls).toEqual([]);
  await sleep(40);
  expect(calls).toEqual(["abc"]);
});

test("flush runs the waiting call at once, and only once", async () => {
  const calls: string[] = [];
  const d = debounce(async (s: string) => void calls.push(s), 1000);
  d("x");
  await d.flush();
  await d.flush();
  expect(calls).toEqual(["x"]);
  d("y");
  d.cancel();
  await d.flush();
  expect(calls).toEqual(["x"]);
});
