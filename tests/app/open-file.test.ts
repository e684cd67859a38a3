import { describe, expect, test } from "vitest";
import { readChosenDatabase, type ChosenFile } from "../../src/app/open-file";

const file = (name: string, ...bytes: number[]): ChosenFile => ({ name, arrayBuffer: async () => new Uint8Array(bytes).buffer });

describe("the files chosen or dropped", () => {
  test("the database alone, or with its -wal (and -shm, not needed)", async () => {
    expect(await readChosenDatabase([file("shop.db", 1, 2)])).toEqual({ ok: true, name: "shop.db", bytes: new Uint8Array([1, 2]) });
    expect(await readChosenDatabase([file("shop.db-shm", 9), file("shop.db-wal", 3), file("shop.db", 1)])).toEqual({ ok: true, name: "shop.db", bytes: new Uint8Array([1]), wal: new Uint8Array([3]) });
  });

  test("only a -wal, or two databases, say what to choose", async () => {
    expect(await readChosenDatabase([file("shop.db-wal", 3)])).toEqual({ ok: false, message: "Only shop.db-wal was chosen: choose the database file itself as well (the one without -wal), or both together." });
    expect(await readChosenDatabase([file("a.db"), file("b.db")])).toMatchObject({ ok: false, message: expect.stringMatching(/^2 databases were chosen \(a\.db, b\.db\): open one at a time/) });
  });
});
