// The page's side of the engine worker: a small async client over a typed message union
// (protocol.ts), as the TypeScript Playground keeps its compiler behind one. The port is a Worker
// in the browser and a MessageChannel port in tests, so the same code runs in both.
//
// A request that runs the user's SQL may never end (a recursive query without a limit), and SQLite
// in wasm cannot be interrupted from the page. Such requests are sent guarded: a checkpoint of the
// playground goes right before them, with nothing in between. stop() then ends the worker, starts
// a fresh one, reopens the checkpoint there, and sends it every request that was waiting behind
// the stopped one: only the stopped request is lost, as with Ctrl-C on one command.

import type {
  CheckpointView, EngineRequest, ProgressView, RequestKind, RequestOf, ResponseOf, SnapshotView, WorkerInbound, WorkerOutbound, WorkspaceData,
} from "./protocol";

/** The part of Worker / MessagePort that the client and the server use. */
export interface PortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

/** A worker's port, and how to end it (Worker.terminate; MessagePort.close in tests). */
export interface EnginePort extends PortLike {
  terminate?(): void;
  close?(): void;
}

/** The rejection of the request that was running when the worker was stopped. */
export class EngineStopped extends Error {
  override name = "EngineStopped";
}

/** The request the worker is on, since when (performance.now()), and whether stop() can undo it. */
export interface Running {
  readonly request: EngineRequest;
  readonly since: number;
  /** A checkpoint from just before it is here: stopping it loses nothing else. */
  readonly recoverable: boolean;
}

interface Pending {
  readonly request: EngineRequest;
  sentAt: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress: ((p: ProgressView) => void) | undefined;
  /** For a guarded request: the playground just before it, once its checkpoint has answered. */
  checkpoint?: WorkspaceData;
}

export class EngineClient {
  #connect: () => EnginePort;
  #port: EnginePort;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #now: () => number;
  #lastAnswer = 0;
  /** The last checkpoint's playground: the next one may leave its unchanged database out. */
  #lastCheckpoint: WorkspaceData | null = null;

  /** `connect` starts a worker; it is called again for a fresh one by stop(). */
  constructor(connect: () => EnginePort, now: () => number = () => performance.now()) {
    this.#connect = connect;
    this.#now = now;
    this.#port = this.#open();
  }

  #open(): EnginePort {
    const port = this.#connect();
    port.addEventListener("message", (event) => {
      // a stopped worker's last words (posted before it ended) are not for the fresh one's requests
      if (port === this.#port) this.#receive(event.data as WorkerOutbound);
    });
    return port;
  }

  request<K extends RequestKind>(request: RequestOf<K>, onProgress?: (p: ProgressView) => void): Promise<ResponseOf[K]> {
    return this.#send(request, onProgress).answer;
  }

