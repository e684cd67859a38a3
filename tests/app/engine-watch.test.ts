// Stopping a runaway request: the worker is ended (its work with it), a fresh one reopens the
// checkpoint sent right before the request, and the requests that waited behind it run there.
// In Node a request that never answers stands in for SQL that never ends: the page cannot tell
// them apart.
import { expect, test } from "vitest";
import { DatabasePanel } from "../../src/app/database-panel.svelte";
import { EngineClient, EngineStopped, serveEngine, type RequestHandler } from "../../src/app/engine-client";
import { describeRequest, EngineWatch, STALL_MS } from "../../src/app/engine-watch.svelte";
import type { EngineRequest, RequestOf } from "../../src/app/protocol";
import { StepThrough } from "../../src/app/step-through.svelte";
import { engineWorker, openTab, startTab, waitFor } from "./support/app-harness";

const never = new Promise<never>(() => {});
const ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";

/** Workers whose first `count` never answer the requests `hangs` picks; later ones are sound. */
function hangingFirstWorker(hangs: (request: EngineRequest) => boolean, count = 1) {
  let started = 0;
  const client = new EngineClient(
    engineWorker(1, (handle): RequestHandler => {
      const hanging = ++started <= count;
      return (request, progress) => (hanging && hangs(request) ? never : handle(request, progress));
    }),
  );
  return { client, workers: () => started };
}

/** A tab on `client` at the tutorial's first revision, with one row in roles, and its database panel. */
async function upgradedWithAdmin(client: EngineClient) {
  const tab = openTab(undefined, null, undefined, client);
  await startTab(tab);
  const database = new DatabasePanel(client, tab.playground);
  await tab.playground.run(["migrate", "-m", "users"]);
  await tab.playground.run(["upgrade"]);
  database.sql = "INSERT INTO roles (name) VALUES ('admin')";
  await database.runSql();
  return { tab, database };
}

/** A watch whose clock reads `seconds` after the running request started. */
function watchAt(client: EngineClient, tab: ReturnType<typeof openTab>, seconds: number): EngineWatch {
  // half a millisecond over: (since + 3000) - since can come out at 2999.9999… in floating point
  return new EngineWatch({ client, playground: tab.playground, now: () => (client.running()?.since ?? 0) + seconds * 1000 + 0.5 });
}

test("stop reopens the checkpoint first, then replays what waited, in order; only the running request is refused", async () => {
  const received: string[][] = [];
  const client = new EngineClient(() => {
    const channel = new MessageChannel();
    const seen: string[] = [];
    received.push(seen);
    const n = received.length;
    serveEngine(channel.port2, async (request) => {
      seen.push(request.kind);
      if (request.kind === "checkpoint") return { title: "t", files: { "models.ts": "m" }, database: new Uint8Array([n]) };
      if (n === 1 && request.kind === "query") return never;
      return `worker ${n}: ${request.kind}`;
    });
    channel.port1.start();
    channel.port2.start();
    return channel.port1;
  });
  const stuck = client.guarded({ kind: "query", sql: "forever" }).catch((e: unknown) => e);
  const models = client.request({ kind: "set-models", source: "m2" });
  const after = client.request({ kind: "snapshot" });
  await waitFor(() => client.running()?.recoverable === true);
  expect(describeRequest(client.running()!.request)).toBe("the SQL console's query");
  expect(client.waiting().map((r) => r.kind)).toEqual(["query", "set-models", "snapshot"]);

  const reopen = (kept: { title: string; files: Record<string, string>; database: Uint8Array | null }): RequestOf<"open"> => {
    expect(kept).toEqual({ title: "t", files: { "models.ts": "m" }, database: new Uint8Array([1]) });
    return { kind: "open", title: kept.title, workspace: kept };
  };
  const reopened = client.stop("Stopped for the test.", reopen);
  await expect(reopened).resolves.toBe("worker 2: open");
  const refused = await stuck;
  expect(refused).toBeInstanceOf(EngineStopped);
  expect((refused as Error).message).toBe("Stopped for the test.");
  await expect(models).resolves.toBe("worker 2: set-models");
  await expect(after).resolves.toBe("worker 2: snapshot");
  expect(received).toEqual([["checkpoint", "query"], ["open", "set-models", "snapshot"]]);
  expect(client.running()).toBeNull();
});

