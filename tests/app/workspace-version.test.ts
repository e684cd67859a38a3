// A save after typing does not copy the database out of the worker, nor compare it byte by byte:
// the worker names each version of the database, and sends the bytes only for a version the
// page does not hold yet.
import { expect, test } from "vitest";
import { bindEngine } from "../../src/app/engine-binding";
import { EngineClient } from "../../src/app/engine-client";
import { EngineHost } from "../../src/app/engine-host";
import { memoryStore } from "../../src/app/persist/kv-store";
import { MODELS_FILE } from "../../src/app/playground.svelte";
import type { ProgressView } from "../../src/app/protocol";
import { engineWorker, openTab, startTab } from "./support/app-harness";

const noProgress = (_p: ProgressView) => {};

test("the worker leaves the database out when the page has its version, and names every change anew", async () => {
  const host = new EngineHost(bindEngine());
  await host.open({ kind: "open", title: "T" });
  await host.command(["migrate", "-m", "first"], noProgress);
  await host.command(["upgrade"], noProgress);
  const first = host.workspaceView();
  expect(first.database).toBeInstanceOf(Uint8Array);
  const again = host.workspaceView(first.databaseVersion);
  expect(again.databaseVersion).toBe(first.databaseVersion);
  expect("database" in again).toBe(false);
  await host.query("INSERT INTO roles (name) VALUES ('admin')");
  const changed = host.workspaceView(first.databaseVersion);
  expect(changed.databaseVersion).not.toBe(first.databaseVersion);
  expect(changed.database).toBeInstanceOf(Uint8Array);
  // another worker (one restarted after a stop) never gives the same name to other bytes
  const other = new EngineHost(bindEngine());
  await other.open({ kind: "open", title: "T" });
  expect(other.workspaceView().databaseVersion).not.toBe(first.databaseVersion);
});

test("an autosave after a text edit does not transfer the database, and stores the very bytes it held", async () => {
  const transferred: string[] = [];
  const client = new EngineClient(engineWorker(1, (handle) => async (request, progress) => {
    const answer = await handle(request, progress);
    if (request.kind === "workspace") transferred.push((answer as { database?: unknown }).database !== undefined ? "database" : "files only");
    return answer;
  }));
  const tab = openTab(memoryStore(), null, () => Date.now(), client);
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  await tab.playground.run(["upgrade"]);
  await tab.library.autosave.saveNow();
  const saved = tab.library.autosave.record!.database;
  expect(saved).toBeInstanceOf(Uint8Array);
  transferred.length = 0;

  tab.playground.editFile(MODELS_FILE, `${tab.playground.fileText(MODELS_FILE)}\n// typed\n`);
  await tab.library.autosave.flush();
  await tab.library.autosave.saveNow();
  expect(transferred.length).toBeGreaterThan(0);
  expect(transferred.every((t) => t === "files only")).toBe(true);
  // the same array: storage knows its chunks without reading or comparing a byte of it
  expect(tab.library.autosave.record!.database).toBe(saved);
  expect(tab.library.autosave.record!.files[MODELS_FILE]).toContain("// typed");
});
