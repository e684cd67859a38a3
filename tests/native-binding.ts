// Whether `npm test` runs its "native" project (the CLI's better-sqlite3 binding) next to sql.js.
// better-sqlite3 is an optional dependency compiled at install time: on a machine without a
// C/C++ toolchain it is missing, and the tests then run on sql.js alone and say so in one line.
// CI (CI=true) builds it, so there a missing binding fails the run instead of halving it.
import { createRequire } from "node:module";

export type NativeProbe = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export type BindingProject = "sqljs" | "native";

export interface ProjectChoice {
  readonly projects: readonly BindingProject[];
  /** The one line that says what was not run and how to build it. */
  readonly notice?: string;
}

const BUILD_HINT = "`npm rebuild better-sqlite3` (node-gyp: a C/C++ compiler, make and python3)";

const isCi = (env: NodeJS.ProcessEnv): boolean => {
  const ci = (env["CI"] ?? "").toLowerCase();
  return ci !== "" && ci !== "0" && ci !== "false";
};

export function chooseBindingProjects(probe: NativeProbe, env: NodeJS.ProcessEnv): ProjectChoice {
  if (probe.ok) return { projects: ["sqljs", "native"] };
  if (isCi(env)) {
    throw new Error(`CI=${env["CI"]}, but the native SQLite binding does not load (${probe.reason}). CI runs the tests on both bindings: build it with ${BUILD_HINT}.`);
  }
  return {
    projects: ["sqljs"],
    notice: `Native SQLite binding not built (${probe.reason}): the "native" test project did not run, only sql.js. Build it with ${BUILD_HINT} to run both.`,
  };
}

type NativeConstructor = new (path: string) => { close(): void };

const requireNative = (): NativeConstructor => createRequire(import.meta.url)("better-sqlite3") as NativeConstructor;

/** Opens an in-memory better-sqlite3 database: the addon is only loaded (and can only fail) then. */
export function probeNativeBinding(load: () => NativeConstructor = requireNative): NativeProbe {
  try {
    const Native = load();
    new Native(":memory:").close();
    return { ok: true };
  } catch (e) {
    // better-sqlite3's "Could not locate the bindings file. Tried:" goes on with a list of paths
    const message = (e instanceof Error ? e.message : String(e)).split("\n")[0]!.replace(/\s*Tried:$/, "");
    return { ok: false, reason: `better-sqlite3 does not load: ${message.trim()}` };
  }
}
