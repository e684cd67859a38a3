import { zipSync, strToU8 } from "fflate";
import { describe, expect, test } from "vitest";
import { fromZip, toZip } from "../../../src/engine/share/archive";
import { openTestDatabase } from "../../binding";

describe("zip export and import", () => {
  test("a playground round-trips, database included, and the README carries the title", async () => {
    const db = await openTestDatabase();
    db.exec("CREATE TABLE roles (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO roles VALUES (1, 'admin');");
    const playground = {
      title: "My <b>tutorial</b>",
      files: { "models.ts": "// models", "migrations/versions/a08b4139c4fb_initial_migration.ts": "// script" },
      database: db.export(),
    };
    const result = fromZip(toZip(playground), "Imported");
    expect(result).toEqual({ ok: true, playground });
    if (!result.ok) return;
    const reopened = await openTestDatabase(result.playground.database!);
    expect(reopened.query("SELECT name FROM roles").rows).toEqual([["admin"]]);
  });

  test("an archive wrapped in one folder is read from inside it; stray dotfiles are ignored", () => {
    const zip = zipSync({ "proj/models.ts": strToU8("m"), "proj/migrations/versions/abc_x.ts": strToU8("s"), "proj/.DS_Store": strToU8("") });
    expect(fromZip(zip, "T")).toEqual({ ok: true, playground: { title: "T", files: { "models.ts": "m", "migrations/versions/abc_x.ts": "s" }, database: null } });
  });

  test("refuses what is not a playground, saying why", () => {
    expect(fromZip(new Uint8Array([1, 2, 3]), "T")).toMatchObject({ ok: false, message: expect.stringContaining("not a zip archive") });
    expect(fromZip(zipSync({ "notes.txt": strToU8("x") }), "T")).toMatchObject({ ok: false, message: expect.stringContaining("notes.txt") });
    expect(fromZip(zipSync({ "migrations/versions/a_b.ts": strToU8("x") }), "T")).toMatchObject({ ok: false, message: expect.stringContaining("no models.ts") });
  });
});
