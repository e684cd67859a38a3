import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// `base: "./"` makes dist/ work from any path on any static host.
export default defineConfig({
  base: "./",
  plugins: [svelte()],
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
