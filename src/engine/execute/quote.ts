// Identifier quoting exactly as SQLAlchemy 1.4's SQLite IdentifierPreparer decides it
// (sqlalchemy/sql/compiler.py `_requires_quotes`): a name is quoted only when it is a reserved
// word, starts with a digit or `$`, holds a character outside [A-Za-z0-9_$], or is not all
// lower case. So `users` stays bare, `"select"`, `"Upper"` and `"my col"` are quoted.

import { quoteId } from "../db/database";

// as sqlalchemy/dialects/sqlite/base.py SQLiteIdentifierPreparer.reserved_words
const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    "add after all alter analyze and as asc attach autoincrement before begin between by cascade case cast " +
    "check collate column commit conflict constraint create cross current_date current_time current_timestamp " +
    "database default deferrable deferred delete desc detach distinct drop each else end escape except exclusive " +
    "exists explain false fail for foreign from full glob group having if ignore immediate in index indexed " +
    "initially inner insert instead intersect into is isnull join key left like limit match natural not notnull " +
    "null of offset on or order outer plan pragma primary query raise references reindex rename replace restrict " +
    "right rollback row select set table temp temporary then to transaction trigger true union unique update " +
    "using vacuum values view virtual when where"
  ).split(" "),
);

const LEGAL_CHARACTERS = /^[A-Z0-9_$]+$/i;
const ILLEGAL_INITIAL = /^[0-9$]/;

export function requiresQuotes(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED_WORDS.has(lower) || ILLEGAL_INITIAL.test(name) || !LEGAL_CHARACTERS.test(name) || lower !== name;
}

/** A table, column, index or constraint name as SQLAlchemy prints it in DDL. */
export function ident(name: string): string {
  return requiresQuotes(name) ? quoteId(name) : name;
}
