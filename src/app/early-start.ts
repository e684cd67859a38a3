// What the page starts before its own JavaScript has loaded: the engine worker and the IndexedDB
// connection. The build inlines startEarly into index.html's head (vite.config.ts), so both begin
// while the app's bundle is still being fetched and evaluated, not ~150 ms later when the app
// mounts. On a first visit, opening IndexedDB creates the browser's store for the site, which
// took 120-150 ms on an idle page and up to 800 ms behind the page's start-up work; the worker
// takes ~250 ms from creation to its first line (issue 13's cold load). boot.ts takes both over,
// and makes its own when they are missing (the dev server, a browser that refused them).

export interface EarlyStart {
  /** The engine worker, already loading; null when the page must create it. */
  readonly worker: Worker | null;
  /** The playground store's IndexedDB connection, already opening; null when the store opens its own. */
  readonly db: Promise<IDBDatabase> | null;
}

/** The site's IndexedDB database and object store: the head script opens the one the store uses. */
export const IDB_NAME = "retort";
export const IDB_STORE = "playgrounds";

/** The global the head script leaves for boot.ts. */
export const EARLY_START_GLOBAL = "__retortEarlyStart";

/**
 * The head script. It is inlined by its source text (Function.prototype.toString), so it may use
 * nothing from outside its own body: no imports, no module constants, and only its parameters.
 * Nothing here may throw: the app starts the same without it.
 */
export function startEarly(workerUrl: string | null, dbName: string, storeName: string, globalName: string): void {
  const early: { worker: Worker | null; db: Promise<IDBDatabase> | null } = { worker: null, db: null };
  try {
    if (workerUrl) early.worker = new Worker(workerUrl, { type: "module", name: "retort-engine" });
  } catch {
    early.worker = null;
  }
  try {
    const request = indexedDB.open(dbName);
    // as idb-keyval's createStore does: the store is made with the database
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    early.db = new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("IndexedDB did not open"));
    });
    // a refusal is for the store to handle when it asks; never an unhandled rejection here
    early.db.catch(() => undefined);
  } catch {
    early.db = null;
  }
  (globalThis as Record<string, unknown>)[globalName] = early;
}

/** What the head script started, taken once (a second call gets nothing: the worker has one owner). */
export function takeEarlyStart(scope: Record<string, unknown> = globalThis as Record<string, unknown>): EarlyStart {
  const early = scope[EARLY_START_GLOBAL] as EarlyStart | undefined;
  delete scope[EARLY_START_GLOBAL];
  return { worker: early?.worker ?? null, db: early?.db ?? null };
}

/** The inline script for index.html: startEarly with its arguments, as source text. */
export function earlyStartScript(workerUrl: string | null, dbName: string, storeName: string): string {
  const args = [workerUrl, dbName, storeName, EARLY_START_GLOBAL].map((a) => JSON.stringify(a)).join(", ");
  return `(${startEarly.toString()})(${args});`;
}
