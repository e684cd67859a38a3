// app.db for the native binding. Loading a large app.db into memory, then writing the whole file
// back (a temporary file renamed over app.db), was most of the CLI's time on a 1M-row rebuild
// that SQLite itself does in a third of it. So SQLite works on disk instead: on a copy of app.db
// made by the kernel next to it, which SQLite changes page by page and which then replaces app.db
// by the same rename. app.db itself is never written to, so a crash or a failed command still
// leaves it exactly as it was.
//
// The engine keeps seeing bytes (Workspace.database). This module remembers which file holds
// which bytes, so that writing the copy's bytes is a rename, and opening app.db's bytes is a copy
// of app.db. On that path the bytes' content is never used, and reading 46 MB twice (app.db
// before the command, the copy after it) was a tenth of a 1M-row upgrade: so a `db` command
// gets a reference instead (referToDatabaseFile, and the copy's export()), an empty stand-in
// read only when something needs the content (databaseBytes: sql.js, an in-memory fallback).

import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
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

// stand-ins for a file's content, not read yet
const unread = new WeakSet<Uint8Array>();

function reference(path: string): Uint8Array {
  const standIn = new Uint8Array(0);
  holders.set(standIn, path);
  unread.add(standIn);
  return standIn;
}

/**
 * A database file by reference, as readDatabaseFile without reading it: only fileBackedOpen and
 * renameCopyOver can tell what it holds; anything else must pass it through databaseBytes. The
 * file is opened once, so that an unreadable app.db fails here as readDatabaseFile does.
 */
export function referToDatabaseFile(path: string): Uint8Array | null {
  if (!existsSync(path)) return null;
  const stat = statSync(path);
  if (!stat.isFile()) return readDatabaseFile(path);
  if (stat.size === 0) return null;
  closeSync(openSync(path, "r"));
  return reference(path);
}

/** The content of `bytes`: a reference's file read now (as it is now), any other bytes as they are. */
export function databaseBytes(bytes: Uint8Array): Uint8Array {
  const path = unread.has(bytes) ? holders.get(bytes) : undefined;
  if (path === undefined) return bytes;
  const buffer = readFileSync(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

export interface FileBackedOpen {
  readonly open: OpenDatabase;
  /** Deletes the copies that were not renamed over their original (a command that changed nothing). */
  cleanUp(): void;
}

/**
 * Opens bytes read by readDatabaseFile (or referToDatabaseFile) as a copy of their file, worked on
 * in place; any other bytes (or none: a new database) in memory. The copy's export() is a
 * reference to the copy: the content is in that file, and renameCopyOver puts it in place.
 */
export function fileBackedOpen(binding: NativeBinding): FileBackedOpen {
  const copies: string[] = [];
  const open: OpenDatabase = (bytes) => {
    const source = bytes && fileHolding(bytes);
    if (!source) return binding.open(bytes && databaseBytes(bytes));
    removeStaleCopies(dirname(source), basename(source));
    const copy = join(dirname(source), `.${basename(source)}.${process.pid}.${copies.length}.tmp`);
    try {
      copyFileSync(source, copy);
    } catch {
      // a read-only folder, or no room for a copy: the bytes in memory serve commands that only
      // read, and a command that writes reports the folder's problem when app.db is written
      return binding.open(databaseBytes(bytes));
    }
    copies.push(copy);
    const db = binding.openFile(copy);
    const onFile: Database = {
      exec: db.exec,
      query: db.query,
      changes: db.changes,
      close: db.close,
      export() {
        db.flush();
        return reference(copy);
      },
    };
    return Promise.resolve(onFile);
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
