// A share link carries a playground in the URL fragment (SPEC §4): `#r<version>.<data>`, where
// data is the JSON payload, deflate-raw compressed and base64url encoded without padding.
// The fragment never reaches the static host. Decoding never throws and never executes anything:
// it returns a refusal that says which of damaged, truncated, too large, unknown version or
// invalid content the link is.

import { deflate, fromBase64Url, inflate, InflateLimitError, toBase64Url } from "./codec";

export const LINK_VERSION = 1;
const PREFIX = /^#?r(\d+)\.(.*)$/s;

/** A link longer than this is refused before any work (browsers accept ~2 MB URLs). */
export const MAX_LINK_CHARS = 1_000_000;
/** The JSON of a link may not inflate past this. */
export const MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

export type SharedValue = string | number | null | { readonly base64: string };

export interface SharedTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly SharedValue[])[];
}

export interface SharedPlayground {
  readonly title: string;
  readonly models: string;
  /** Migration scripts by file name (`<rev>_<slug>.ts`), as in migrations/versions/. */
  readonly scripts: Readonly<Record<string, string>>;
  /** The database's current revision(s): the alembic_version rows. Empty for an empty database. */
  readonly heads: readonly string[];
  /** The rows of every table but alembic_version, or null when they were left out. */
  readonly rows: Readonly<Record<string, SharedTable>> | null;
}

export type LinkRefusal = "damaged" | "truncated" | "too-large" | "unknown-version" | "invalid";

export type DecodeResult =
  | { readonly ok: true; readonly playground: SharedPlayground }
  | { readonly ok: false; readonly reason: LinkRefusal; readonly message: string };

export async function encodeShareFragment(playground: SharedPlayground): Promise<string> {
  const json = JSON.stringify({ v: LINK_VERSION, ...playground });
  return `#r${LINK_VERSION}.${toBase64Url(await deflate(new TextEncoder().encode(json)))}`;
}

const refuse = (reason: LinkRefusal, message: string): DecodeResult => ({ ok: false, reason, message });

export async function decodeShareFragment(fragment: string): Promise<DecodeResult> {
  if (fragment.length > MAX_LINK_CHARS) {
    return refuse("too-large", `This link is ${fragment.length.toLocaleString("en")} characters long; Retort opens links of at most ${MAX_LINK_CHARS.toLocaleString("en")}. Ask for the playground as a file instead.`);
  }
  const m = PREFIX.exec(fragment.trim());
  if (!m) return refuse("damaged", "This link does not hold a Retort playground: its fragment should start with '#r1.'. Copy the whole link again.");
  const version = Number(m[1]);
  if (version > LINK_VERSION || version < 1) {
    return refuse("unknown-version", `This link was made by a newer Retort (format ${version}; this one reads up to ${LINK_VERSION}). Reload the page to get the latest Retort.`);
  }
  const bytes = fromBase64Url(m[2]!);
  if (!bytes || bytes.length === 0) return refuse("damaged", "This link is damaged: its data has characters a share link never contains. Copy the whole link again.");
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(await inflate(bytes, MAX_PAYLOAD_BYTES));
  } catch (e) {
    if (e instanceof InflateLimitError) return refuse("too-large", `This link expands to more than ${MAX_PAYLOAD_BYTES / 1024 / 1024} MB; Retort refuses it.`);
    return refuse("truncated", "This link is cut short or damaged: its data does not decompress. Copy the whole link again (chat apps often cut long links).");
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return refuse("truncated", "This link is cut short or damaged: its contents are incomplete. Copy the whole link again.");
  }
  return checkPayload(upgradePayload(value, version));
}

/** Ordered upgrades from each older format to the next; format 1 is the first, so none yet. */
const LINK_UPGRADES: readonly ((payload: unknown) => unknown)[] = [];

function upgradePayload(value: unknown, version: number): unknown {
  let payload = value;
  for (let v = version; v < LINK_VERSION; v++) payload = LINK_UPGRADES[v - 1]!(payload);
  return payload;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
/** A script file name as `db migrate` writes it: no folders, no dots but the extension. */
export const SCRIPT_FILE_NAME = /^[A-Za-z0-9_-]{1,200}\.ts$/;

function checkPayload(value: unknown): DecodeResult {
  const invalid = (what: string) => refuse("invalid", `This link's playground is not valid: ${what}.`);
  if (!isRecord(value)) return invalid("it holds no playground");
  const { title, models, scripts, heads, rows } = value;
  if (!isString(title) || title.length > 200) return invalid("the title is missing or longer than 200 characters");
  if (!isString(models)) return invalid("models.ts is missing");
  if (!isRecord(scripts)) return invalid("the migration scripts are missing");
  for (const [name, source] of Object.entries(scripts)) {
    if (!SCRIPT_FILE_NAME.test(name)) return invalid(`the script name ${JSON.stringify(name.slice(0, 80))} is not a migration file name`);
    if (!isString(source)) return invalid(`the script ${name} has no text`);
  }
  if (!Array.isArray(heads) || !heads.every(isString)) return invalid("the current revision is not a list of revision ids");
  if (rows !== null && !isSharedRows(rows)) return invalid("the rows are not tables of values");
  return { ok: true, playground: { title, models, scripts: scripts as Record<string, string>, heads, rows: rows as SharedPlayground["rows"] } };
}

function isSharedRows(rows: unknown): boolean {
  if (!isRecord(rows)) return false;
  return Object.values(rows).every((table) => {
    if (!isRecord(table) || !Array.isArray(table.columns) || !table.columns.every(isString) || !Array.isArray(table.rows)) return false;
    const width = table.columns.length;
    return table.rows.every((row) => Array.isArray(row) && row.length === width && row.every(isSharedValue));
  });
}

function isSharedValue(v: unknown): boolean {
  if (v === null || typeof v === "string") return true;
  if (typeof v === "number") return Number.isFinite(v);
  return isRecord(v) && isString(v.base64) && Object.keys(v).length === 1;
}
