// What a teammate plausibly adds while you work on your own migration: the columns and tables of
// the Flasky tutorial (seeds/2: last_seen, about_me, location, member_since on users,
// permissions on roles, a posts table written by users) and a few that fit any table.

/** Tables that hold people: the Flasky columns fit them. */
const PEOPLE = /(^|_)(users?|members?|accounts?|persons?|people|customers?|authors?|employees?)$/i;
const ROLES = /(^|_)roles?$/i;
const ANY = /./;

export interface ColumnIdea {
  readonly name: string;
  /** The type as models.ts writes it after `db.`. */
  readonly type: string;
  /** The tables it fits, by name. */
  readonly fits: RegExp;
}

export const COLUMN_IDEAS: readonly ColumnIdea[] = [
  { name: "last_seen", type: "DateTime", fits: PEOPLE },
  { name: "about_me", type: "Text", fits: PEOPLE },
  { name: "location", type: "String(64)", fits: PEOPLE },
  { name: "member_since", type: "DateTime", fits: PEOPLE },
  { name: "permissions", type: "Integer", fits: ROLES },
  { name: "description", type: "String(255)", fits: ANY },
  { name: "created_at", type: "DateTime", fits: ANY },
  { name: "notes", type: "Text", fits: ANY },
];

export interface TableIdea {
  readonly table: string;
  readonly className: string;
  /** Plain columns after the integer primary key `id`, as [name, type after `db.`]. */
  readonly columns: readonly (readonly [string, string])[];
  /** A column referring to the primary key of a table whose name fits, or null for a table on its own. */
  readonly reference: { readonly column: string; readonly fits: RegExp } | null;
}

export const TABLE_IDEAS: readonly TableIdea[] = [
  { table: "posts", className: "Post", columns: [["body", "Text"], ["timestamp", "DateTime"]], reference: { column: "author_id", fits: PEOPLE } },
  { table: "announcements", className: "Announcement", columns: [["title", "String(128)"], ["body", "Text"], ["created_at", "DateTime"]], reference: null },
  { table: "tags", className: "Tag", columns: [["name", "String(64)"]], reference: null },
];
