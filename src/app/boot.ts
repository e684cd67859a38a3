// Starts the page's services: the engine worker, its client, and the state classes the
// components render. Browser globals come in as parameters (STYLE.md), so the wiring is plain.

import { DatabasePanel } from "./database-panel.svelte";
import { EngineClient } from "./engine-client";
import { Playground } from "./playground.svelte";
import { TerminalState } from "./terminal.svelte";

export interface AppServices {
  readonly playground: Playground;
  readonly terminal: TerminalState;
  readonly database: DatabasePanel;
  readonly ready: Promise<void>;
}

export function startApp(options: { title: string; createWorker?: () => Worker }): AppServices {
  const create = options.createWorker ??
    (() => new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module", name: "retort-engine" }));
  const client = new EngineClient(create());
  const playground = new Playground(client);
  const terminal = new TerminalState(playground);
  const database = new DatabasePanel(client, playground);
  const ready = playground.open(options.title).then(() => database.refresh());
  return { playground, terminal, database, ready };
}
