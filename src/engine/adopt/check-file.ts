// What a file must be before Retort reads it as the user's database: a SQLite 3 file
// (https://www.sqlite.org/fileformat2.html#the_database_header), whole, and with no committed
// changes waiting in a -wal file that was not given. Each refusal says what is wrong and what to do.

const MAGIC = "SQLite format 3\u0000";
const HEADER_SIZE = 100;
/** Offsets 18 and 19: the file format write/read versions; 2 means WAL mode. */
const WAL_VERSION = 2;

export type FileCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): FileCheck => ({ ok: false, reason });

function printableStart(bytes: Uint8Array): string {
  const shown = [...bytes.subarray(0, 16)].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
  const hex = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
  return `"${shown}" (${hex})`;
}

/**
 * The header checks that need no database engine. `fileName` is only for the messages. `wal` is the
 * -wal file when the user gave one: Retort's SQLite (sql.js, in memory) cannot replay a WAL, so an
 * empty one is accepted and one holding frames is refused with the way to fold it into the file.
 */
export function checkSqliteHeader(bytes: Uint8Array, fileName: string, wal?: Uint8Array): FileCheck {
  if (bytes.length === 0) return refuse(`${fileName} is empty (0 bytes): it holds no database. Choose the .sqlite/.db file that holds your tables.`);
  const magic = String.fromCharCode(...bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) {
    return refuse(`This file is not a SQLite database: its first bytes are ${printableStart(bytes)}, where a SQLite 3 file starts with "SQLite format 3". Choose a .sqlite/.db file (for a Flask app, the file named in SQLALCHEMY_DATABASE_URI).`);
  }
  if (bytes.length < HEADER_SIZE) return refuse(`${fileName} is damaged: it stops after ${bytes.length} bytes, inside the 100-byte SQLite header. Copy the file again from its source.`);
  if (wal !== undefined && wal.length > 0) {
    return refuse(
      `${fileName}-wal holds ${wal.length} bytes of changes not yet written into ${fileName}, and Retort cannot replay a WAL file. ` +
        "In SQLite, run `PRAGMA wal_checkpoint(TRUNCATE)` on the database (or close every connection to it), then open the .sqlite file alone.",
    );
  }
  if ((bytes[18] === WAL_VERSION || bytes[19] === WAL_VERSION) && wal === undefined) {
    return refuse(
      `${fileName}: this database is in WAL mode and its -wal file was not given, so recent changes may be missing. ` +
        "In SQLite, run `PRAGMA wal_checkpoint(TRUNCATE)` (or close every connection to it) and open the file again, or open both files together.",
    );
  }
  return { ok: true };
}

/** sql.js has no WAL: a file whose -wal is empty or checkpointed reads the same in rollback mode. */
export function withoutWalFlag(bytes: Uint8Array): Uint8Array {
  if (bytes.length < HEADER_SIZE || (bytes[18] !== WAL_VERSION && bytes[19] !== WAL_VERSION)) return bytes;
  const copy = bytes.slice();
  copy[18] = 1;
  copy[19] = 1;
  return copy;
}
