// The lines of a migration script that make one op, for highlighting the op a step-through runs.
// The script reader keeps no source positions on ops, so the op is found by its order: the n-th
// top-level `op.` call in upgrade() or downgrade() (a batchAlterTable block is one op, its
// `batchOp.` calls inside it), and it spans the lines up to the next op or the function's end.

export interface LineRange {
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
}

const OP_CALL = /^\s*op\.\w+\s*\(/;

export function opLines(source: string, direction: "upgrade" | "downgrade" | string, opIndex: number): LineRange | null {
  const lines = source.split("\n");
  const start = lines.findIndex((l) => new RegExp(`^\\s*export\\s+(async\\s+)?function\\s+${direction}\\s*\\(`).test(l));
  if (start < 0) return null;
  // the function ends at the first line that closes at column 0
  let end = lines.findIndex((l, i) => i > start && /^}/.test(l));
  if (end < 0) end = lines.length;
  const calls: number[] = [];
  for (let i = start + 1; i < end; i++) if (OP_CALL.test(lines[i]!)) calls.push(i);
  const at = calls[opIndex];
  if (at === undefined) return null;
  let last = (calls[opIndex + 1] ?? end) - 1;
  // not the blank lines and comments between this op and the next
  while (last > at && /^\s*(\/\/.*)?$/.test(lines[last]!)) last--;
  return { startLine: at + 1, endLine: last + 1 };
}
