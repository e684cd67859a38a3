// What a real SQLite file can hold that SPEC §1's model language cannot say: table options
// (WITHOUT ROWID, STRICT), AUTOINCREMENT, collations, generated columns, declared types that read
// back as another type, partial and expression indexes, views and triggers. Each becomes a comment
// in models.ts, next to the nearest form the model does declare, and one line of the warning list.

import { queryObjects, type Database, type SqlValue } from "../db/database";
import type { Schema } from "../schema/model";
import { toDdl } from "../schema/types";
import { isWritableForeignKey } from "./render-models";
import { readsTable } from "../schema/sql-text";

export interface Quirk {
  /** The table whose class gets the comment; null for views and triggers without one. */
  readonly table: string | null;
  /** The comment in models.ts: what the database has, and the form the model uses instead. */
  readonly comment: string;
  /** The same, as one self-contained line of the list shown to the user. */
  readonly warning: string;
}

const text = (v: SqlValue | undefined): string => (v === null || v === undefined ? "" : String(v));

interface MasterRow {
  readonly type: string;
  readonly name: string;
  readonly table: string;
  readonly sql: string;
}

function readMaster(db: Database): MasterRow[] {
  return queryObjects(db, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").map((r) => ({
    type: text(r.type),
    name: text(r.name),
    table: text(r.tbl_name),
    sql: text(r.sql),
  }));
}

/** The words after the closing parenthesis of CREATE TABLE (…): "WITHOUT ROWID", "STRICT". */
function tableOptions(sql: string): string[] {
  const tail = sql.slice(sql.lastIndexOf(")") + 1).toUpperCase();
  return [/\bWITHOUT\s+ROWID\b/.test(tail) && "WITHOUT ROWID", /\bSTRICT\b/.test(tail) && "STRICT"].filter((o): o is string => o !== false);
}

