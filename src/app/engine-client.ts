// The page's side of the engine worker: a small async client over a typed message union
// (protocol.ts), as the TypeScript Playground keeps its compiler behind one. The port is a Worker
// in the browser and a MessageChannel port in tests, so the same code runs in both.

import type { EngineRequest, ProgressView, RequestKind, RequestOf, ResponseOf, WorkerInbound, WorkerOutbound } from "./protocol";

/** The part of Worker / MessagePort that the client and the server use. */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress: ((p: ProgressView) => void) | undefined;
}

export class EngineClient {
  #port: PortLike;
  #nextId = 1;
  #pending = new Map<number, Pending>();

  constructor(port: PortLike) {
    this.#port = port;
    port.addEventListener("message", (event) => this.#receive(event.data as WorkerOutbound));
  }

  request<K extends RequestKind>(request: RequestOf<K>, onProgress?: (p: ProgressView) => void): Promise<ResponseOf[K]> {
    const id = this.#nextId++;
    return new Promise<ResponseOf[K]>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.#port.postMessage({ id, request } satisfies WorkerInbound);
    });
  }

  #receive(message: WorkerOutbound): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if (message.type === "progress") {
      pending.onProgress?.(message.progress);
      return;
    }
    this.#pending.delete(message.id);
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
