// Click's argument rules, as `flask db` applies them, and Retort's one improvement (`-2`).
import { describe, expect, test } from "vitest";
import { parseArgs, type CommandSpec } from "../../../src/engine/commands/args";

const SPEC: CommandSpec = {
  name: "upgrade",
  help: "Upgrade to a later version",
  shortHelp: "Upgrade to a later version",
  options: [
    { key: "directory", names: ["-d", "--directory"], help: "" },
    { key: "message", names: ["-m", "--message"], help: "" },
    { key: "sql", names: ["--sql"], flag: true, help: "" },
    { key: "verbose", names: ["-v", "--verbose"], flag: true, help: "" },
    { key: "indicate", names: ["-i"], flag: true, help: "" },
    { key: "dependsOn", names: ["--depends-on"], multiple: true, help: "" },
  ],
  argument: { key: "revision", metavar: "REVISION", default: "head" },
};

const ok = (argv: string[]) => {
  const r = parseArgs(SPEC, argv);
  if (!r.ok) throw new Error(r.error);
  return r.parsed;
};
const fails = (argv: string[]) => {
  const r = parseArgs(SPEC, argv);
  if (r.ok) throw new Error(`expected ${argv.join(" ")} to fail`);
  return r.error;
};

describe("parseArgs (Click's rules)", () => {
  test("option values: separate, attached, and after =", () => {
    expect(ok(["-m", "Added email"]).options["message"]).toBe("Added email");
    expect(ok(["-mAdded"]).options["message"]).toBe("Added");
    expect(ok(["--message=a=b"]).options["message"]).toBe("a=b");
  });

  test("options anywhere among arguments; the argument's default when absent", () => {
    const p = ok(["ae10", "--sql", "-d", "db/migrations"]);
    expect(p.args).toEqual(["ae10"]);
    expect(p.options).toEqual({ sql: true, directory: "db/migrations" });
    expect(ok([]).args).toEqual(["head"]);
  });

  test("combined short flags", () => {
    expect(ok(["-vi"]).options).toEqual({ verbose: true, indicate: true });
  });

  test("multiple options collect their values", () => {
    expect(ok(["--depends-on", "a", "--depends-on", "b"]).options["dependsOn"]).toEqual(["a", "b"]);
  });

  test("`--` ends the options, and a negative number is an argument without it", () => {
    expect(ok(["--", "-2"]).args).toEqual(["-2"]);
    expect(ok(["-2"]).args).toEqual(["-2"]);
    expect(ok(["--", "--sql"]).args).toEqual(["--sql"]);
  });

  test("--help wins over arguments", () => {
    expect(ok(["x", "--help"]).help).toBe(true);
  });

  test("Click's usage errors, word for word", () => {
    expect(fails(["--bogus"])).toBe("No such option: --bogus");
    expect(fails(["-q"])).toBe("No such option: -q");
    expect(fails(["-m"])).toBe("Option '-m' requires an argument.");
    expect(fails(["--sql=1"])).toBe("Option '--sql' does not take a value.");
    expect(fails(["a", "b"])).toBe("Got unexpected extra argument (b)");
    expect(fails(["a", "b", "c"])).toBe("Got unexpected extra arguments (b c)");
  });
});
