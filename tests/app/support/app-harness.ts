// A page's services in Node: the real engine host behind a real MessageChannel (structured clone
// and all, as with the Worker), a memory key-value store, and a linked pair of channels standing
// in for BroadcastChannel between two tabs.
import "./runes";
import { afterEach } from "vitest";
import { bindEngine } from "../../../src/app/engine-binding";
import { EngineClient, serveEngine, type RequestHandler } from "../../../src/app/engine-client";
import { EngineHost } from "../../../src/app/engine-host";
import { PlaygroundLibrary, type ChannelLike } from "../../../src/app/library.svelte";
import { memoryStore, type KeyValueStore } from "../../../src/app/persist/kv-store";
import { PlaygroundStore } from "../../../src/app/persist/playground-store";
import type { SavedPlayground } from "../../../src/app/persist/saved-format";
import { Playground } from "../../../src/app/playground.svelte";
import { UndoHistory } from "../../../src/app/undo.svelte";

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

function seeded(seed = 1): () => number {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647);
}

/** A worker as the page starts one: a fresh engine host behind its own channel. */
/** `latest`: what the worker reads from storage to start with (engine.worker.ts reads IndexedDB). */
export function engineWorker(seed = 1, wrap: (handle: RequestHandler) => RequestHandler = (handle) => handle, latest?: () => Promise<SavedPlayground | null>): () => MessagePort {
  return () => {
    const channel = new MessageChannel();
    ports.push(channel.port1, channel.port2);
    const host = new EngineHost(bindEngine({ random: seeded(seed), clock: () => new Date("2026-11-22T05:00:00Z") }), latest);
    serveEngine(channel.port2, wrap(host.handle));
    channel.port1.start();
    channel.port2.start();
    return channel.port1;
  };
}

export function engineClient(seed = 1): EngineClient {
  return new EngineClient(engineWorker(seed));
}

/** A client whose worker starts from what `kv` holds, through a store of its own, as engine.worker.ts reads IndexedDB. */
export function storageClient(kv: KeyValueStore, seed = 1): EngineClient {
  const workerStore = new PlaygroundStore({ kv, clock: () => Date.now(), newId: () => `pg${++ids}` });
  return new EngineClient(engineWorker(seed, undefined, () => workerStore.latest()));
}

/** A fake BroadcastChannel bus: a message posted by one member reaches every other member. */
export function channelBus(): () => ChannelLike & { readonly heard: unknown[] } {
  const members: ((data: unknown) => void)[] = [];
  return () => {
    const heard: unknown[] = [];
    let listeners: ((event: { data: unknown }) => void)[] = [];
    const deliver = (data: unknown) => {
      heard.push(data);
      for (const l of listeners) l({ data: structuredClone(data) });
    };
    members.push(deliver);
    return {
      heard,
      postMessage: (data) => void queueMicrotask(() => members.filter((m) => m !== deliver).forEach((m) => m(data))),
      addEventListener: (_type, listener) => void (listeners = [...listeners, listener]),
    };
  };
}

export interface Tab {
  readonly playground: Playground;
  readonly library: PlaygroundLibrary;
  readonly undo: UndoHistory;
  readonly store: PlaygroundStore;
  /** What the library told the terminal. */
  readonly notes: string[];
}

let ids = 0;
/** One tab of the site, as boot.ts wires it, but without a page. */
export function openTab(kv: KeyValueStore = memoryStore(), channel: ChannelLike | null = null, clock = () => Date.now(), client?: EngineClient): Tab {
  const playground = new Playground(client ?? storageClient(kv));
  const store = new PlaygroundStore({ kv, clock, newId: () => `pg${++ids}` });
  const refreshViews = async () => void (await undo.refresh());
  const notes: string[] = [];
  const library = new PlaygroundLibrary({ store, playground, tutorialTitle: "Tutorial playground", refreshViews, channel, onOpened: (n) => notes.push(n) });
  const undo = new UndoHistory({ store, playground, library, refreshViews });
  undo.watch();
  return { playground, library, undo, store, notes };
}

/**
 * Starts a tab as boot.ts does without a link: the worker opens the last playground it reads from
 * storage, or a new tutorial one, which is then saved.
 */
export async function startTab(tab: Tab): Promise<void> {
  const record = await tab.playground.start("Tutorial playground");
  if (record) await tab.library.adoptStarted(record);
  else await tab.library.adoptNew();
  tab.library.watch();
}

export async function waitFor(check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("The condition did not hold in time.");
    await new Promise((r) => setTimeout(r, 10));
  }
}
