// Bundles the Node CLI (src/cli) and the engine into one ES module, so that `node bin/retort.js`
// starts fast (no TypeScript at run time) from any folder, and builds the SQLite extension the
// CLI's native binding needs (src/cli/native/sqlite-dqs.c). Runs on `npm ci` through `prepare`.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

// Dependencies that not every command needs stay out of start-up: each is required from
// node_modules on its first use. Babel is the parser of last resort for models.ts (a hand-written
// one reads valid files) and the parser of migration scripts; bundled, it was half of the bundle,
// compiled and initialised at every start. sql.js is the fallback when the native binding is used.
const LAZY = {
  "@babel/parser": 'let babel;\nexport function parse(input, options) { babel ??= require("@babel/parser"); return babel.parse(input, options); }',
  "sql.js": 'export default function initSqlJs(config) { return require("sql.js")(config); }',
};
const lazyModules = {
  name: "lazy-modules",
  setup(b) {
    b.onResolve({ filter: /^(@babel\/parser|sql\.js)$/ }, (args) =>
      args.namespace === "lazy" ? { path: args.path, external: true } : { path: args.path, namespace: "lazy" },
    );
    b.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => ({ contents: LAZY[args.path], loader: "js" }));
  },
};

// The script cache (src/cli/script-cache.ts) keeps parse results for the build that made them: its
// id is a hash of the bundle, with a placeholder where the id goes, and of the Babel it loads.
const BUILD_ID_PLACEHOLDER = "retort-build-id-placeholder";

// Each output is written to a temporary name and renamed, so that a CLI started meanwhile (a test
// run in another terminal) loads the old file or the new one, never half of one or none.
const bundle = `${root}dist-cli/retort.mjs`;
const built = await build({
  define: { __RETORT_BUILD_ID__: JSON.stringify(BUILD_ID_PLACEHOLDER) },
  entryPoints: [`${root}src/cli/main.ts`],
  plugins: [lazyModules],
  outfile: bundle,
  write: false,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Runtime dependencies: sql.js finds its own wasm file next to its code, better-sqlite3 its addon.
  external: ["better-sqlite3"],
  banner: { js: "import { createRequire as __retortRequire } from 'node:module'; const require = __retortRequire(import.meta.url);" },
  logLevel: "warning",
});
mkdirSync(dirname(bundle), { recursive: true });
const code = built.outputFiles[0].text;
const babel = readFileSync(`${root}node_modules/@babel/parser/package.json`, "utf8");
const buildId = createHash("sha256").update(code).update(babel).digest("hex").slice(0, 32);
writeFileSync(`${bundle}.${process.pid}.tmp`, code.replaceAll(BUILD_ID_PLACEHOLDER, buildId));
renameSync(`${bundle}.${process.pid}.tmp`, bundle);

// The extension compiles against the sqlite3ext.h that better-sqlite3 ships with its SQLite.
// Without better-sqlite3 (an optional dependency) or a C compiler the CLI runs on sql.js.
const headers = `${root}node_modules/better-sqlite3/deps/sqlite3`;
const extension = `${root}dist-cli/sqlite-dqs.so`;
const compiled = `${extension}.${process.pid}.tmp`;
if (!existsSync(`${headers}/sqlite3ext.h`)) {
  console.warn("better-sqlite3 is not installed: the CLI will use sql.js.");
} else {
  const args = ["-O2", "-shared", "-fPIC", "-I", headers, `${root}src/cli/native/sqlite-dqs.c`, "-o", compiled];
  // the compiler node-gyp just built better-sqlite3 with is one of these (g++ reads C with -x c)
  const compilers = [...(process.env.CC ? [process.env.CC.split(/\s+/).filter(Boolean)] : []), ["cc"], ["gcc"], ["clang"], ["g++", "-x", "c"]];
  const failures = [];
  for (const [cc, ...first] of compilers) {
    try {
      execFileSync(cc, [...first, ...args], { stdio: ["ignore", "ignore", "pipe"] });
      if (existsSync(compiled)) break;
    } catch (e) {
      failures.push(`${cc}: ${(e.stderr?.toString() || e.message).split("\n")[0]}`);
    }
  }
  if (existsSync(compiled)) renameSync(compiled, extension);
  else {
    rmSync(extension, { force: true });
    console.warn(`Could not compile the SQLite extension (${failures.join("; ")}): the CLI will use sql.js.`);
  }
}
