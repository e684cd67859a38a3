// "Show the duplicates": the rows a UNIQUE constraint or index would refuse, with how many rows
// share each value, for the SQL console. NULLs never collide in SQLite's UNIQUE (analyze-sql.ts
// duplicateGroups counts the same way), so they are left out.

import { quoteId } from "../db/database";

export function duplicatesQuery(table: string, columns: readonly string[]): string {
  const cols = columns.map(quoteId);
  const join = cols.map((c) => `t.${c} = d.${c}`).join(" AND ");
  return [
    `SELECT d.copies, t.*`,
    `FROM ${quoteId(table)} AS t`,
    `JOIN (SELECT ${cols.join(", ")}, count(*) AS copies FROM ${quoteId(table)}`,
    `      WHERE ${cols.map((c) => `${c} IS NOT NULL`).join(" AND ")}`,
    `      GROUP BY ${cols.join(", ")} HAVING count(*) > 1) AS d`,
    `  ON ${join}`,
    `ORDER BY ${cols.map((c) => `t.${c}`).join(", ")};`,
  ].join("\n");
}
