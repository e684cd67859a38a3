// The one-click fixes a warning offers, as data: autogenerate's analysis attaches them to its
// warnings, the site shows one button per fix, and computeFix turns one into text edits.

export type WarningFix =
  /** A likely rename: the generated drop + add become one alterColumn(…, { newColumnName }). */
  | { readonly kind: "rename-column"; readonly table: string; readonly from: string; readonly to: string }
  /** An unnamed constraint: a naming convention in models.ts names it, and every later one. */
  | { readonly kind: "naming-convention" }
  /** A new NOT NULL column on a table with rows: a server default gives the rows a value. */
  | { readonly kind: "server-default"; readonly table: string; readonly column: string }
  /** NOT NULL over rows without a value: an UPDATE fills them before NOT NULL applies. */
  | { readonly kind: "fill-in-data-step"; readonly table: string; readonly column: string; readonly adding: boolean }
  /** UNIQUE over duplicates: a query that lists them, for the SQL console. */
  | { readonly kind: "show-duplicates"; readonly table: string; readonly columns: readonly string[] }
  /**
   * A batch rebuild of `table`: the views that read it (they make the rebuild fail) are dropped
   * before its batch blocks, and they and its triggers (dropped with it) are created again after,
   * each from its own CREATE statement.
   */
  | { readonly kind: "keep-views-and-triggers"; readonly table: string; readonly views: readonly SchemaObjectSql[]; readonly triggers: readonly SchemaObjectSql[] };

/** A view or trigger, and the CREATE statement sqlite_master keeps for it. */
export interface SchemaObjectSql {
  readonly name: string;
  readonly sql: string;
}

export type WarningFixKind = WarningFix["kind"];

/** Where a fix edits: models.ts, the migration script, or nothing (it runs a query). */
export const FIX_TARGET = {
  "rename-column": "script",
  "naming-convention": "models",
  "server-default": "script",
  "fill-in-data-step": "script",
  "show-duplicates": "query",
  "keep-views-and-triggers": "script",
} as const satisfies { readonly [K in WarningFixKind]: "script" | "models" | "query" };

/** The words of each fix's button and quick fix: the site's accessible names rely on them. */
export const FIX_TITLES = {
  "rename-column": "Rename instead",
  "naming-convention": "Add a naming convention",
  "server-default": "Add a server default",
  "fill-in-data-step": "Fill it in a data step",
  "show-duplicates": "Show the duplicates",
  "keep-views-and-triggers": "Keep the views and triggers",
} as const satisfies { readonly [K in WarningFixKind]: string };
