// A playground as a zip file: the same folder the CLI works in (models.ts, migrations/versions/,
// app.db) plus a README, so that a download can be unpacked and used with `retort db …` at once,
// and imported back as a new playground. Reading refuses anything but those files: no absolute
// paths, no `..`, nothing larger than the limits.

import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

export interface ArchivedPlayground {
  readonly title: string;
  /** models.ts and migrations/versions/*.ts, by path. */
  readonly files: Readonly<Record<string, string>>;
  readonly database: Uint8Array | null;
}

export const DATABASE_FILE = "app.db";
const README_FILE = "README.md";
const TITLE_LINE = /^# (.+)$/m;
const ALLOWED_PATH = /^(models\.ts|migrations\/versions\/[A-Za-z0-9_-]{1,200}\.ts)$/;
const MAX_ENTRY_BYTES = 512 * 1024 * 1024;

function readme(title: string): string {
  return `# ${title}

A Retort playground: Flask-Migrate and Alembic, rebuilt in TypeScript on SQLite.

- \`models.ts\`: the model classes.
- \`migrations/versions/\`: the migration scripts, one per revision.
- \`app.db\`: the SQLite database (open it with \`sqlite3 app.db\`).

In this folder, run the same commands as in the playground's terminal:

    node <retort>/bin/retort.js db current
    node <retort>/bin/retort.js db history
    node <retort>/bin/retort.js db upgrade
`;
}

export function toZip(playground: ArchivedPlayground): Uint8Array {
  const entries: Zippable = { [README_FILE]: strToU8(readme(playground.title)) };
  for (const [path, text] of Object.entries(playground.files)) entries[path] = strToU8(text);
  // The database is stored rather than deflated again: SQLite pages compress well, but the
  // download should not wait on it for large databases.
  if (playground.database) entries[DATABASE_FILE] = [playground.database, { level: 0 }];
  return zipSync(entries, { level: 6, mtime: new Date("2026-01-01T00:00:00Z") });
}

export type ZipReadResult = { readonly ok: true; readonly playground: ArchivedPlayground } | { readonly ok: false; readonly message: string };

export function fromZip(bytes: Uint8Array, fallbackTitle: string): ZipReadResult {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.originalSize <= MAX_ENTRY_BYTES });
  } catch (e) {
    return { ok: false, message: `This file is not a zip archive Retort can read (${(e as Error).message}).` };
  }
  const files: Record<string, string> = {};
  let database: Uint8Array | null = null;
  let title = fallbackTitle;
  for (const [rawPath, data] of Object.entries(entries)) {
    // Archives made by hand often wrap everything in one folder: look inside it.
    const path = rawPath.replace(/^[^/]+\/(?=(models\.ts|app\.db|README\.md|migrations\/))/, "");
    if (path.endsWith("/") || /(^|\/)(\.|__MACOSX)/.test(path)) continue;
    if (path === DATABASE_FILE) database = data;
    else if (path === README_FILE) title = TITLE_LINE.exec(strFromU8(data))?.[1]?.trim() ?? title;
    else if (ALLOWED_PATH.test(path)) files[path] = strFromU8(data);
    else if (!path.startsWith("migrations/") || path.endsWith(".ts")) {
      return { ok: false, message: `The archive holds '${rawPath.slice(0, 120)}', which is not part of a playground (models.ts, migrations/versions/*.ts, app.db).` };
    }
  }
  if (!("models.ts" in files)) return { ok: false, message: "The archive has no models.ts at its top level." };
  return { ok: true, playground: { title, files, database } };
}
