// The decision of vitest.config.ts: both binding projects when better-sqlite3 loads; without it,
// sql.js alone and one line that says what did not run and how to build it; under CI, a failure.
import { describe, expect, test } from "vitest";
import { chooseBindingProjects, probeNativeBinding } from "./native-binding";

const missing = { ok: false, reason: "better-sqlite3 does not load: Could not locate the bindings file." } as const;

describe("which binding projects npm test runs", () => {
  test("both, silently, when the native binding loads", () => {
    expect(chooseBindingProjects({ ok: true }, {})).toEqual({ projects: ["sqljs", "native"] });
    expect(chooseBindingProjects({ ok: true }, { CI: "true" })).toEqual({ projects: ["sqljs", "native"] });
  });

  test("sql.js alone without it, with one line naming what did not run, why, and how to build it", () => {
    const choice = chooseBindingProjects(missing, {});
    expect(choice.projects).toEqual(["sqljs"]);
    expect(choice.notice).toBe(
      'Native SQLite binding not built (better-sqlite3 does not load: Could not locate the bindings file.): the "native" test project did not run, only sql.js. ' +
        "Build it with `npm rebuild better-sqlite3` (node-gyp: a C/C++ compiler, make and python3) to run both.",
    );
    expect(choice.notice).not.toContain("\n");
    expect(chooseBindingProjects(missing, { CI: "false" }).projects).toEqual(["sqljs"]);
    expect(chooseBindingProjects(missing, { CI: "" }).projects).toEqual(["sqljs"]);
  });

  test("under CI a missing native binding fails the run instead of testing one binding", () => {
    expect(() => chooseBindingProjects(missing, { CI: "true" })).toThrow(/^CI=true, but the native SQLite binding does not load \(.*Could not locate.*\)\. CI runs the tests on both bindings: build it with `npm rebuild better-sqlite3`/);
    expect(() => chooseBindingProjects(missing, { CI: "1" })).toThrow(/CI=1/);
  });

  test("the probe loads the addon, and turns its failure into a one-line reason", () => {
    const notBuilt = () => {
      throw new Error("Could not locate the bindings file. Tried:\n → /x/build/better_sqlite3.node\n → /x/out/better_sqlite3.node");
    };
    expect(probeNativeBinding(notBuilt)).toEqual({ ok: false, reason: "better-sqlite3 does not load: Could not locate the bindings file." });
    const addonFails = (() =>
      class {
        constructor() {
          throw new Error("invalid ELF header");
        }
        close() {}
      }) as unknown as Parameters<typeof probeNativeBinding>[0];
    expect(probeNativeBinding(addonFails)).toEqual({ ok: false, reason: "better-sqlite3 does not load: invalid ELF header" });
    let closed = false;
    const works = (() =>
      class {
        close() {
          closed = true;
        }
      }) as unknown as Parameters<typeof probeNativeBinding>[0];
    expect(probeNativeBinding(works)).toEqual({ ok: true });
    expect(closed).toBe(true);
  });
});
