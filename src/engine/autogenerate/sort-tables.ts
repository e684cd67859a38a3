// MetaData.sorted_tables of SQLAlchemy 1.4 (sql/schema.py, sql/ddl.py sort_tables_and_constraints,
// util/topological.py sort_as_subsets): tables sorted by name, then emitted in rounds, each round
// taking (in that order) every table whose referred tables are already out. When foreign keys form
// a cycle, the keys of the tables in the cycle are left out of the sort, as SQLAlchemy does.

import type { Table } from "../schema/model";

const byName = (a: Table, b: Table) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Parents first: the order of `create_table`s. */
export function sortTables(tables: readonly Table[]): Table[] {
  const ordered = [...tables].sort(byName);
  const known = new Set(ordered.map((t) => t.name));
  // child -> the tables it refers to (self references and unknown tables do not order anything)
  const parents = new Map<string, Set<string>>();
  for (const t of ordered) {
    parents.set(t.name, new Set(t.foreignKeys.map((fk) => fk.referredTable).filter((p) => p !== t.name && known.has(p))));
  }
  const result = sortInRounds(ordered, parents);
  if (result) return result;
  for (const name of tablesInCycles(parents)) parents.set(name, new Set());
  return sortInRounds(ordered, parents) ?? ordered;
}

function sortInRounds(ordered: readonly Table[], parents: ReadonlyMap<string, ReadonlySet<string>>): Table[] | null {
  // how many of its referred tables are still waiting, and who waits on each table
  const waiting = new Map(ordered.map((t) => [t.name, parents.get(t.name)?.size ?? 0]));
  const children = new Map<string, string[]>();
  for (const [child, ps] of parents) for (const p of ps) children.set(p, [...(children.get(p) ?? []), child]);
  const out: Table[] = [];
  let todo = [...ordered];
  while (todo.length > 0) {
    const round = todo.filter((t) => waiting.get(t.name) === 0);
    if (round.length === 0) return null;
    for (const t of round) for (const c of children.get(t.name) ?? []) waiting.set(c, waiting.get(c)! - 1);
    out.push(...round);
    const done = new Set(round);
    todo = todo.filter((t) => !done.has(t));
  }
  return out;
}

/** The tables that can reach themselves through foreign keys. */
function tablesInCycles(parents: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const reaches = (from: string, target: string): boolean => {
    const seen = new Set<string>();
    const stack = [...(parents.get(from) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === target) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(parents.get(next) ?? []));
    }
    return false;
  };
  return [...parents.keys()].filter((name) => reaches(name, name));
}
