// Starts the page's services: the engine worker, its client, the state classes the components
// render, and the autosave to IndexedDB. Browser globals come in as parameters or are touched
// only here (STYLE.md), so the rest runs in Node tests.

import { Autosave } from "./autosave";
import { DatabasePanel } from "./database-panel.svelte";
import { EngineClient } from "./engine-client";
import { idbStore, type KeyValueStore } from "./persist/kv-store";
import { PlaygroundStore } from "./persist/playground-store";
import { Playground } from "./playground.svelte";
import { TerminalState } from "./terminal.svelte";

export interface AppServices {
  readonly playground: Playground;
  readonly terminal: TerminalState;
  readonly database: DatabasePanel;
  readonly ready: Promise<void>;
}

export function startApp(options: { title: string; createWorker?: () => Worker; storage?: KeyValueStore }): AppServices {
  const create = options.createWorker ??
    (() => new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module", name: "retort-engine" }));
  const client = new EngineClient(create());
  const playground = new Playground(client);
  const terminal = new TerminalState(playground);
  const database = new DatabasePanel(client, playground);
  const store = new PlaygroundStore({ kv: options.storage ?? idbStore(), clock: Date.now, newId: () => crypto.randomUUID() });
  const autosave = new Autosave(store, () => playground.exportWorkspace(), (message) => (playground.saveError = message));
  // A playground that cannot be read back (storage refused, private mode) starts fresh rather than not at all.
  const ready = autosave.restore().catch(() => null)
    .then(async (saved) => {
      await playground.open(options.title, saved ?? undefined);
      playground.onChange(() => autosave.changed());
      if (!saved) autosave.changed();
    })
    .then(() => void database.refresh());
  addEventListener("pagehide", () => void autosave.flush());
  return { playground, terminal, database, ready };
}
