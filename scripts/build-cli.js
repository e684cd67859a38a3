// Bundles the Node CLI (src/cli) and the engine into one ES module, so that `node bin/retort.js`
// starts fast (no TypeScript at run time) from any folder. Runs on `npm ci` through `prepare`.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

await build({
  entryPoints: [`${root}src/cli/main.ts`],
  outfile: `${root}dist-cli/retort.mjs`,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // sql.js stays a runtime dependency: it finds its own wasm file next to its code.
  external: ["sql.js"],
  banner: { js: "import { createRequire as __retortRequire } from 'node:module'; const require = __retortRequire(import.meta.url);" },
  logLevel: "warning",
});
