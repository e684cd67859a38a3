// app.db is replaced by a rename, which survives a power cut only if the new file's data reached
// the disk before the rename did, and the folder's entry after it. The file system calls are
// watched through node:fs, in the order they are made.
import * as fs from "node:fs";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, expect, test, vi } from "vitest";
import { durableRename } from "../../src/cli/durable-rename";

const calls: string[] = [];
const opened = new Map<number, string>();
/** An errno code fsync fails with for a path ending so, as some file systems do. */
let failing: { suffix: string; code: string } | null = null;

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return {
    ...real,
    openSync: (path: string, flags: string) => {
      const fd = real.openSync(path, flags);
      opened.set(fd, path);
      return fd;
    },
    fsyncSync: (fd: number) => {
      const path = opened.get(fd) ?? "";
      calls.push(`fsync ${path}`);
      if (failing && path.endsWith(failing.suffix)) throw Object.assign(new Error(`${failing.code}: fsync`), { code: failing.code });
      real.fsyncSync(fd);
    },
    renameSync: (from: string, to: string) => {
      calls.push(`rename ${from} -> ${to}`);
      real.renameSync(from, to);
    },
  };
});

beforeEach(() => {
  calls.length = 0;
  failing = null;
});

test("the new file is synced before the rename, and its folder after it", () => {
  const dir = mkdtempSync(join(tmpdir(), "retort-durable-"));
  const from = join(dir, ".app.db.1.tmp");
  const to = join(dir, "app.db");
  writeFileSync(to, "old");
  writeFileSync(from, "new");
  durableRename(from, to);
  expect(calls).toEqual([`fsync ${from}`, `rename ${from} -> ${to}`, `fsync ${dir}`]);
  expect(readFileSync(to, "utf8")).toBe("new");
  expect(fs.existsSync(from)).toBe(false);
});

test("a missing file fails before anything is renamed", () => {
  const dir = mkdtempSync(join(tmpdir(), "retort-durable-"));
  writeFileSync(join(dir, "app.db"), "old");
  expect(() => durableRename(join(dir, "gone.tmp"), join(dir, "app.db"))).toThrow(/ENOENT/);
  expect(calls).toEqual([]);
  expect(readFileSync(join(dir, "app.db"), "utf8")).toBe("old");
});

test("a file or folder the system cannot sync is forgiven; an I/O error is not", () => {
  const dir = mkdtempSync(join(tmpdir(), "retort-durable-"));
  const to = join(dir, "app.db");
  writeFileSync(join(dir, "a.tmp"), "new");
  failing = { suffix: dir.slice(-8), code: "EINVAL" };
  durableRename(join(dir, "a.tmp"), to);
  expect(readFileSync(to, "utf8")).toBe("new");
  writeFileSync(join(dir, "c.tmp"), "synced elsewhere");
  failing = { suffix: "c.tmp", code: "ENOTSUP" };
  durableRename(join(dir, "c.tmp"), to);
  expect(readFileSync(to, "utf8")).toBe("synced elsewhere");
  writeFileSync(join(dir, "b.tmp"), "newer");
  failing = { suffix: "b.tmp", code: "EIO" };
  expect(() => durableRename(join(dir, "b.tmp"), to)).toThrow(/EIO/);
  expect(readFileSync(to, "utf8")).toBe("synced elsewhere");
});
