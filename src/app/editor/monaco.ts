// Monaco, loaded lazily (its ~1 MB stays out of the app shell). Monaco 0.57 finds its workers
// through MonacoEnvironment.getWorker; Vite's `?worker` imports bundle them (TECH-NOTES.md).

import type * as MonacoApi from "monaco-editor/editor/editor.api";

export type Monaco = typeof MonacoApi;

let loading: Promise<Monaco> | undefined;

/** Loads Monaco once, with the TypeScript language and Retort's declarations for IntelliSense. */
export function loadMonaco(): Promise<Monaco> {
  loading ??= import("./monaco-setup").then((m) => m.setUpMonaco());
  return loading;
}

/**
 * Where a playground file lives inside Monaco ("file:///playground-3/models.ts"). Monaco keeps
 * one model, and so one undo history, per URI: the playground's documentKey in the path gives
 * each opened playground its own, where the bare path made every playground share them.
 */
export function filePath(document: number, path: string): string {
  return `/playground-${document}/${path}`;
}

/** The playground and file of a model's URI path, or null for a model that is not a playground file. */
export function fromFilePath(uriPath: string): { document: number; path: string } | null {
  const match = /^\/playground-(\d+)\/(.+)$/.exec(uriPath);
  return match ? { document: Number(match[1]), path: match[2]! } : null;
}

export function fileUri(monaco: Monaco, document: number, path: string): MonacoApi.Uri {
  return monaco.Uri.from({ scheme: "file", path: filePath(document, path) });
}
