// The engine worker: the engine and sql.js run here, off the page's thread, so typing never
// stutters. sql.js's wasm comes from a Vite `?url` import (TECH-NOTES.md).

import wasmUrl from "sql.js/dist/sql-wasm-browser.wasm?url";
import { configureSqlJs, openSqlJs } from "../engine/index";
import { bindEngine } from "./engine-binding";
import { serveEngine, type PortLike } from "./engine-client";
import { EngineHost } from "./engine-host";

configureSqlJs({ locateFile: () => wasmUrl });
// Fetch and compile the wasm now, while the page is still starting, not at the first request.
void openSqlJs().then((db) => db.close(), () => {});
serveEngine(self as unknown as PortLike, new EngineHost(bindEngine()).handle);
