// What only the CREATE TABLE text knows: constraint names and CHECK expressions. SQLAlchemy 1.4
// finds them with regular expressions (sqlite/base.py get_pk_constraint, get_foreign_keys,
// get_unique_constraints, get_check_constraints); this reads the same clauses from tokens, so that
// quoted names ("order", "my ""quoted"" uq") are found as well.

import { closingParen, isKeyword, isName, isPunct, splitTopLevel, tokenize, type Token } from "./sql-tokens";

export interface ParsedUnique {
  readonly name: string | null;
  readonly columns: readonly string[];
}
export interface ParsedCheck {
  readonly name: string | null;
  readonly sqltext: string;
}
export interface ParsedForeignKey {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referredTable: string;
  /** Empty when the REFERENCES clause names no column. */
  readonly referredColumns: readonly string[];
}
export interface ParsedTable {
  readonly primaryKeyName: string | null;
  /** Table-level UNIQUE (…) first, then inline `col TYPE UNIQUE`, as SQLAlchemy lists them. */
  readonly uniques: readonly ParsedUnique[];
  /** In the order they appear in the text. */
  readonly checks: readonly ParsedCheck[];
  /** Table-level FOREIGN KEY clauses only: SQLAlchemy takes no names from inline REFERENCES. */
  readonly foreignKeys: readonly ParsedForeignKey[];
}

interface Cursor {
  readonly sql: string;
  readonly tokens: readonly Token[];
  i: number;
  readonly end: number;
}

const OTHER_COLUMN_CONSTRAINTS = new Set(["NOT", "NULL", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"]);

const CONSTRAINT_STARTS = new Set(["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]);

export function parseCreateTable(sql: string): ParsedTable {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => isPunct(t, "("));
  const result = { primaryKeyName: null as string | null, tableUniques: [] as ParsedUnique[], inlineUniques: [] as ParsedUnique[], checks: [] as ParsedCheck[], foreignKeys: [] as ParsedForeignKey[] };
  if (open < 0) return { primaryKeyName: null, uniques: [], checks: [], foreignKeys: [] };
  for (const [from, to] of splitTopLevel(tokens, open + 1, closingParen(tokens, open))) {
    const first = tokens[from];
    const cursor: Cursor = { sql, tokens, i: from, end: to };
    if (first?.kind === "word" && CONSTRAINT_STARTS.has(first.value.toUpperCase())) readTableConstraint(cursor, result);
    else readColumnConstraints(cursor, result);
  }
  return {
    primaryKeyName: result.primaryKeyName,
    uniques: [...result.tableUniques, ...result.inlineUniques],
    checks: result.checks,
    foreignKeys: result.foreignKeys,
  };
}

type Collect = { primaryKeyName: string | null; tableUniques: ParsedUnique[]; inlineUniques: ParsedUnique[]; checks: ParsedCheck[]; foreignKeys: ParsedForeignKey[] };

function readConstraintName(c: Cursor): string | null {
  if (!isKeyword(c.tokens[c.i], "CONSTRAINT")) return null;
  const name = c.tokens[c.i + 1];
  c.i += 2;
  return isName(name) ? name.value : null;
}

function readTableConstraint(c: Cursor, out: Collect): void {
  const name = readConstraintName(c);
  const kind = c.tokens[c.i]?.value.toUpperCase();
  if (kind === "PRIMARY") {
    out.primaryKeyName ??= name;
  } else if (kind === "UNIQUE") {
    c.i++;
    out.tableUniques.push({ name, columns: readColumnList(c) });
  } else if (kind === "CHECK") {
    c.i++;
    out.checks.push({ name, sqltext: readParenthesized(c) });
  } else if (kind === "FOREIGN") {
    c.i += 2; // FOREIGN KEY
    const columns = readColumnList(c);
    const ref = readReferences(c);
    if (ref) out.foreignKeys.push({ name, columns, ...ref });
  }
}

// A column definition: its name, its type, then column constraints in any order.
function readColumnConstraints(c: Cursor, out: Collect): void {
  const column = c.tokens[c.i];
  if (!isName(column)) return;
  let pendingName: string | null = null;
  for (c.i++; c.i < c.end; ) {
    const t = c.tokens[c.i];
    if (isKeyword(t, "CONSTRAINT")) {
      pendingName = readConstraintName(c);
    } else if (isKeyword(t, "PRIMARY")) {
      out.primaryKeyName ??= pendingName;
      pendingName = null;
      c.i++;
    } else if (isKeyword(t, "UNIQUE")) {
      out.inlineUniques.push({ name: null, columns: [column.value] });
      pendingName = null;
      c.i++;
    } else if (isKeyword(t, "CHECK")) {
      c.i++;
      out.checks.push({ name: pendingName, sqltext: readParenthesized(c) });
      pendingName = null;
    } else if (isPunct(t, "(")) {
      c.i = closingParen(c.tokens, c.i) + 1;
    } else {
      // another column constraint (NOT NULL, DEFAULT, COLLATE, REFERENCES …) takes the pending name
      if (t?.kind === "word" && OTHER_COLUMN_CONSTRAINTS.has(t.value.toUpperCase())) pendingName = null;
      c.i++;
    }
  }
}

/** `( a, "b" COLLATE x DESC )` -> ["a", "b"]: the first name of each element. */
function readColumnList(c: Cursor): string[] {
  if (!isPunct(c.tokens[c.i], "(")) return [];
  const close = closingParen(c.tokens, c.i);
  const names = splitTopLevel(c.tokens, c.i + 1, close)
    .map(([from]) => c.tokens[from])
    .filter(isName)
    .map((t) => t.value);
  c.i = close + 1;
  return names;
}

/** The source text between the parentheses at the cursor, trimmed. */
function readParenthesized(c: Cursor): string {
  if (!isPunct(c.tokens[c.i], "(")) return "";
  const close = closingParen(c.tokens, c.i);
  const open = c.tokens[c.i]!;
  const closeTok = c.tokens[close];
  c.i = close + 1;
  return c.sql.slice(open.end, closeTok ? closeTok.start : c.sql.length).trim();
}

function readReferences(c: Cursor): { referredTable: string; referredColumns: string[] } | null {
  if (!isKeyword(c.tokens[c.i], "REFERENCES")) return null;
  const table = c.tokens[c.i + 1];
  if (!isName(table)) return null;
  c.i += 2;
  return { referredTable: table.value, referredColumns: readColumnList(c) };
}
