// The worker's "adopt" request: the user's file becomes the playground, kept open as its live
// database; a refused file leaves the open playground exactly as it was.
import { expect, test } from "vitest";
import { bindEngine } from "../../src/app/engine-binding";
import { EngineHost } from "../../src/app/engine-host";
import * as engine from "../../src/engine/index";

async function openHost(): Promise<EngineHost> {
  const host = new EngineHost(bindEngine({ random: () => 0.5, clock: () => new Date("2026-12-07T01:00:00Z") }));
  await host.open({ kind: "open", title: "Tutorial" });
  return host;
}

async function shopFile(): Promise<Uint8Array> {
  const db = await engine.openSqlJs();
  db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(120) NOT NULL); INSERT INTO customers VALUES (1, 'a@x'), (2, 'b@x');");
  const bytes = db.export();
  db.close();
  return bytes;
}

test("a SQLite file becomes the playground: its tables and rows, models.ts, the baseline as current", async () => {
  const host = await openHost();
  const result = await host.handle({ kind: "adopt", title: "shop.db", fileName: "shop.db", bytes: await shopFile() }, () => {});
  if (!(result as { ok: boolean }).ok) throw new Error(JSON.stringify(result));
  const { snapshot } = result as { snapshot: Awaited<ReturnType<EngineHost["snapshot"]>> };
  expect(snapshot.title).toBe("shop.db");
  expect(snapshot.tables.map((t) => [t.name, t.rowCount])).toEqual([["customers", 2]]);
  expect(snapshot.files["models.ts"]).toContain('static __tablename__ = "customers";');
  expect(snapshot.history.current).toEqual(["888888888888"]);
  const check = await host.command(["check"], () => {});
  expect(check.lines.map((l) => l.text)).toContain("No new upgrade operations detected.");
  const rows = await host.query("SELECT email FROM customers ORDER BY id");
  expect(rows).toMatchObject({ rows: [["a@x"], ["b@x"]] });
});

test("a file that is not SQLite is refused, and the open playground stays as it was", async () => {
  const host = await openHost();
  const before = host.exportWorkspace();
  const result = await host.handle({ kind: "adopt", title: "notes.txt", fileName: "notes.txt", bytes: new TextEncoder().encode("hello") }, () => {});
  expect(result).toEqual({ ok: false, message: expect.stringMatching(/^This file is not a SQLite database: its first bytes are "hello"/) });
  expect(host.exportWorkspace()).toEqual(before);
});
