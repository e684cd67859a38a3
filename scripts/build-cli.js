// Bundles the Node CLI (src/cli) and the engine into one ES module, so that `node bin/retort.js`
// starts fast (no TypeScript at run time) from any folder, and builds the SQLite extension the
// CLI's native binding needs (src/cli/native/sqlite-dqs.c). Runs on `npm ci` through `prepare`.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

await build({
  entryPoints: [`${root}src/cli/main.ts`],
  outfile: `${root}dist-cli/retort.mjs`,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Runtime dependencies: sql.js finds its own wasm file next to its code, better-sqlite3 its addon.
  external: ["sql.js", "better-sqlite3"],
  banner: { js: "import { createRequire as __retortRequire } from 'node:module'; const require = __retortRequire(import.meta.url);" },
  logLevel: "warning",
});

// The extension compiles against the sqlite3ext.h that better-sqlite3 ships with its SQLite.
// Without better-sqlite3 (an optional dependency) or a C compiler the CLI runs on sql.js.
const headers = `${root}node_modules/better-sqlite3/deps/sqlite3`;
const extension = `${root}dist-cli/sqlite-dqs.so`;
rmSync(extension, { force: true });
if (!existsSync(`${headers}/sqlite3ext.h`)) {
  console.warn("better-sqlite3 is not installed: the CLI will use sql.js.");
} else {
  const args = ["-O2", "-shared", "-fPIC", "-I", headers, `${root}src/cli/native/sqlite-dqs.c`, "-o", extension];
  // the compiler node-gyp just built better-sqlite3 with is one of these (g++ reads C with -x c)
  const compilers = [...(process.env.CC ? [[process.env.CC]] : []), ["cc"], ["gcc"], ["clang"], ["g++", "-x", "c"]];
  const failures = [];
  for (const [cc, ...first] of compilers) {
    try {
      execFileSync(cc, [...first, ...args], { stdio: ["ignore", "ignore", "pipe"] });
      break;
    } catch (e) {
      failures.push(`${cc}: ${(e.stderr?.toString() || e.message).split("\n")[0]}`);
    }
  }
  if (!existsSync(extension)) console.warn(`Could not compile the SQLite extension (${failures.join("; ")}): the CLI will use sql.js.`);
}
