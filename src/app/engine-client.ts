// The page's side of the engine worker: a small async client over a typed message union
// (protocol.ts), as the TypeScript Playground keeps its compiler behind one. The port is a Worker
// in the browser and a MessageChannel port in tests, so the same code runs in both.

import type { EngineRequest, ProgressView, RequestKind, RequestOf, ResponseOf, WorkerInbound, WorkerOutbound } from "./protocol";

/** The part of Worker / MessagePort that the client and the server use. */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

/** A worker's port, and how to end it (Worker.terminate; MessagePort.close in tests). */
export interface EnginePort extends PortLike {
  terminate?(): void;
  close?(): void;
}

/** The rejection of every request that was still waiting when the worker was stopped. */
export class EngineStopped extends Error {
  override name = "EngineStopped";
}

/**
 * The answer, or undefined when the worker was stopped before giving it: for requests whose
 * answer only refreshes a view, which the reopened playground refreshes again.
 */
export async function ignoreStop<T>(answer: Promise<T>): Promise<T | undefined> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof EngineStopped) return undefined;
    throw error;
  }
}

/** The request the worker has been on longest, and since when (performance.now()). */
export interface Running {
  readonly request: EngineRequest;
  readonly since: number;
}

interface Pending {
  readonly request: EngineRequest;
  readonly sentAt: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress: ((p: ProgressView) => void) | undefined;
}

export class EngineClient {
  #connect: () => EnginePort;
  #port: EnginePort;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #now: () => number;
  #lastAnswer = 0;

  /** `connect` starts a worker; it is called again for a fresh one after stop(). */
  constructor(connect: () => EnginePort, now: () => number = () => performance.now()) {
    this.#connect = connect;
    this.#now = now;
    this.#port = this.#open();
  }

  #open(): EnginePort {
    const port = this.#connect();
    port.addEventListener("message", (event) => {
      // a stopped worker's last words (posted before it ended) belong to requests already rejected
      if (port === this.#port) this.#receive(event.data as WorkerOutbound);
    });
    return port;
  }

  request<K extends RequestKind>(request: RequestOf<K>, onProgress?: (p: ProgressView) => void): Promise<ResponseOf[K]> {
    const id = this.#nextId++;
    return new Promise<ResponseOf[K]>((resolve, reject) => {
      this.#pending.set(id, { request, sentAt: this.#now(), resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.#port.postMessage({ id, request } satisfies WorkerInbound);
    });
  }

  /**
   * The request the worker is on: it answers in order, so it is the oldest one waiting. Its
   * clock starts when the one before it was answered (or when it was sent, if later).
   */
  running(): Running | null {
    const first = this.#pending.values().next();
    if (first.done) return null;
    return { request: first.value.request, since: Math.max(first.value.sentAt, this.#lastAnswer) };
  }

  /** Every request not answered yet, in the order the worker takes them (the running one first). */
  waiting(): EngineRequest[] {
    return [...this.#pending.values()].map((p) => p.request);
  }

  /**
   * Ends the worker at once, whatever it runs (SQLite in wasm cannot be interrupted from outside,
   * so a runaway query only ends with its worker), rejects every waiting request with
   * EngineStopped, and starts a fresh worker, which has no playground open.
   */
  stop(reason: string): void {
    const old = this.#port;
    this.#port = this.#open();
    old.terminate?.();
    old.close?.();
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of waiting) p.reject(new EngineStopped(reason));
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
