// "Open a SQLite file…" and drag and drop (issue 12): the files the user chose, sorted into the
// database and, when given alongside, its -wal file. The bytes are read here and then handed to
// the worker (the file never leaves the browser). Plain functions over the File API's shape.

/** The part of a File (or a test's fake) this reads. */
export interface ChosenFile {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type ChosenDatabase =
  | { readonly ok: true; readonly name: string; readonly bytes: Uint8Array; readonly wal?: Uint8Array }
  | { readonly ok: false; readonly message: string };

const SIDE_FILE = /-(wal|shm|journal)$/i;

/** The database among the chosen files, and its -wal when it came with it; -shm and -journal are not needed. */
export async function readChosenDatabase(files: readonly ChosenFile[]): Promise<ChosenDatabase> {
  const main = files.filter((f) => !SIDE_FILE.test(f.name));
  if (main.length === 0) {
    if (files.length === 0) return { ok: false, message: "No file was chosen. Choose a .sqlite/.db file (and its -wal file, if it has one)." };
    return { ok: false, message: `Only ${files.map((f) => f.name).join(", ")} was chosen: choose the database file itself as well (the one without -wal), or both together.` };
  }
  if (main.length > 1) return { ok: false, message: `${main.length} databases were chosen (${main.map((f) => f.name).join(", ")}): open one at a time, with its -wal file if it has one.` };
  const db = main[0]!;
  const walFile = files.find((f) => f.name === `${db.name}-wal`);
  const bytes = new Uint8Array(await db.arrayBuffer());
  if (!walFile) return { ok: true, name: db.name, bytes };
  return { ok: true, name: db.name, bytes, wal: new Uint8Array(await walFile.arrayBuffer()) };
}