  /**
   * `request`, right behind a checkpoint of the playground: if it runs away, stop() puts the
   * playground back as the checkpoint found it. Both are posted in one step, so no other
   * request can run between them.
   */
  guarded<K extends RequestKind>(request: RequestOf<K>, onProgress?: (p: ProgressView) => void): Promise<ResponseOf[K]> {
    const checkpoint = this.#send({ kind: "checkpoint" });
    const sent = this.#send(request, onProgress);
    checkpoint.answer.then(
      (view) => (sent.entry.checkpoint = this.#merge(view)),
      () => {}, // the guarded request fails or is stopped on its own
    );
    return sent.answer;
  }

  #merge(view: CheckpointView): WorkspaceData {
    const database = view.database !== undefined ? view.database : (this.#lastCheckpoint?.database ?? null);
    this.#lastCheckpoint = { title: view.title, files: view.files, database };
    return this.#lastCheckpoint;
  }

  #send<K extends RequestKind>(request: RequestOf<K>, onProgress?: (p: ProgressView) => void): { answer: Promise<ResponseOf[K]>; entry: Pending } {
    const id = this.#nextId++;
    let entry!: Pending;
    const answer = new Promise<ResponseOf[K]>((resolve, reject) => {
      entry = { request, sentAt: this.#now(), resolve: resolve as (v: unknown) => void, reject, onProgress };
    });
    this.#pending.set(id, entry);
    this.#port.postMessage({ id, request } satisfies WorkerInbound, transferred(request));
    return { answer, entry };
  }

  /**
   * The request the worker is on: it answers in order, so it is the oldest one waiting. Its
   * clock starts when the one before it was answered (or when it was sent, if later).
   */
  running(): Running | null {
    const first = this.#pending.values().next();
    if (first.done) return null;
    const p = first.value;
    return { request: p.request, since: Math.max(p.sentAt, this.#lastAnswer), recoverable: p.checkpoint !== undefined };
  }

  /** Every request not answered yet, in the order the worker takes them (the running one first). */
  waiting(): EngineRequest[] {
    return [...this.#pending.values()].map((p) => p.request);
  }

  /**
   * Ends the worker at once, with the request it runs, which rejects with EngineStopped(reason).
   * A fresh worker first reopens the running request's checkpoint, as `reopen` makes it into an
   * `open` request (whose answer is returned), then gets every request that waited behind, in
   * order. Without a checkpoint (a link opening, before any playground), nothing is reopened.
   */
  stop(reason: string, reopen: (kept: WorkspaceData) => RequestOf<"open">): Promise<SnapshotView> | null {
    const [first, ...rest] = [...this.#pending];
    if (!first) return null;
    const [, running] = first;
    const old = this.#port;
    old.terminate?.();
    old.close?.();
    this.#pending.clear();
    this.#lastCheckpoint = null;
    try {
      this.#port = this.#open();
    } catch (error) {
      // no fresh worker: every request is refused, none is left waiting for ever
      for (const [, p] of [first, ...rest]) p.reject(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    this.#lastAnswer = this.#now();
    const reopened = running.checkpoint ? this.request(reopen(running.checkpoint)) : null;
    for (const [id, p] of rest) {
      p.sentAt = this.#now();
      this.#pending.set(id, p);
      this.#port.postMessage({ id, request: p.request } satisfies WorkerInbound);
    }
    running.reject(new EngineStopped(reason));
    return reopened;
  }

  #receive(message: WorkerOutbound): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if (message.type === "progress") {
      pending.onProgress?.(message.progress);
      return;
    }
    this.#pending.delete(message.id);
    this.#lastAnswer = this.#now();
    if (message.type === "result") pending.resolve(message.value);
    else pending.reject(new Error(message.message));
  }
}

/**
 * The buffers a request hands over to the worker rather than copies: a user's database file may
 * be 100 MB. The page keeps no use for them (a stopped worker cannot get them back, so such a
 * request is not replayed with its bytes: the file is chosen again).
 */
function transferred(request: EngineRequest): Transferable[] {
  if (request.kind !== "adopt") return [];
  return [request.bytes, request.wal].flatMap((b) => (b && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? [b.buffer] : []));
}

export type RequestHandler = (request: EngineRequest, progress: (p: ProgressView) => void) => Promise<unknown>;

/**
 * The worker's side: runs requests one at a time, in arrival order, because each one may change
 * the playground the next one reads. A handler that throws becomes a "failure" reply, never a
 * silent hang on the page.
 */
export function serveEngine(port: PortLike, handle: RequestHandler): void {
  let queue: Promise<void> = Promise.resolve();
  port.addEventListener("message", (event) => {
    const { id, request } = event.data as WorkerInbound;
    const report = (p: ProgressView) => port.postMessage({ id, type: "progress", progress: p } satisfies WorkerOutbound);
    queue = queue.then(async () => {
      try {
        const value = await handle(request, report);
        port.postMessage({ id, type: "result", value } satisfies WorkerOutbound);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        port.postMessage({ id, type: "failure", message } satisfies WorkerOutbound);
      }
    });
  });
}
