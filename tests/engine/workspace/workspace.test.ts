import { describe, expect, test } from "vitest";
import { isInitialised, listScripts, newWorkspace, normaliseDir, withDatabase, withFile, withoutFile } from "../../../src/engine/workspace/workspace";

describe("workspace", () => {
  test("a new workspace holds models.ts and no database", () => {
    expect(newWorkspace("Tutorial", "models")).toEqual({ title: "Tutorial", files: { "models.ts": "models" }, database: null });
  });

  test("a migrations folder is initialised when some file lies inside it", () => {
    const ws = newWorkspace("t", "");
    expect(isInitialised(ws)).toBe(false);
    expect(isInitialised(withFile(ws, "migrations/README", ""))).toBe(true);
    expect(isInitialised(withFile(ws, "migrations-old/README", ""))).toBe(false);
    expect(isInitialised(withFile(ws, "db/migrations/README", ""), "./db/migrations/")).toBe(true);
  });

  test("scripts are the .ts files directly in versions/, sorted by path", () => {
    let ws = newWorkspace("t", "");
    ws = withFile(ws, "migrations/versions/b_two.ts", "2");
    ws = withFile(ws, "migrations/versions/a_one.ts", "1");
    ws = withFile(ws, "migrations/versions/notes.txt", "x");
    ws = withFile(ws, "migrations/versions/old/c.ts", "x");
    ws = withFile(ws, "other/versions/d.ts", "x");
    expect(listScripts(ws)).toEqual([
      { path: "migrations/versions/a_one.ts", source: "1" },
      { path: "migrations/versions/b_two.ts", source: "2" },
    ]);
    expect(listScripts(withoutFile(ws, "migrations/versions/a_one.ts")).map((s) => s.path)).toEqual(["migrations/versions/b_two.ts"]);
  });

  test("helpers return new objects and keep the old ones as they were", () => {
    const ws = newWorkspace("t", "");
    const bytes = new Uint8Array([1, 2]);
    const next = withDatabase(ws, bytes);
    expect(next.database).toBe(bytes);
    expect(ws.database).toBeNull();
    expect(normaliseDir("./migrations/")).toBe("migrations");
    expect(normaliseDir("db\\migrations")).toBe("db/migrations");
  });
});
