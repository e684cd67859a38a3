// Bundles the Node CLI (src/cli) and the engine into one CommonJS script, so that `node bin/retort.js`
// starts fast (no TypeScript at run time) from any folder, with V8's code cache for it (made by a
// run of the main commands here), and builds the SQLite extension the CLI's native binding needs
// (src/cli/native/sqlite-dqs.c). Runs on `npm ci` through `prepare`.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

// Dependencies that not every command needs stay out of start-up: each is required from
// node_modules on its first use. Babel is the parser of last resort for models.ts (a hand-written
// one reads valid files) and the parser of migration scripts; bundled, it was half of the bundle,
// compiled and initialised at every start. sql.js is the fallback when the native binding is used.
// @lezer/python (and the @lezer runtime it brings, about 200 KB) serves `retort import-models` only.
const LAZY = {
  "@babel/parser": 'let babel;\nexport function parse(input, options) { babel ??= require("@babel/parser"); return babel.parse(input, options); }',
  "sql.js": 'export default function initSqlJs(config) { return require("sql.js")(config); }',
  // only `retort import-models` parses Python
  "@lezer/python": 'export const parser = { parse(input) { return require("@lezer/python").parser.parse(input); } };',
};
const lazyModules = {
  name: "lazy-modules",
  setup(b) {
    b.onResolve({ filter: /^(@babel\/parser|sql\.js|@lezer\/python)$/ }, (args) =>
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
function writeAtomically(path, contents) {
  writeFileSync(`${path}.${process.pid}.tmp`, contents);
  renameSync(`${path}.${process.pid}.tmp`, path);
}

// CommonJS rather than an ES module: bin/retort.js runs it as a classic script, the kind V8's code
// cache serves (see bin/load-bundle.cjs). import.meta.url, which the native binding uses to find
// its files, is the bundle's own URL.
const bundle = `${root}dist-cli/retort.cjs`;
const built = await build({
  define: { __RETORT_BUILD_ID__: JSON.stringify(BUILD_ID_PLACEHOLDER), "import.meta.url": "__retortBundleUrl" },
  entryPoints: [`${root}src/cli/main.ts`],
  plugins: [lazyModules],
  outfile: bundle,
  write: false,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // Runtime dependencies: sql.js finds its own wasm file next to its code, better-sqlite3 its addon.
  external: ["better-sqlite3"],
  banner: { js: 'const __retortBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
});
mkdirSync(dirname(bundle), { recursive: true });
const code = built.outputFiles[0].text;
const babel = readFileSync(`${root}node_modules/@babel/parser/package.json`, "utf8");
const buildId = createHash("sha256").update(code).update(babel).digest("hex").slice(0, 32);
// the old code cache is for the old bundle: V8 would reject it, but a cache never outlives its source
rmSync(`${bundle}.cache`, { force: true });
writeAtomically(bundle, code.replaceAll(BUILD_ID_PLACEHOLDER, buildId));
// for `import { main } from "dist-cli/retort.mjs"` (tests, scripts): the same bundle
writeAtomically(`${root}dist-cli/retort.mjs`, 'import { createRequire } from "node:module";\nexport const { main } = createRequire(import.meta.url)("./retort.cjs");\n');

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

// The code cache: the bundle's functions as V8 compiled them during a run of the main commands on a
// small project (output muted), so that every command starts from bytecode rather than source.
const TRAINING_MODELS = `import { SQLAlchemy } from "retort";

const db = new SQLAlchemy();

export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(64), { index: true, nullable: false });
}

export class Post extends db.Model {
  id = db.Column(db.Integer, { primaryKey: true });
  user_id = db.Column(db.Integer, db.ForeignKey("users.id"));
  body = db.Column(db.Text, { serverDefault: "" });
}
`;
const TRAINING = [["--help"], ["db", "init"], ["db", "migrate", "-m", "first"], ["db", "upgrade"], ["db", "current"], ["db", "history"], ["db", "heads"], ["db", "check"], ["db", "downgrade"]];

async function trainCodeCache() {
  const { loadBundle } = createRequire(import.meta.url)("../bin/load-bundle.cjs");
  const cli = loadBundle(bundle);
  const dir = mkdtempSync(join(tmpdir(), "retort-code-cache-"));
  const [out, err] = [process.stdout.write, process.stderr.write];
  try {
    writeFileSync(join(dir, "models.ts"), TRAINING_MODELS);
    process.stdout.write = process.stderr.write = () => true;
    for (const argv of TRAINING) await cli.exports.main(argv, dir);
  } finally {
    [process.stdout.write, process.stderr.write] = [out, err];
    rmSync(dir, { recursive: true, force: true });
  }
  if (!cli.saveCache({ force: true })) console.warn("Could not write the CLI's code cache: the CLI starts without it.");
}

try {
  await trainCodeCache();
} catch (e) {
  rmSync(`${bundle}.cache`, { force: true });
  console.warn(`The run that makes the CLI's code cache failed (${e instanceof Error ? e.message : String(e)}): the CLI starts without it.`);
}
