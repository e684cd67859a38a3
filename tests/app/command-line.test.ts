import { describe, expect, test } from "vitest";
import { complete, parseCommandLine, splitWords } from "../../src/app/command-line";

describe("splitWords", () => {
  test("splits on spaces and keeps quoted words whole, as a shell does", () => {
    expect(splitWords(`flask db migrate -m "Added email field"`)).toEqual({ ok: true, words: ["flask", "db", "migrate", "-m", "Added email field"] });
    expect(splitWords(`a 'b "c"' d\\ e "x\\"y"`)).toEqual({ ok: true, words: ["a", 'b "c"', "d e", 'x"y'] });
    expect(splitWords(`-m ""`)).toEqual({ ok: true, words: ["-m", ""] });
  });

  test("refuses an unterminated quote with a message that says how to fix it", () => {
    const result = splitWords(`flask db migrate -m "oops`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Unterminated " quote in .*close the quote/);
  });
});

describe("parseCommandLine", () => {
  test("accepts flask db and retort db, and returns what follows db", () => {
    expect(parseCommandLine("flask db upgrade")).toEqual({ kind: "db", argv: ["upgrade"] });
    expect(parseCommandLine("  retort db downgrade -- -2 ")).toEqual({ kind: "db", argv: ["downgrade", "--", "-2"] });
    expect(parseCommandLine("flask db")).toEqual({ kind: "db", argv: [] });
  });

  test("knows clear and empty lines, and refuses anything else without running it", () => {
    expect(parseCommandLine("clear")).toEqual({ kind: "clear" });
    expect(parseCommandLine("   ")).toEqual({ kind: "empty" });
    const rm = parseCommandLine("rm -rf /");
    expect(rm.kind === "error" && rm.message).toMatch(/^Unknown command 'rm'\. Type `flask db <command>`/);
    const run = parseCommandLine("flask run");
    expect(run.kind === "error" && run.message).toMatch(/^'flask run' is not a command here/);
  });
});

describe("complete", () => {
  test("completes the program, db, commands, options and revisions", () => {
    expect(complete("fl")).toEqual(["flask"]);
    expect(complete("flask ")).toEqual(["flask db"]);
    expect(complete("flask db up")).toEqual(["flask db upgrade"]);
    expect(complete("flask db h")).toEqual(["flask db history", "flask db heads"]);
    expect(complete("flask db history --ver")).toEqual(["flask db history --verbose"]);
    expect(complete("flask db upgrade 9f", ["9f3a45b61f3d", "33aeb0bd3217"])).toEqual(["flask db upgrade 9f3a45b61f3d"]);
  });

  test("offers nothing after an unknown program", () => {
    expect(complete("ls ")).toEqual([]);
  });
});
