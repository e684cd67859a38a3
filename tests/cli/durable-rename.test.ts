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
      calls.push(`fsync ${opened.get(fd)}`);
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
