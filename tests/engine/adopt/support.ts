// Adopts a database built from SQL, then runs `db` commands on the playground it makes.
import { openTestDatabase } from "../../binding";
import { adoptDatabase, runCommand, type AdoptResult, type Workspace } from "../../../src/engine/index";
import { FIXED_DATE, randomFor } from "../commands/helpers";

export async function fileFrom(sql: string): Promise<Uint8Array> {
  const db = await openTestDatabase();
  try {
    db.exec(sql);
    return db.export();
  } finally {
    db.close();
  }
}

export const adoptDeps = () => ({ openDatabase: openTestDatabase, random: randomFor("ba5e11ce0001"), clock: () => FIXED_DATE });

export async function adoptSql(sql: string, fileName = "shop.db"): Promise<AdoptResult> {
  return adoptDatabase({ bytes: await fileFrom(sql), fileName }, adoptDeps());
}

export async function adopted(sql: string): Promise<Workspace & { warnings: readonly string[] }> {
  const result = await adoptSql(sql);
  if (!result.ok) throw new Error(result.reason);
  return { ...result.workspace, warnings: result.warnings };
}

export async function db(ws: Workspace, ...argv: string[]) {
  const result = await runCommand(argv, ws, { openDatabase: openTestDatabase, random: randomFor("c0ffee000001"), clock: () => FIXED_DATE });
  return { ...result, text: result.lines.map((l) => l.text).join("\n") };
}
