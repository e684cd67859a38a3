// Exported files as a zip, by the zip writer the playground's own download uses (fflate).

import { strToU8, zipSync, type Zippable } from "fflate";

/**
 * The files by path, and each folder of `folders` as a folder entry of its own, so that one left
 * empty (migrations/versions/ before the first revision, which Alembic lists) is still unpacked.
 */
export function toFilesZip(files: Readonly<Record<string, string>>, folders: readonly string[] = []): Uint8Array {
  const entries: Zippable = {};
  for (const folder of folders) entries[`${folder.replace(/\/+$/, "")}/`] = new Uint8Array(0);
  for (const [path, text] of Object.entries(files)) entries[path] = strToU8(text);
  return zipSync(entries, { level: 6 });
}
