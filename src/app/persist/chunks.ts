// A database's bytes as several IndexedDB values. Chromium's IndexedDB refuses one value over
// about 133 MB ("size=134157096 bytes, max=133169152" on a 1M-row database, TECH-NOTES.md), so
// the store keeps a database as chunks well under that, under keys of its own:
// `chunk:<playground id>:<blob id>:<n>`. A blob id is new for every different database written,
// so chunks are never overwritten: a record points at a complete set, or at an older one.

import type { ChunkedDatabase, StoredDatabase } from "./saved-format";

/** 16 MiB: eight times under the limit, and few enough values for a 150 MB database (10). */
export const CHUNK_BYTES = 16 * 1024 * 1024;

export const chunkPrefix = (playgroundId: string) => `chunk:${playgroundId}:`;

/** The chunk records for `bytes`, and the reference to them that a record keeps. */
export function toChunks(bytes: Uint8Array, playgroundId: string, blobId: string, chunkBytes = CHUNK_BYTES): {
  readonly entries: readonly (readonly [string, Uint8Array])[];
  readonly stored: ChunkedDatabase;
} {
  const entries: [string, Uint8Array][] = [];
  for (let start = 0, n = 0; start < bytes.length || n === 0; start += chunkBytes, n++) {
    // slice, not subarray: a view would be stored with the whole buffer it looks into
    entries.push([`${chunkPrefix(playgroundId)}${blobId}:${n}`, bytes.slice(start, start + chunkBytes)]);
  }
  return { entries, stored: { chunks: entries.map(([key]) => key), size: bytes.length } };
}

/** The chunk keys a stored database refers to (none when its bytes are inline). */
export function chunkKeys(stored: StoredDatabase | null | undefined): readonly string[] {
  return stored && "chunks" in stored ? stored.chunks : [];
}

/** The bytes back from the chunks read for `stored`; null when one is missing or the wrong size. */
export function fromChunks(stored: ChunkedDatabase, values: readonly unknown[]): Uint8Array | null {
  const bytes = new Uint8Array(stored.size);
  let at = 0;
  for (const value of values) {
    if (!(value instanceof Uint8Array) || at + value.length > stored.size) return null;
    bytes.set(value, at);
    at += value.length;
  }
  return at === stored.size ? bytes : null;
}

/** True when both hold the same bytes (compared four at a time where the buffers allow it). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  let i = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = Math.floor(a.length / 4);
    const wa = new Int32Array(a.buffer, a.byteOffset, words);
    const wb = new Int32Array(b.buffer, b.byteOffset, words);
    for (let w = 0; w < words; w++) if (wa[w] !== wb[w]) return false;
    i = words * 4;
  }
  for (; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
