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

/** The URI of a playground file inside Monaco ("file:///models.ts"). */
export function fileUri(monaco: Monaco, path: string): MonacoApi.Uri {
  return monaco.Uri.parse(`file:///${path}`);
}
