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

export function startApp(options: { title: string; createWorker?: () => Worker; storage?: KeyValueStore; location?: Location }): AppServices {
  const create = options.createWorker ??
    (() => new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module", name: "retort-engine" }));
  const client = new EngineClient(create());
  const playground = new Playground(client);
  const terminal = new TerminalState(playground);
  const database = new DatabasePanel(client, playground);
  const store = new PlaygroundStore({ kv: options.storage ?? idbStore(), clock: Date.now, newId: () => crypto.randomUUID() });
  const autosave = new Autosave(store, () => playground.exportWorkspace(), (message) => (playground.saveError = message));
  const ready = start(playground, autosave, options.title, options.location ?? globalThis.location)
    .then(() => void database.refresh());
  addEventListener("pagehide", () => void autosave.flush());
  return { playground, terminal, database, ready };
}

/**
 * A share link in the address opens as a new playground (saved as a new record: it never
 * overwrites one the user has), and leaves the address so that a reload restores it. Otherwise the
 * last playground is restored; one that cannot be read back (storage refused, private mode)
 * starts fresh rather than not at all.
 */
async function start(playground: Playground, autosave: Autosave, title: string, location: Location | undefined): Promise<void> {
  const fragment = location?.hash ?? "";
  if (fragment.startsWith("#r")) {
    history.replaceState(null, "", `${location!.pathname}${location!.search}`);
    if (await playground.openShared(fragment)) {
      playground.onChange(() => autosave.changed());
      autosave.changed();
      return;
    }
  }
  const saved = await autosave.restore().catch(() => null);
  await playground.open(title, saved ?? undefined);
  playground.onChange(() => autosave.changed());
  if (!saved) autosave.changed();
}
