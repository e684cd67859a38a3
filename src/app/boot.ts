// Starts the page's services: the engine worker, its client, the state classes the components
// render, the playground library (IndexedDB, autosave, other tabs) and the undo snapshots.
// Browser globals come in as parameters or are touched only here (STYLE.md), so the rest runs in
// Node tests.

import { DatabasePanel } from "./database-panel.svelte";
import { takeEarlyStart } from "./early-start";
import { EngineClient, EngineStopped } from "./engine-client";
import { EngineWatch } from "./engine-watch.svelte";
import { Fixes } from "./fixes.svelte";
import { Lessons } from "./lessons.svelte";
import { lessonOf, withLesson } from "./lesson-link";
import { findLesson } from "../lessons/index";
import { PlaygroundLibrary, type ChannelLike } from "./library.svelte";
import { idbStore, type KeyValueStore } from "./persist/kv-store";
import { PlaygroundStore } from "./persist/playground-store";
import { Playground } from "./playground.svelte";
import { pressButton } from "./press-button";
import { StepThrough } from "./step-through.svelte";
import { TerminalState } from "./terminal.svelte";
import { UndoHistory } from "./undo.svelte";

export interface AppServices {
  readonly playground: Playground;
  readonly terminal: TerminalState;
  readonly database: DatabasePanel;
  readonly library: PlaygroundLibrary;
  readonly undo: UndoHistory;
  readonly watch: EngineWatch;
  readonly stepThrough: StepThrough;
  readonly fixes: Fixes;
  readonly lessons: Lessons;
  /** The playground is open and its views are drawn (or the start failed: then it rejects). */
  readonly ready: Promise<void>;
}

export interface AppOptions {
  readonly title: string;
  readonly createWorker?: () => Worker;
  readonly storage?: KeyValueStore;
  readonly location?: Location;
  /** Tells other tabs of this site about saves (a BroadcastChannel in the browser). */
  readonly channel?: ChannelLike | null;
  /** navigator.storage.persist, when the browser has it. */
  readonly persist?: () => Promise<boolean>;
}

export function startApp(options: AppOptions): AppServices {
  // index.html's head started the worker and the IndexedDB connection (early-start.ts): the
  // first worker is that one; a worker stopped later is replaced by a new one made here.
  const early = options.createWorker || options.storage ? { worker: null, db: null } : takeEarlyStart();
  let earlyWorker = early.worker;
  const create = options.createWorker ?? (() => {
    const worker = earlyWorker ?? new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module", name: "retort-engine" });
    earlyWorker = null;
    return worker;
  });
  const client = new EngineClient(create);
  const playground = new Playground(client);
  const terminal = new TerminalState(playground);
  const database = new DatabasePanel(client, playground);
  const locks = globalThis.navigator?.locks;
  // Web Locks: the save-count check and the write happen as one step across this site's tabs.
  const lock = locks ? <T>(name: string, work: () => Promise<T>) => locks.request(name, work) as Promise<T> : undefined;
  const store = new PlaygroundStore({ kv: options.storage ?? idbStore(undefined, undefined, early.db), clock: Date.now, newId: () => crypto.randomUUID(), lock });
  const refreshViews = async () => void (await Promise.all([database.refresh(), undo.refresh()]));
  const channel = options.channel !== undefined ? options.channel : openChannel();
  // another playground may be a lesson's (or leave one): its step is read again
  const onOpened = (note: string) => {
    terminal.note(note);
    void lessons.check();
  };
  const library = new PlaygroundLibrary({ store, playground, tutorialTitle: options.title, refreshViews, channel, onOpened, painted });
  const undo = new UndoHistory({ store, playground, library, refreshViews });
  undo.watch();
  const stepThrough = new StepThrough({ client, playground, refreshViews });
  const watch = new EngineWatch({ client, playground, refreshViews, onRestarted: (why) => stepThrough.engineRestarted(why) });
  watch.watch();
  const lessons = new Lessons({
    client, playground, library, terminal,
    runSql: async (sql) => {
      database.tab = "sql";
      database.sql = sql;
      await database.runSql();
    },
    press: (name) => pressButton(document, name),
  });
  lessons.watch();
  const started = start(playground, library, options.title, options.location ?? globalThis.location);
  const ready = started.then(async (firstVisit) => {
    // a new visitor starts at the lessons' gallery; "Just the playground" closes it
    if (firstVisit) lessons.galleryOpen = true;
    await refreshViews();
    if (firstVisit) {
      // The first save exports the database through the worker: the views go first, so the page is
      // ready without waiting for it. Saving starts before watching, so no change is saved twice.
      void library.adoptNew();
      library.watch();
    }
    await lessons.check();
  });
  // Chunks left by a save that a crash cut short: deleted once the page is up, never before it.
  void ready.then(() => store.sweep()).catch(() => undefined);
  const storage = globalThis.navigator?.storage;
  void library.requestPersistence(options.persist ?? (storage?.persist ? () => storage.persist() : undefined));
  addEventListener("pagehide", () => void library.autosave.flush());
  const fixes = new Fixes(client, playground, database);
  return { playground, terminal, database, library, undo, watch, stepThrough, fixes, lessons, ready };
}

/** After the next frame is painted: the first rAF runs before it, a task queued there after it. */
function painted(): Promise<void> {
  if (typeof requestAnimationFrame !== "function") return Promise.resolve();
  return new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
}

function openChannel(): ChannelLike | null {
  return typeof BroadcastChannel === "function" ? new BroadcastChannel("retort-playgrounds") : null;
}

/**
 * A share link in the address opens as a new playground (saved as a new record: it never
 * overwrites one the user has), and leaves the address so that a reload restores it. Otherwise the
 * last playground is restored (the worker reads and opens it: EngineHost.start); one that cannot
 * be read back (storage refused, private mode) starts fresh rather than not at all. True for a
 * first visit (nothing saved, no link): that playground is opened here, and saved and watched by
 * the caller.
 */
async function start(playground: Playground, library: PlaygroundLibrary, title: string, location: Location | undefined): Promise<boolean> {
  const fragment = location?.hash ?? "";
  if (fragment.startsWith("#r")) {
    const lessonId = lessonOf(location!.search);
    history.replaceState(null, "", `${location!.pathname}${withLesson(location!.search, null)}`);
    if (await openShared(playground, fragment)) {
      // a lesson's link: the lesson opens at its first step, and its checks move it to where the state is
      if (lessonId !== null && findLesson(lessonId)) playground.lessonProgress = { id: lessonId, step: 0, done: [] };
      await library.adoptNew();
      library.watch();
      return false;
    }
  }
  // The worker reads the last playground from storage and opens it (or a new one, on a first
  // visit): the page's thread, busy starting Monaco, takes no part in it.
  const record = await playground.start(title);
  if (record) {
    await library.adoptStarted(record);
    library.watch();
    return false;
  }
  // a first visit: saved (and watched) by the caller once the views are drawn
  return true;
}

/** A link whose migrations were stopped (they never ended) is refused, with the reason shown. */
async function openShared(playground: Playground, fragment: string): Promise<boolean> {
  try {
    return await playground.openShared(fragment);
  } catch (error) {
    if (!(error instanceof EngineStopped)) throw error;
    playground.notice = `The link was not opened: ${error.message.replace(/^Stopped/, "stopped")}`;
    return false;
  }
}
