// Where added columns land in a batch rebuild: Alembic orders the new table's columns with
// SQLAlchemy's topological sort (alembic/operations/batch.py _adjust_self_columns_for_partial_reordering,
// sqlalchemy/util/topological.py sort_as_subsets). Reproduced step by step, because its result is
// visible: a column added and another dropped in the same block can land right after the first column.

export function orderColumns(keys: readonly string[], existingOrdering: readonly string[], addColOrdering: readonly (readonly [string, string])[]): string[] {
  if (addColOrdering.length === 0) return [...keys];
  const pairs: [string, string][] = [];
  // as Alembic: pairs of (column at i-1 of the current columns, existing column i)
  existingOrdering.forEach((name, i) => {
    if (i > 0) pairs.push([keys[i - 1]!, name]);
  });
  pairs.push(...addColOrdering.map(([a, b]) => [a, b] as [string, string]));
  const parents = new Map<string, Set<string>>();
  for (const [parent, child] of pairs) {
    if (parent === child) continue;
    parents.set(child, (parents.get(child) ?? new Set()).add(parent));
  }
  const out: string[] = [];
  let todo = [...keys];
  const todoSet = new Set(keys);
  while (todoSet.size > 0) {
    const layer = todo.filter((k) => ![...(parents.get(k) ?? [])].some((p) => todoSet.has(p)));
    // a cycle cannot come from these pairs; keep the rest in place rather than loop forever
    if (layer.length === 0) return [...out, ...todo];
    for (const k of layer) todoSet.delete(k);
    out.push(...layer);
    todo = todo.filter((k) => todoSet.has(k));
  }
  return out;
}