function tableQuirks(db: Database, row: MasterRow, schema: Schema): Quirk[] {
  const t = row.name;
  const out: Quirk[] = [];
  const add = (comment: string, warning: string) => out.push({ table: t, comment, warning: `Table '${t}': ${warning}` });
  for (const option of tableOptions(row.sql)) {
    add(`The database declares this table ${option}; the model language has no table options, so a table rebuilt from it is a plain table.`, `${option} is not expressible in models.ts; a batch rebuild of the table drops it.`);
  }
  if (/\bAUTOINCREMENT\b/i.test(row.sql)) {
    add("The database uses AUTOINCREMENT (ids are never reused); the model's integer primary key reuses the highest id after a delete when the table is rebuilt.", "AUTOINCREMENT is not expressible in models.ts; a batch rebuild of the table drops it.");
  }
  const collations = [...row.sql.matchAll(/\bCOLLATE\s+("(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|\w+)/gi)].map((m) => m[1]!);
  if (collations.length > 0) {
    const list = [...new Set(collations)].join(", ");
    add(`The database uses COLLATE ${list}; the model language has no collations, so a rebuilt table compares with BINARY.`, `COLLATE ${list} is not expressible in models.ts; a batch rebuild of the table drops it.`);
  }
  const table = schema.tables.find((x) => x.name === t);
  if (table && table.primaryKey === null) {
    add(
      "The database gives this table no primary key; SQLAlchemy's ORM needs one, so every column is declared part of it here. Retort does not compare primary keys, and a batch rebuild keeps the table as the database has it.",
      "no primary key: models.ts declares every column part of one (SQLAlchemy's ORM needs a key); the database keeps none, and a batch rebuild keeps none.",
    );
  }
  for (const fk of table?.foreignKeys.filter((k) => !isWritableForeignKey(k)) ?? []) {
    const target = `${fk.referredTable}(${fk.referredColumns.join(", ")})`;
    add(
      `Foreign key (${fk.columns.join(", ")}) -> ${target} is not declared: a "." in its target reads as schema.table.column in SQLAlchemy. It stays in the database.`,
      `foreign key (${fk.columns.join(", ")}) -> ${target} cannot be written in models.ts (a "." in the target's name), so \`db check\` and \`db migrate\` report it as removed; rename the table or column, or delete that line from each generated migration.`,
    );
  }
  for (const c of queryObjects(db, "SELECT name, type, hidden FROM pragma_table_xinfo(?)", [t])) {
    const name = text(c.name);
    const hidden = Number(c.hidden ?? 0);
    if (hidden === 2 || hidden === 3) {
      add(`Column '${name}' is GENERATED ALWAYS AS (…) ${hidden === 3 ? "STORED" : "VIRTUAL"} in the database; the model declares it as a plain column.`, `generated column '${name}' is declared as a plain column; a batch rebuild makes it an ordinary column holding its last values.`);
      continue;
    }
    const declared = text(c.type).trim();
    const column = table?.columns.find((x) => x.name === name);
    if (!column) continue;
    const read = toDdl(column.type);
    if (declared === "") {
      add(`Column '${name}' has no declared type in the database; the model declares it as ${read === "" ? "LargeBinary" : read}.`, `column '${name}' has no declared type; models.ts gives it the nearest one.`);
    } else if (normaliseType(declared) !== normaliseType(read)) {
      add(`Column '${name}' is declared ${declared} in the database, which SQLAlchemy reads as ${read}.`, `column '${name}' declared ${declared} is read as ${read}; a batch rebuild of the table writes ${read}.`);
    }
  }
  return out;
}

const normaliseType = (t: string) => t.toUpperCase().replace(/\s+/g, " ").replace(/\s*\(\s*/g, "(").replace(/\s*,\s*/g, ", ").replace(/\s*\)/g, ")");

function indexQuirk(db: Database, row: MasterRow): Quirk | null {
  if (row.sql === "") return null; // an automatic index of a UNIQUE or PRIMARY KEY clause
  const info = queryObjects(db, "SELECT name FROM pragma_index_info(?)", [row.name]);
  const where = /\bWHERE\b([\s\S]*)$/i.exec(row.sql)?.[1]?.trim();
  if (info.some((i) => i.name === null)) {
    return {
      table: row.table,
      comment: `Index '${row.name}' is on an expression (${row.sql}); the model language indexes columns only, so it is not declared. It stays in the database.`,
      warning: `Index '${row.name}' on '${row.table}' is on an expression: not expressible in models.ts (SQLAlchemy does not reflect it either); a batch rebuild of the table drops it.`,
    };
  }
  if (where !== undefined) {
    return {
      table: row.table,
      comment: `Index '${row.name}' is partial (WHERE ${where}) in the database; the model declares it on its columns without the WHERE.`,
      warning: `Index '${row.name}' on '${row.table}' is partial (WHERE ${where}): declared without its WHERE in models.ts; a batch rebuild of the table makes it a full index.`,
    };
  }
  return null;
}

function otherQuirk(row: MasterRow, tables: ReadonlySet<string>): Quirk | null {
  if (row.type === "trigger") {
    return {
      table: tables.has(row.table) ? row.table : null,
      comment: `Trigger '${row.name}' fires on this table. It stays in the database; a batch rebuild of the table ("move and copy") drops it, as Alembic's does. Re-create it with op.execute after such a migration.`,
      warning: `Trigger '${row.name}' on '${row.table}' is kept in the database, but a batch rebuild of '${row.table}' drops it: re-create it with op.execute in that migration.`,
    };
  }
  if (row.type === "view") {
    const reads = [...tables].filter((t) => readsTable(row.sql, t));
    const rebuild = reads.length === 0 ? "" : ` A batch rebuild ("move and copy") of ${reads.map((t) => `'${t}'`).join(", ")}, which it reads, fails in SQLite ("error in view ${row.name}") and is rolled back, as in Alembic: drop the view with op.execute before that batch block and create it again after.`;
    return {
      table: null,
      comment: `View '${row.name}' stays in the database; models.ts declares tables only.${rebuild}`,
      warning: `View '${row.name}' is kept in the database (models.ts declares tables only).${rebuild}`,
    };
  }
  return null;
}

/** Every quirk of the file, tables first in sqlite_master order, then views and triggers. */
export function findQuirks(db: Database, schema: Schema, excluded: ReadonlySet<string>): Quirk[] {
  const master = readMaster(db).filter((r) => !excluded.has(r.table));
  const tables = new Set(master.filter((r) => r.type === "table").map((r) => r.name));
  const out: Quirk[] = [];
  for (const row of master) {
    if (row.type === "table") out.push(...tableQuirks(db, row, schema));
    else if (row.type === "index") {
      const q = indexQuirk(db, row);
      if (q) out.push(q);
    }
  }
  for (const row of master) {
    const q = otherQuirk(row, tables);
    if (q) out.push(q);
  }
  return out;
}
