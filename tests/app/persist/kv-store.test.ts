// The IndexedDB key-value store the playgrounds are saved through, on fake-indexeddb (an
// IndexedDB written to the spec, in memory): each of its operations, the atomic ones' all or
// nothing, and the connection index.html's head opens before the app (early-start.ts).
import "fake-indexeddb/auto";
import { expect, test } from "vitest";
import { earlyStartScript, takeEarlyStart } from "../../../src/app/early-start";
import { idbStore } from "../../../src/app/persist/kv-store";
import { runInNewContext } from "node:vm";

let n = 0;
/** A database of its own for each test: the fake keeps them for the file's life. */
const freshName = () => `retort-test-${++n}`;

test("values go in and come back, by one key or many, and go again", async () => {
  const kv = idbStore(freshName(), "playgrounds");
  await kv.set("a", { title: "one", bytes: new Uint8Array([1, 2, 3]) });
  await kv.setMany([["b", 2], ["c", 3]]);
  expect(await kv.get("a")).toEqual({ title: "one", bytes: new Uint8Array([1, 2, 3]) });
  expect(await kv.getMany(["c", "b", "missing"])).toEqual([3, 2, undefined]);
  expect((await kv.keys()).sort()).toEqual(["a", "b", "c"]);
  await kv.del("a");
  await kv.delMany(["b"]);
  expect(await kv.keys()).toEqual(["c"]);
});

test("setMany writes all of its entries or none: a value that cannot be stored leaves nothing behind", async () => {
  const kv = idbStore(freshName(), "playgrounds");
  await kv.set("kept", "before");
  await expect(kv.setMany([["kept", "after"], ["bad", () => "a function cannot be cloned"]])).rejects.toThrow();
  expect(await kv.get("kept")).toBe("before");
  expect(await kv.get("bad")).toBeUndefined();
});

test("update reads keys and a prefix's listing, then writes and deletes what it decides, in one transaction", async () => {
  const kv = idbStore(freshName(), "playgrounds");
  await kv.setMany([["record", { chunks: ["chunk:1"] }], ["chunk:1", "in use"], ["chunk:2", "left by a crash"], ["other", 1]]);
  let seen: unknown = null;
  await kv.update(["record"], "chunk:", (values, prefixed) => {
    seen = { values, prefixed };
    const used = new Set((values[0] as { chunks: string[] }).chunks);
    return { del: prefixed.filter((key) => !used.has(key)), set: [["swept", true]] };
  });
  expect(seen).toEqual({ values: [{ chunks: ["chunk:1"] }], prefixed: ["chunk:1", "chunk:2"] });
  expect((await kv.keys()).sort()).toEqual(["chunk:1", "other", "record", "swept"]);
  // a decision that throws writes nothing, and the caller hears why
  await expect(kv.update([], null, () => {
    throw new Error("no plan");
  })).rejects.toThrow("no plan");
  expect((await kv.keys()).sort()).toEqual(["chunk:1", "other", "record", "swept"]);
});

test("the head script's early connection is the store's: what it writes, a store of its own reads", async () => {
  const name = freshName();
  const scope: Record<string, unknown> = { indexedDB, Worker: undefined };
  runInNewContext(earlyStartScript(null, name, "playgrounds"), scope);
  const early = takeEarlyStart(scope);
  expect(early.db).not.toBeNull();
  const kv = idbStore(name, "playgrounds", early.db);
  await kv.set("latest", "from the early connection");
  expect(await idbStore(name, "playgrounds").get("latest")).toBe("from the early connection");
  // closed since (the browser may close it): the store opens its own and goes on
  (await early.db!).close();
  await kv.set("after", "its own connection");
  expect(await kv.getMany(["latest", "after"])).toEqual(["from the early connection", "its own connection"]);
});
