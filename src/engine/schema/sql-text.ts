// Names inside SQL text that SQLite keeps (a view's SELECT, a trigger's body): SQLite records no
// dependencies between them, so what reads a table is found by its name in the text.

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether `sql` names the table, bare or quoted (a name inside a string literal counts too: a warning too many is harmless). */
export function readsTable(sql: string, table: string): boolean {
  const escaped = escapeRegExp(table);
  return new RegExp(`(^|[^\\w"\`\\]])(${escaped}|"${escaped.replace(/"/g, '""')}"|\`${escaped}\`|\\[${escaped}\\])($|[^\\w"\`\\[])`, "i").test(sql);
}
