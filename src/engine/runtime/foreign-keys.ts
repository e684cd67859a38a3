// PRAGMA foreign_keys around a revision (https://www.sqlite.org/pragma.html#pragma_foreign_keys:
// "This pragma is a no-op within a transaction"), and foreign_key_check to find orphans
// (https://www.sqlite.org/pragma.html#pragma_foreign_key_check: table, rowid, parent, fkid).

import type { Database } from "../db/database";

export function readForeignKeys(db: Database): boolean {
  return Number(db.query("PRAGMA foreign_keys").rows[0]?.[0] ?? 0) === 1;
}

export function setForeignKeys(db: Database, on: boolean): void {
  db.exec(`PRAGMA foreign_keys = ${on ? "ON" : "OFF"}`);
}

export interface Violation {
  readonly table: string;
  readonly rowid: number | null;
  readonly parent: string;
  readonly key: string;
}

export function foreignKeyViolations(db: Database): Violation[] {
  return db.query("PRAGMA foreign_key_check").rows.map((r) => {
    const table = String(r[0]);
    const rowid = r[1] === null ? null : Number(r[1]);
    const parent = String(r[2]);
    return { table, rowid, parent, key: JSON.stringify([table, rowid, parent, r[3]]) };
  });
}
