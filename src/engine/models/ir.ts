// What the reader takes out of each class, before tables are built: still tied to the nodes the
// user typed, so that the builder can place its diagnostics.

import type { ClassDeclaration, Node } from "@babel/types";
import type { ReferentialAction } from "../schema/model";
import type { SqlType } from "../schema/types";

export interface Named {
  readonly value: string;
  readonly node: Node;
}

export interface ForeignKeyDef {
  readonly node: Node;
  readonly name: string | null;
  /** Local column keys; for a column-level db.ForeignKey, filled in by the table builder. */
  readonly columns: readonly Named[];
  /** "table.column" strings, the column part a column key (as SQLAlchemy resolves it). */
  readonly targets: readonly Named[];
  readonly onDelete: ReferentialAction | null;
  readonly onUpdate: ReferentialAction | null;
}

export interface ColumnDef {
  /** The class attribute. */
  readonly attr: string;
  /**
   * SQLAlchemy's column key: the attribute name, unless db.Column is given a name, which then is
   * the key too (declarative's _undefer_column_name only fills a missing key; verified on 1.4.46).
   * Constraints and foreign keys refer to columns by it, and %(column_0_key)s prints it.
   */
  readonly key: string;
  readonly name: string;
  /** null when the type could not be read (already reported): the column is left out of the table. */
  readonly type: SqlType | null;
  readonly primaryKey: boolean;
  /** null when the model does not say. */
  readonly nullable: boolean | null;
  readonly unique: boolean;
  readonly index: boolean;
  readonly serverDefault: string | null;
  /** True when the default was written `db.text("…")` (Column.serverDefaultIsSql). */
  readonly serverDefaultIsSql: boolean;
  readonly autoincrement: boolean | "auto";
  readonly comment: string | null;
  /** The `default` option as a short text for messages (client-side: no schema effect), or null. */
  readonly clientDefault: string | null;
  readonly foreignKeys: readonly ForeignKeyDef[];
  /** True when reading it reported an error (e.g. a misspelt primaryKey): follow-up errors are not reported. */
  readonly flawed: boolean;
  readonly node: Node;
  /** Source offset: SQLAlchemy orders a table's columns by creation, which is source order here. */
  readonly order: number;
}

export type TableArgDef =
  | { readonly kind: "unique"; readonly node: Node; readonly name: string | null; readonly columns: readonly Named[] }
  | {
      readonly kind: "index";
      readonly node: Node;
      readonly name: string | null;
      readonly columns: readonly Named[];
      readonly unique: boolean;
    }
  | { readonly kind: "check"; readonly node: Node; readonly name: string | null; readonly sqltext: string }
  | { readonly kind: "foreign_key"; readonly node: Node; readonly fk: ForeignKeyDef }
  | { readonly kind: "primary_key"; readonly node: Node; readonly name: string | null; readonly columns: readonly Named[] };

export interface ModelClass {
  readonly name: string;
  readonly node: ClassDeclaration;
  readonly abstract: boolean;
  /** The abstract model class it extends, or null for db.Model. */
  readonly base: ModelClass | null;
  readonly tablename: Named | null;
  /** null when the class does not set __table_args__ (it then inherits its base's). */
  readonly tableArgs: readonly TableArgDef[] | null;
  readonly columns: readonly ColumnDef[];
  /** The class names db.relationship("X") refers to: no schema effect, but checked. */
  readonly relationships: readonly Named[];
}