test("a request sent without a checkpoint is not recoverable, and the watch offers no Stop for it", async () => {
  const engine = hangingFirstWorker((r) => r.kind === "rows");
  const tab = openTab(undefined, null, undefined, engine.client);
  await startTab(tab);
  const rows = engine.client.request({ kind: "rows", table: "alembic_version", limit: 1 });
  await waitFor(() => engine.client.running()?.request.kind === "rows");
  expect(engine.client.running()!.recoverable).toBe(false);
  const early = watchAt(engine.client, tab, (STALL_MS - 1) / 1000);
  early.tick();
  expect(early.stalled).toBeNull();
  const watch = watchAt(engine.client, tab, 3);
  watch.tick();
  expect(watch.stalled).toEqual({ label: "the engine's “rows” request", seconds: 3, canStop: false });
  await watch.stop();
  expect(engine.workers()).toBe(1);
  void rows;
});

test("a runaway console query is stopped: its data, revision and typed models come back, and what waited runs", async () => {
  const engine = hangingFirstWorker((r) => r.kind === "query" && r.sql === ENDLESS);
  const { tab, database } = await upgradedWithAdmin(engine.client);
  // a read-only query: the next checkpoint carries no database, the client keeps the last one
  database.sql = "SELECT count(*) FROM roles";
  await database.runSql();
  expect(database.result?.rows).toEqual([[1]]);
  const before = tab.playground.snapshot!;
  const typed = `${tab.playground.fileText("models.ts")}\n// typed while the query ran\n`;

  database.sql = ENDLESS;
  const running = database.runSql();
  await waitFor(() => engine.client.running()?.recoverable === true);
  expect(tab.playground.busy).toBe(true);
  // waiting behind it: a save, and a migrate of the edited models (their set-models goes first)
  const saving = tab.library.autosave.saveNow();
  tab.playground.editFile("models.ts", typed);
  const migrate = tab.playground.run(["migrate", "-m", "typed"]);
  await waitFor(() => engine.client.waiting().map((r) => r.kind).join() === "query,set-models,workspace");

  const watch = watchAt(engine.client, tab, 5.4);
  watch.tick();
  expect(watch.stalled).toEqual({ label: "the SQL console's query", seconds: 5, canStop: true });
  await Promise.all([watch.stop(), watch.stop()]);
  await running;
  expect(engine.workers()).toBe(2);
  expect(watch.stalled).toBeNull();
  expect(database.result?.error).toBe(
    "Stopped the SQL console's query after 5 s. SQLite in the browser cannot be interrupted, so the engine was restarted; the database is as it was before, as after Ctrl-C on the real command.",
  );
  expect(tab.playground.notice).toBe("Stopped the SQL console's query after 5 s: the playground is back as it was before it, with your edits since.");
  await expect(saving).resolves.toBeUndefined();
  expect((await migrate).exitCode).toBe(0);
  expect(tab.playground.snapshot!.history.current).toEqual(before.history.current);
  expect(tab.playground.snapshot!.tables).toEqual(before.tables);
  expect(tab.playground.fileText("models.ts")).toBe(typed);
  expect(tab.playground.busy).toBe(false);
  database.sql = "SELECT name FROM roles";
  await database.runSql();
  expect(database.result?.rows).toEqual([["admin"]]);
  await tab.library.autosave.flush();
  await waitFor(() => tab.library.autosave.record?.files["models.ts"] === typed);
});

