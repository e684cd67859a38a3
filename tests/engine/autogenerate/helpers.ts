// Builders for the two sides of a comparison: the database side is real DDL in a real sql.js
// database, reflected; the models side is plain Schema values built with model.ts's factories.
import { openTestDatabase } from "../../binding";
import type { Database } from "../../../src/engine/db/database";
import { reflectSchema } from "../../../src/engine/reflect";
import { emptyTable, type Schema, type Table } from "../../../src/engine/schema/model";

export function table(name: string, parts: Partial<Omit<Table, "name">> = {}): Table {
  return { ...emptyTable(name), ...parts };
}

export const pk = (...columns: string[]) => ({ name: null, columns });

export const schema = (...tables: Table[]): Schema => ({ tables });

export async function databaseWith(ddl: string): Promise<{ db: Database; schema: Schema }> {
  const db = await openTestDatabase();
  if (ddl.trim() !== "") db.exec(ddl);
  return { db, schema: reflectSchema(db) };
}
