// Stopping a runaway request: the worker is ended (its work with it), a fresh one takes over, and
// the playground comes back as it was before the request, with the files as typed since. In Node
// a request that never answers stands in for SQL that never ends: the page cannot tell them apart.
import { expect, test } from "vitest";
import { DatabasePanel } from "../../src/app/database-panel.svelte";
import { EngineClient, EngineStopped, serveEngine, type RequestHandler } from "../../src/app/engine-client";
import { describeRequest, EngineWatch, STALL_MS } from "../../src/app/engine-watch.svelte";
import type { EngineRequest } from "../../src/app/protocol";
import { engineWorker, openTab, startTab, waitFor } from "./support/app-harness";

const never = new Promise<never>(() => {});

/** Workers whose first one never answers the requests `hangs` picks; later ones are sound. */
function hangingFirstWorker(hangs: (request: EngineRequest) => boolean) {
  let started = 0;
  let clock = 0;
  const client = new EngineClient(
    engineWorker(1, (handle): RequestHandler => {
      const first = ++started === 1;
      return (request, progress) => (first && hangs(request) ? never : handle(request, progress));
    }),
    () => clock,
  );
  return { client, workers: () => started, advance: (ms: number) => void (clock += ms) };
}

test("stop rejects what was waiting with EngineStopped, and a fresh worker answers what comes next", async () => {
  let workers = 0;
  const client = new EngineClient(() => {
    const channel = new MessageChannel();
    const n = ++workers;
    serveEngine(channel.port2, async (request) => (n === 1 && request.kind === "query" ? never : `worker ${n}: ${request.kind}`));
    channel.port1.start();
    channel.port2.start();
    return channel.port1;
  });
  const stuck = client.request({ kind: "query", sql: "forever" });
  const queued = client.request({ kind: "snapshot" });
  expect(describeRequest(client.running()!.request)).toBe("the SQL console's query");
  client.stop("Stopped for the test.");
  await expect(stuck).rejects.toBeInstanceOf(EngineStopped);
  await expect(queued).rejects.toThrow("Stopped for the test.");
  expect(client.running()).toBeNull();
  await expect(client.request({ kind: "snapshot" })).resolves.toBe("worker 2: snapshot");
});

test("a runaway SQL console query is offered Stop after STALL_MS; stopping keeps the data, the revision and the typed models", async () => {
  const engine = hangingFirstWorker((r) => r.kind === "query" && r.sql.includes("RECURSIVE"));
  const tab = openTab(undefined, null, undefined, engine.client);
  await startTab(tab);
  const database = new DatabasePanel(engine.client, tab.playground);
  const watch = new EngineWatch({ client: engine.client, playground: tab.playground, library: tab.library, now: () => 0 });
  await tab.playground.run(["migrate", "-m", "users"]);
  await tab.playground.run(["upgrade"]);
  database.sql = "INSERT INTO roles (name) VALUES ('admin')";
  await database.runSql();
  const before = tab.playground.snapshot!;
  const typed = `${tab.playground.fileText("models.ts")}\n// typed while the query ran\n`;

  database.sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
  const running = database.runSql();
  await waitFor(() => engine.client.running()?.request.kind === "query");
  // a save that waits behind the query: stopping must not fail it, and the reopened playground is saved
  const saving = tab.library.autosave.saveNow();
  await waitFor(() => engine.client.waiting().map((r) => r.kind).join() === "query,workspace");
  tab.playground.editFile("models.ts", typed);
  const clockWatch = new EngineWatch({ client: engine.client, playground: tab.playground, library: tab.library, now: () => engine.client.running()!.since + STALL_MS + 3400 });
  clockWatch.tick();
  expect(clockWatch.stalled).toEqual({ label: "the SQL console's query", seconds: 5 });
  watch.tick();
  expect(watch.stalled).toBeNull();

  await clockWatch.stop();
  await running;
  await expect(saving).resolves.toBeUndefined();
  expect(engine.workers()).toBe(2);
  expect(clockWatch.stalled).toBeNull();
  expect(database.result?.error).toMatch(/^Stopped the SQL console's query after 5 s\. SQLite in the browser cannot be interrupted, so the engine was restarted; the database is as it was before/);
  expect(tab.playground.notice).toBe("Stopped the SQL console's query after 5 s: the playground is back as it was before it, with your edits since.");
  expect(tab.playground.snapshot!.history.current).toEqual(before.history.current);
  expect(tab.playground.snapshot!.tables).toEqual(before.tables);
  expect(tab.playground.fileText("models.ts")).toBe(typed);
  // the fresh worker has the playground: the row added before the stop is there
  database.sql = "SELECT name FROM roles";
  await database.runSql();
  expect(database.result?.rows).toEqual([["admin"]]);
  expect((await tab.playground.exportWorkspace()).files["models.ts"]).toBe(typed);
  await tab.library.autosave.flush();
  await waitFor(() => tab.library.autosave.record?.files["models.ts"] === typed);
});

test("an upgrade that never ends is stopped like Ctrl-C: exit 130, the revision and tables as before, and the next upgrade runs", async () => {
  const engine = hangingFirstWorker((r) => r.kind === "command" && r.argv[0] === "upgrade");
  const tab = openTab(undefined, null, undefined, engine.client);
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "users"]);
  const before = tab.playground.snapshot!;
  const upgrade = tab.playground.run(["upgrade"]);
  await waitFor(() => engine.client.running()?.request.kind === "command");
  engine.advance(STALL_MS + 10_000);
  const watch = new EngineWatch({ client: engine.client, playground: tab.playground, library: tab.library, now: () => engine.client.running()!.since + 12_000 });
  await watch.stop();
  const result = await upgrade;
  expect(result.exitCode).toBe(130);
  expect(result.lines.map((l) => l.text)).toEqual([
    "Stopped flask db upgrade after 12 s. SQLite in the browser cannot be interrupted, so the engine was restarted; the database is as it was before, as after Ctrl-C on the real command.",
  ]);
  expect(tab.playground.busy).toBe(false);
  expect(tab.playground.snapshot!.history.current).toEqual([]);
  expect(tab.playground.snapshot!.tables).toEqual(before.tables);
  expect(tab.playground.scriptPaths).toEqual(before.history.revisions.map((r) => r.file).sort());
  const again = await tab.playground.run(["upgrade"]);
  expect(again.exitCode).toBe(0);
  expect(tab.playground.snapshot!.tables.map((t) => t.name)).toContain("users");
});

test("with nothing running, there is nothing to stop", async () => {
  const engine = hangingFirstWorker(() => false);
  const tab = openTab(undefined, null, undefined, engine.client);
  await startTab(tab);
  const watch = new EngineWatch({ client: engine.client, playground: tab.playground, library: tab.library });
  watch.tick();
  expect(watch.stalled).toBeNull();
  await watch.stop();
  expect(engine.workers()).toBe(1);
});