test("an upgrade that never ends is stopped like Ctrl-C: exit 130, the database as just before it, and a stamp typed after it runs", async () => {
  const engine = hangingFirstWorker((r) => r.kind === "command" && r.argv[0] === "upgrade");
  const tab = openTab(undefined, null, undefined, engine.client);
  await startTab(tab);
  const database = new DatabasePanel(engine.client, tab.playground);
  await tab.playground.run(["migrate", "-m", "users"]);
  // a table made in the console just before: only the checkpoint has it, no save yet
  database.sql = "CREATE TABLE notes (id INTEGER PRIMARY KEY)";
  await database.runSql();
  const before = tab.playground.snapshot!;
  const upgrade = tab.playground.run(["upgrade"]);
  await waitFor(() => engine.client.running()?.request.kind === "command" && engine.client.running()!.recoverable);
  const stamp = tab.playground.run(["stamp", "head"]);
  await waitFor(() => engine.client.waiting().map((r) => r.kind).join() === "command,command");

  await watchAt(engine.client, tab, 12).stop();
  const result = await upgrade;
  expect(result.exitCode).toBe(130);
  expect(result.lines.map((l) => l.text)).toEqual([
    "Stopped flask db upgrade after 12 s. SQLite in the browser cannot be interrupted, so the engine was restarted; the database is as it was before, as after Ctrl-C on the real command.",
  ]);
  expect((await stamp).exitCode).toBe(0);
  expect(tab.playground.busy).toBe(false);
  expect(tab.playground.snapshot!.tables).toEqual(before.tables);
  expect(tab.playground.snapshot!.history.current).toEqual(before.history.revisions.map((r) => r.id));
});

test("a second runaway queued behind the first can be stopped in turn; the data survives both stops", async () => {
  const engine = hangingFirstWorker((r) => r.kind === "query" && r.sql === ENDLESS, 2);
  const { tab, database } = await upgradedWithAdmin(engine.client);
  database.sql = ENDLESS;
  const first = database.runSql();
  const second = database.runSql();
  await waitFor(() => engine.client.waiting().map((r) => r.kind).join() === "query,checkpoint,query");

  const watch = new EngineWatch({ client: engine.client, playground: tab.playground, now: () => (engine.client.running()?.since ?? 0) + 3000 });
  await watch.stop();
  await first;
  await waitFor(() => engine.client.running()?.request.kind === "query" && engine.client.running()!.recoverable);
  watch.tick();
  expect(watch.stalled).toMatchObject({ label: "the SQL console's query", canStop: true });
  expect(watch.stopping).toBe(false);
  await watch.stop();
  await second;
  expect(engine.workers()).toBe(3);
  database.sql = "SELECT name FROM roles";
  await database.runSql();
  expect(database.result?.rows).toEqual([["admin"]]);
});

test("before any playground exists, only a link's migrations can be stopped", async () => {
  const engine = hangingFirstWorker((r) => r.kind === "open" || r.kind === "open-shared");
  const tab = openTab(undefined, null, undefined, engine.client);
  const opening = engine.client.request({ kind: "open", title: "slow" });
  await waitFor(() => engine.client.running()?.request.kind === "open");
  const watch = watchAt(engine.client, tab, 3);
  watch.tick();
  expect(watch.stalled).toEqual({ label: "the engine's “open” request", seconds: 3, canStop: false });
  await watch.stop();
  expect(engine.workers()).toBe(1);
  void opening;
});

test("Stop while a step-through is paused ends it at once, saying why; the database is the one from before the run", async () => {
  const engine = hangingFirstWorker((r) => r.kind === "query" && r.sql === ENDLESS);
  const tab = openTab(undefined, null, undefined, engine.client);
  await startTab(tab);
  const database = new DatabasePanel(engine.client, tab.playground);
  await tab.playground.run(["migrate", "-m", "users"]);
  const stepThrough = new StepThrough({ client: engine.client, playground: tab.playground });
  expect(await stepThrough.start("upgrade", "head")).toBe(true);
  while (!tab.playground.snapshot!.tables.some((t) => t.name === "roles")) await stepThrough.forward();
  // a read is allowed while paused; this one never ends
  database.sql = ENDLESS;
  const running = database.runSql();
  await waitFor(() => engine.client.running()?.request.kind === "query" && engine.client.running()!.recoverable);
  const watch = new EngineWatch({
    client: engine.client, playground: tab.playground, onRestarted: (why) => stepThrough.engineRestarted(why),
    now: () => (engine.client.running()?.since ?? 0) + 3000.5,
  });
  await watch.stop();
  await running;
  // before: the page still showed the paused run, and learnt it was gone only at the next step
  expect(stepThrough.open).toBe(false);
  expect(stepThrough.message).toBe("The step-through ended: the SQL console's query was stopped after 3 s, and the engine restarted with it. The database is as it was before it.");
  expect(tab.playground.snapshot!.tables).toEqual([]);
  expect(engine.workers()).toBe(2);
});
