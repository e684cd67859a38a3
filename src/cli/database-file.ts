// app.db for the native binding. Loading a large app.db into memory, then writing the whole file
// back (a temporary file renamed over app.db), was most of the CLI's time on a 1M-row rebuild
// that SQLite itself does in a third of it. So SQLite works on disk instead: on a copy of app.db
// made by the kernel next to it, which SQLite changes page by page and which then replaces app.db
// by the same rename. app.db itself is never written to, so a crash or a failed command still
// leaves it exactly as it was.
//
// The engine keeps seeing bytes (Workspace.database): app.db's, read once, and the copy's,
// read back by export(). This module remembers which file holds which bytes, so that writing
// the copy's bytes is a rename, and opening app.db's bytes is a copy of app.db.

import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Database, OpenDatabase } from "../engine/index";
import { durableRename } from "./durable-rename";
import type { NativeBinding } from "./native/sqlite-native";

const holders = new WeakMap<Uint8Array, string>();

/** The bytes of a database file, remembered as that file's (null when it is missing or empty). */
export function readDatabaseFile(path: string): Uint8Array | null {
  if (!existsSync(path)) return null;
  const buffer = readFileSync(path);
  if (buffer.length === 0) return null;
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  holders.set(bytes, path);
  return bytes;
}

/** The file whose content `bytes` are, if this module read or wrote them. */
export const fileHolding = (bytes: Uint8Array): string | undefined => holders.get(bytes);

export interface FileBackedOpen {
  readonly open: OpenDatabase;
  /** Deletes the copies that were not renamed over their original (a command that changed nothing). */
  cleanUp(): void;
}

/**
 * Opens bytes read by readDatabaseFile as a copy of their file, worked on in place; any other
 * bytes (or none: a new database) in memory.
 */
export function fileBackedOpen(binding: NativeBinding): FileBackedOpen {
  const copies: string[] = [];
  const open: OpenDatabase = (bytes) => {
    const source = bytes && fileHolding(bytes);
    if (!source) return binding.open(bytes);
    removeStaleCopies(dirname(source), basename(source));
    const copy = join(dirname(source), `.${basename(source)}.${process.pid}.${copies.length}.tmp`);
    try {
      copyFileSync(source, copy);
    } catch {
      // a read-only folder, or no room for a copy: the bytes in memory serve commands that only
      // read, and a command that writes reports the folder's problem when app.db is written
      return binding.open(bytes);
    }
    copies.push(copy);
    const db: Database = binding.openFile(copy);
    return Promise.resolve({
      ...db,
      export() {
        const exported = db.export();
        holders.set(exported, copy);
        return exported;
      },
    });
  };
  return {
    open,
    cleanUp() {
      for (const copy of copies) removeCopy(copy);
    },
  };
}

/** Puts a copy made by fileBackedOpen in place of `path`; false when `bytes` are in no such copy. */
export function renameCopyOver(bytes: Uint8Array, path: string): boolean {
  const copy = fileHolding(bytes);
  if (!copy || copy === path) return false;
  durableRename(copy, path);
  holders.set(bytes, path);
  return true;
}

// A user's journal_mode (RETORT_SQLITE_PRAGMAS) may leave these next to a copy.
const SIDE_FILES = ["", "-journal", "-wal", "-shm"];

function removeCopy(copy: string): void {
  for (const suffix of SIDE_FILES) rmSync(`${copy}${suffix}`, { force: true });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Copies (and whole-file temporaries) left by a CLI run that was killed, Ctrl-C during a long
 * upgrade among them: a signal ends the process at once, before any clean-up. Each name carries
 * its process id, so a later run removes those whose process is gone.
 */
export function removeStaleCopies(folder: string, name: string): void {
  const pattern = new RegExp(`^\\.${escapeRegExp(name)}\\.(\\d+)(?:\\.\\d+)?\\.tmp(?:-journal|-wal|-shm)?$`);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(pattern.exec(entry)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    try {
      rmSync(join(folder, entry), { force: true });
    } catch {
      // a read-only folder: the leftover stays, and harms nothing
    }
  }
}
