// The engine worker: the engine and sql.js run here, off the page's thread, so typing never
// stutters. sql.js's wasm comes from a Vite `?url` import (TECH-NOTES.md).

import wasmUrl from "sql.js/dist/sql-wasm-browser.wasm?url";
import { configureSqlJs, openSqlJs } from "../engine/index";
import { bindEngine } from "./engine-binding";
import { serveEngine, type PortLike } from "./engine-client";
import { EngineHost } from "./engine-host";
import { idbStore } from "./persist/kv-store";
import { PlaygroundStore } from "./persist/playground-store";
import type { SavedPlayground } from "./persist/saved-format";

configureSqlJs({ locateFile: () => wasmUrl });
// Fetch and compile the wasm now, while the page is still starting, not at the first request.
void openSqlJs().then((db) => db.close(), () => {});
// The saved playground the page will most likely start with, read from IndexedDB now, beside
// sql.js's start-up, by the worker's own connection: the page's thread, busy with its own start
// (Monaco's evaluation holds it for ~350 ms), takes no part in it. A link opens instead of it.
const store = new PlaygroundStore({ kv: idbStore(), clock: Date.now, newId: () => crypto.randomUUID() });
let early: Promise<SavedPlayground | null> | null = store.latest().catch(() => null);
const latest = () => {
  const read = early ?? store.latest();
  early = null;
  return read;
};
serveEngine(self as unknown as PortLike, new EngineHost(bindEngine(), latest).handle);
