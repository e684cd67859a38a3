import { afterEach, expect, test } from "vitest";
import { EngineClient, serveEngine, type PortLike } from "../../src/app/engine-client";
import type { EngineRequest } from "../../src/app/protocol";

// A real MessageChannel (structured clone and all), as between the page and the Worker.
const channels: MessageChannel[] = [];
function connect(handle: Parameters<typeof serveEngine>[1]): EngineClient {
  const channel = new MessageChannel();
  channels.push(channel);
  serveEngine(channel.port2 as unknown as PortLike, handle);
  channel.port2.start();
  channel.port1.start();
  return new EngineClient(() => channel.port1);
}
afterEach(() => channels.splice(0).forEach((c) => { c.port1.close(); c.port2.close(); }));

test("requests are answered in order, one at a time, with progress along the way", async () => {
  const seen: string[] = [];
  const client = connect(async (request: EngineRequest, progress) => {
    seen.push(`start ${request.kind}`);
    progress({ text: `working on ${request.kind}` });
    await new Promise((r) => setTimeout(r, request.kind === "command" ? 30 : 0));
    seen.push(`end ${request.kind}`);
    return request.kind === "query" ? { echoed: request.sql, bytes: new Uint8Array([1, 2]) } : request.kind;
  });
  const progress: string[] = [];
  const [a, b] = await Promise.all([
    client.request({ kind: "command", argv: ["upgrade"] }, (p) => progress.push(p.text)),
    client.request({ kind: "query", sql: "SELECT 1" }),
  ]);
  expect(a).toBe("command");
  expect(b).toEqual({ echoed: "SELECT 1", bytes: new Uint8Array([1, 2]) });
  expect(seen).toEqual(["start command", "end command", "start query", "end query"]);
  expect(progress).toEqual(["working on command"]);
});

test("a handler that throws rejects that request only, with its message", async () => {
  const client = connect(async (request) => {
    if (request.kind === "snapshot") throw new Error("No playground is open yet.");
    return "fine";
  });
  await expect(client.request({ kind: "snapshot" })).rejects.toThrow("No playground is open yet.");
  await expect(client.request({ kind: "query", sql: "x" })).resolves.toBe("fine");
});
