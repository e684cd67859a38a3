// A table being built from a model class: its columns in SQLAlchemy's order and its constraints
// with their columns resolved from keys to columns, before names and foreign keys are settled.

import type { Node } from "@babel/types";
import type { Column } from "../schema/model";
import type { ConventionColumn } from "../schema/naming";
import type { ColumnDef, ForeignKeyDef, ModelClass, Named, TableArgDef } from "./ir";

export interface DraftConstraint {
  readonly node: Node;
  readonly name: string | null;
  readonly columns: readonly ConventionColumn[];
  /** How to name it, for messages: set for constraints that come from column flags. */
  readonly fix?: string;
}

export interface DraftIndex extends DraftConstraint {
  readonly unique: boolean;
}

export interface DraftForeignKey extends DraftConstraint {
  readonly def: ForeignKeyDef;
}

export interface TableDraft {
  readonly cls: ModelClass;
  readonly name: string;
  readonly nameNode: Node;
  /** Position among the tables, in class order: SQLAlchemy resolves references in that order. */
  readonly position: number;
  /** Every column by key, including those whose type could not be read (type null). */
  readonly byKey: ReadonlyMap<string, ColumnDef>;
  columns: Column[];
  primaryKey: DraftConstraint | null;
  uniques: DraftConstraint[];
  indexes: DraftIndex[];
  checks: { readonly node: Node; readonly name: string | null; readonly sqltext: string }[];
  foreignKeys: DraftForeignKey[];
  /** True when a column was read with errors: follow-up errors about the table are not reported. */
  readonly incomplete: boolean;
}

/** The first __tablename__ up the chain of abstract bases (Flask-SQLAlchemy's should_set_tablename), else the snake_case class name. */
export function tableNameOf(cls: ModelClass): Named {
  for (let c: ModelClass | null = cls; c; c = c.base) if (c.tablename) return c.tablename;
  return { value: camelToSnakeCase(cls.name), node: cls.node.id ?? cls.node };
}

/**
 * The class's columns with those of its abstract bases: a subclass's column replaces a base's of
 * the same attribute, and all are ordered by creation, as declarative's _produce_column_copies keeps
 * each copy's _creation_order (verified: inherited columns come first unless overridden later).
 */
export function columnsOf(cls: ModelClass): ColumnDef[] {
  const byAttr = new Map<string, ColumnDef>();
  for (let c: ModelClass | null = cls; c; c = c.base) {
    for (const col of c.columns) if (!byAttr.has(col.attr)) byAttr.set(col.attr, col);
  }
  return [...byAttr.values()].sort((a, b) => a.order - b.order);
}

/** Own __table_args__, else the nearest base's (an inherited class attribute, as in Python). */
export function tableArgsOf(cls: ModelClass): readonly TableArgDef[] {
  for (let c: ModelClass | null = cls; c; c = c.base) if (c.tableArgs) return c.tableArgs;
  return [];
}

// Default table names, as Flask-SQLAlchemy 3.0.3 derives them (flask_sqlalchemy/model.py).
/**
 * flask_sqlalchemy.model.camel_to_snake_case: an underscore before every capital that follows a
 * lower-case letter or digit, or that starts a capitalised word, then lower-cased with leading
 * underscores stripped. BlogPost -> blog_post, HTTPResponse -> http_response, User2 -> user2.
 */
export function camelToSnakeCase(name: string): string {
  return name
    .replace(/((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))/g, "_$1")
    .toLowerCase()
    .replace(/^_+/, "");
}
