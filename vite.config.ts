import { defineConfig, type Plugin } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { earlyStartScript, IDB_NAME, IDB_STORE } from "./src/app/early-start";

/**
 * index.html's head starts the engine worker and the IndexedDB connection before the app's
 * bundle loads (src/app/early-start.ts). The worker's file name is known only once it is built,
 * so the script is written here; the dev server gets the IndexedDB half only.
 */
function earlyStart(): Plugin {
  return {
    name: "retort-early-start",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const files = Object.keys(ctx.bundle ?? {});
        const worker = files.find((file) => /(^|\/)engine\.worker-[\w-]+\.js$/.test(file));
        if (ctx.bundle && !worker) throw new Error("retort-early-start: the engine worker is not in the bundle; src/app/boot.ts must create it with new Worker(new URL(\"./engine.worker.ts\", import.meta.url)).");
        const tags = [`<script>${earlyStartScript(worker ? `./${worker}` : null, IDB_NAME, IDB_STORE)}</script>`];
        // Monaco's chunks, fetched and compiled while the app's own bundle runs (main.ts imports them
        // at once, but only once that bundle is evaluated): about 35 ms sooner to the editor, measured.
        for (const file of monacoChunks(ctx.bundle)) tags.push(`<link rel="modulepreload" crossorigin href="./${file}">`);
        // before the first module script and stylesheet: an inline script after a stylesheet waits for it
        const at = html.search(/<script type="module"|<link rel="stylesheet"/);
        if (at < 0) throw new Error("retort-early-start: index.html has no module script to put the early start before.");
        return html.slice(0, at) + tags.map((tag) => `${tag}\n    `).join("") + html.slice(at);
      },
    },
  };
}

/** The chunk that src/app/editor/monaco-setup.ts starts, and the chunks it imports (not the page's own entry). */
function monacoChunks(bundle: Record<string, { type: string; isEntry?: boolean; facadeModuleId?: string | null; imports?: string[] }> | undefined): string[] {
  if (!bundle) return [];
  const setup = Object.entries(bundle).find(([, chunk]) => chunk.type === "chunk" && /src[\\/]app[\\/]editor[\\/]monaco-setup\.ts$/.test(chunk.facadeModuleId ?? ""));
  if (!setup) throw new Error("retort-early-start: no chunk for src/app/editor/monaco-setup.ts in the bundle.");
  const [file, chunk] = setup;
  return [file, ...(chunk.imports ?? []).filter((f) => !bundle[f]?.isEntry)];
}

// `base: "./"` makes dist/ work from any path on any static host.
export default defineConfig({
  base: "./",
  plugins: [svelte(), earlyStart()],
  worker: {
    format: "es",
    // The worker never converts models.py, but @lezer's parser tables are built at module load,
    // which counts as a side effect: told it is none, the build leaves them out of the worker.
    rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !/node_modules[\\/]@lezer[\\/]/.test(id) } },
  },
  // No source maps in dist/: they would make the static site ~50 MB (Monaco) for no user benefit.
  build: {
    target: "es2022",
    sourcemap: false,
    // The schema diagram's diff is the one engine module the page itself runs: its own small
    // chunk, or the lazy diagram would fetch the whole engine facade chunk (~170 KB gz) with it.
    // Likewise the models.py converter and its Python parser, which only "Paste models.py…" loads.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "schema-diff", test: /src[\\/]engine[\\/]schema[\\/]diff\.ts$/ },
            { name: "python-models", test: /src[\\/]engine[\\/]python-models[\\/]|node_modules[\\/]@lezer[\\/]/ },
          ],
        },
      },
    },
  },
});
