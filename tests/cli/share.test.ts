// `node bin/retort.js share | open | export | import` in temporary folders: a link or a zip made
// from a project folder writes a folder whose app.db dumps the same (read through sql.js), with the same files.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CACHE_FOLDER } from "../../src/cli/script-cache";
import { describe, expect, test } from "vitest";
import { tutorialModels } from "../engine/commands/helpers";
import { dumpFile, execFile } from "../sqlite-file";

const REPO = resolve(__dirname, "../..");
const BIN = join(REPO, "bin/retort.js");


function retort(cwd: string, argv: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: "utf8", env: { ...process.env, RETORT_URL: "", ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const temp = () => mkdtempSync(join(tmpdir(), "retort-share-"));
const dump = (dir: string) => dumpFile(join(dir, "app.db"));

/** Every file of a folder but app.db and the CLI's script cache (which is not the playground's), by relative path. */
function files(dir: string, rel = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, rel))) {
    const path = rel ? `${rel}/${name}` : name;
    if (path === "app.db" || name.endsWith(".zip") || name === CACHE_FOLDER) continue;
    if (statSync(join(dir, path)).isDirectory()) Object.assign(out, files(dir, path));
    else out[path] = readFileSync(join(dir, path), "utf8");
  }
  return out;
}

/** The seeds' tutorial in a folder: two revisions, upgraded, a handful of rows (with markup). */
async function tutorialFolder(): Promise<string> {
  const dir = temp();
  writeFileSync(join(dir, "models.ts"), tutorialModels());
  retort(dir, ["db", "init"]);
  retort(dir, ["db", "migrate", "-m", "initial migration"]);
  retort(dir, ["db", "upgrade"]);
  writeFileSync(join(dir, "models.ts"), tutorialModels({ email: true }));
  retort(dir, ["db", "migrate", "-m", "add email"]);
  retort(dir, ["db", "upgrade"]);
  const sql = "INSERT INTO roles VALUES (1, 'Admin'), (2, '<b>User</b>'); INSERT INTO users (id, username, email, role_id) VALUES (1, 'john', 'j@example.com', 1), (2, 'susan', NULL, 2);";
  await execFile(join(dir, "app.db"), sql);
  return dir;
}

describe("retort share and open", () => {
  test("share prints a link that open writes back as the same folder: files, database dump, current revision", async () => {
    const dir = await tutorialFolder();
    const shared = retort(dir, ["share"]);
    expect(shared.code).toBe(0);
    expect(shared.stderr).toBe("");
    const link = shared.stdout.trim();
    expect(link).toMatch(/^https:\/\/retort\.invalid\/#r1\.[A-Za-z0-9_-]+$/);
    expect(link.length).toBeLessThanOrEqual(2000);

    const target = join(temp(), "copy");
    const opened = retort(dir, ["open", link, target]);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(/^Opened ".*" in .*copy \(2 migration scripts, database at [0-9a-f]{12}\)\.\n$/);
    expect(await dump(target)).toEqual(await dump(dir));
    expect(files(target)).toEqual(files(dir));
    expect(retort(target, ["db", "current"]).stdout).toBe(retort(dir, ["db", "current"]).stdout);
  });

  test("the base URL comes from --base-url, else RETORT_URL; a bare fragment opens too", async () => {
    const dir = await tutorialFolder();
    const fromOption = retort(dir, ["share", "--base-url", "http://localhost:5173/retort/"]).stdout.trim();
    expect(fromOption).toMatch(/^http:\/\/localhost:5173\/retort\/#r1\./);
    const fromEnv = retort(dir, ["share"], { RETORT_URL: "https://example.org/play#old" }).stdout.trim();
    expect(fromEnv).toBe(`https://example.org/play${fromOption.slice(fromOption.indexOf("#"))}`);
    const target = join(temp(), "bare");
    expect(retort(dir, ["open", fromOption.slice(fromOption.indexOf("#") + 1), target]).code).toBe(0);
    expect(await dump(target)).toEqual(await dump(dir));
  });

  test("open refuses a non-empty folder and a damaged link, and writes nothing", async () => {
    const dir = await tutorialFolder();
    const link = retort(dir, ["share"]).stdout.trim();
    const busy = temp();
    writeFileSync(join(busy, "notes.txt"), "mine");
    const refused = retort(dir, ["open", link, busy]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty, and Retort never writes over a project/);
    expect(readdirSync(busy)).toEqual(["notes.txt"]);

    const target = join(temp(), "never");
    const damaged = retort(dir, ["open", link.slice(0, -30), target]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/^Error: This link is (cut short or )?damaged/);
    expect(existsSync(target)).toBe(false);
  });

  test("--help explains each command; a missing argument is a usage error", () => {
    const dir = temp();
    const help = retort(dir, ["share", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/RETORT_URL/);
    expect(help.stdout).toMatch(/retort\.invalid/);
    expect(retort(dir, ["open", "--help"]).stdout).toMatch(/^Usage: retort open LINK \[FOLDER\]/);
    expect(retort(dir, ["open"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/Missing argument 'LINK'/) });
    expect(retort(dir, ["share", "--bogus"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/No such option: --bogus/) });
  });
});

describe("retort export and import", () => {
  test("a zip of the folder imports as the same folder", async () => {
    const dir = await tutorialFolder();
    const zip = join(temp(), "play.zip");
    expect(retort(dir, ["export", zip])).toMatchObject({ code: 0, stdout: `Wrote ${zip}.\n` });
    const target = join(temp(), "imported");
    mkdirSync(target);
    expect(retort(dir, ["import", zip, target]).code).toBe(0);
    expect(await dump(target)).toEqual(await dump(dir));
    expect(files(target)).toEqual(files(dir));
  });

  test("import refuses a file that is not a playground", () => {
    const dir = temp();
    writeFileSync(join(dir, "bad.zip"), "not a zip");
    expect(retort(dir, ["import", "bad.zip", "out"])).toMatchObject({ code: 1, stderr: expect.stringMatching(/not a zip archive/) });
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});
