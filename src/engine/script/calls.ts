// The bodies of upgrade() and downgrade(): a list of `op.*(…)` calls, and `op.batchAlterTable`
// blocks whose callback holds `batchOp.*(…)` calls. Anything else is reported, never run.

import type { BlockStatement, CallExpression, Node, Statement } from "@babel/types";
import * as ops from "../ops/ops";
import type { MigrateOp } from "../ops/ops";
import { BATCH_TABLE, OP_SPECS } from "./op-calls";
import { calleeText, describeNode, didYouMean, memberCall, unwrap, type ScriptReader } from "./reader";
import { readString } from "./values";

interface Batch {
  readonly param: string;
  readonly table: string;
}

const isBatchable = (method: string) => OP_SPECS[method]?.tableIndex !== undefined || method === "dropIndex";
const TOP_METHODS = [...Object.keys(OP_SPECS), "batchAlterTable"];
const BATCH_METHODS = Object.keys(OP_SPECS).filter(isBatchable);

const STATEMENT_WORDS: Partial<Record<Statement["type"], string>> = {
  ForStatement: "a loop",
  ForOfStatement: "a loop",
  ForInStatement: "a loop",
  WhileStatement: "a loop",
  DoWhileStatement: "a loop",
  VariableDeclaration: "a variable declaration",
  IfStatement: "an if statement",
  FunctionDeclaration: "a function declaration",
  ReturnStatement: "a return statement",
  TryStatement: "a try statement",
};

/** The ops of a function body, in order; `where` names it in messages ("upgrade()"). */
export function readBody(r: ScriptReader, body: BlockStatement, where: string, batch: Batch | null = null): MigrateOp[] {
  const found: MigrateOp[] = [];
  for (const statement of body.body) {
    if (statement.type === "EmptyStatement") continue;
    if (statement.type !== "ExpressionStatement") {
      const what = STATEMENT_WORDS[statement.type] ?? `a ${statement.type}`;
      r.error(statement, `Only op.*(…) calls can appear in ${where}; found ${what}. Migration scripts are read without running them: write each operation out.`);
      continue;
    }
    const op = readCall(r, statement.expression, where, batch);
    if (op) found.push(op);
  }
  return found;
}

function readCall(r: ScriptReader, expr: Node, where: string, batch: Batch | null): MigrateOp | undefined {
  const call = memberCall(expr);
  const n = unwrap(expr);
  if (!call || n.type !== "CallExpression") {
    const uncalled = n.type === "MemberExpression" ? ` Call it: ${calleeText(n)}(…).` : "";
    return r.error(expr, `Only op.*(…) calls can appear in ${where}; found ${describeNode(expr)}.${uncalled}`);
  }
  const text = `${call.object}.${call.method}`;
  if (batch === null && call.object !== "op") {
    return r.error(call.objectNode, `Unknown object '${call.object}' in '${text}'. Operations are called on op, as op.${call.method}(…).`);
  }
  if (batch !== null && call.object !== batch.param) {
    if (call.object === "op" && (isBatchable(call.method) || call.method === "batchAlterTable")) {
      return r.error(call.objectNode, `Inside a batchAlterTable block, call ${batch.param}.${call.method}(…) (without the table name) rather than ${text}(…).`);
    }
    if (call.object !== "op") return r.error(call.objectNode, `Unknown object '${call.object}' in '${text}'. Inside this block, operations are called on ${batch.param}.`);
  }
  if (call.method === "batchAlterTable") {
    return batch === null ? readBatch(r, n) : r.error(n, "batchAlterTable blocks cannot be nested. Close this block before opening the next one.");
  }
  const spec = OP_SPECS[call.method];
  if (!spec || (batch !== null && call.object === batch.param && !isBatchable(call.method))) {
    return unknownOperation(r, call.methodNode, text, call.method, batch);
  }
  if (batch !== null && call.object === "op") {
    return r.error(n, `${text}(…) cannot run inside a batchAlterTable block. Move it before or after the block.`);
  }
  return readOpCall(r, n, call.method, batch);
}

function unknownOperation(r: ScriptReader, at: Node, text: string, method: string, batch: Batch | null): undefined {
  const candidates = batch === null ? TOP_METHODS : BATCH_METHODS;
  const hint = didYouMean(method, candidates);
  if (batch !== null && OP_SPECS[method]) {
    return r.error(at, `'${text}' is not available in a batchAlterTable block. Call op.${method}(…) before or after the block.`);
  }
  return r.error(at, `Unknown operation '${text}'.${hint || ` The operations are ${candidates.join(", ")}.`}`);
}

function plural(n: number): string {
  return `${n} argument${n === 1 ? "" : "s"}`;
}

function arityText([min, max]: readonly [number, number]): string {
  if (max === Infinity) return `at least ${plural(min)}`;
  return min === max ? plural(min) : `${min} to ${plural(max)}`;
}

function readOpCall(r: ScriptReader, call: CallExpression, method: string, batch: Batch | null): MigrateOp | undefined {
  const spec = OP_SPECS[method]!;
  const spread = call.arguments.find((a) => a.type === "SpreadElement");
  if (spread) return r.error(spread, `The arguments of ${method} are written out, not spread (...).`);
  const args: (Node | typeof BATCH_TABLE)[] = [...call.arguments];
  const inBatch = batch !== null && spec.tableIndex !== undefined;
  if (inBatch) args.splice(spec.tableIndex!, 0, BATCH_TABLE);
  const [min, max] = spec.arity;
  const given = call.arguments.length;
  if (args.length < min || args.length > max) {
    const shift = inBatch ? 1 : 0;
    const expected = arityText([Math.max(0, min - shift), max - shift]);
    const batchNote = batch !== null ? " (inside a batchAlterTable block, without the table name)" : "";
    return r.error(call, `${calleeText(call.callee)} takes ${expected}${batchNote}; found ${given}. Write it as ${spec.usage}.`);
  }
  return spec.read({ r, call, batchTable: batch?.table ?? null }, args);
}

/** `op.batchAlterTable("users", (batchOp) => { … })`: Alembic's ModifyTableOps. */
function readBatch(r: ScriptReader, call: CallExpression): MigrateOp | undefined {
  const usage = 'op.batchAlterTable("table", (batchOp) => { … })';
  const [tableNode, fnNode, ...extra] = call.arguments;
  if (!tableNode || !fnNode || extra.length > 0) return r.error(call, `op.batchAlterTable takes the table name and a callback: ${usage}.`);
  const table = readString(r, tableNode, "the table name");
  const fn = unwrap(fnNode);
  if (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression") {
    return r.error(fnNode, `The second argument of op.batchAlterTable is a callback: ${usage}; found ${describeNode(fnNode)}.`);
  }
  const param = fn.params[0];
  if (fn.params.length !== 1 || param?.type !== "Identifier" || fn.async || fn.generator) {
    return r.error(fn, `The callback of op.batchAlterTable takes one parameter, batchOp: ${usage}.`);
  }
  if (table === undefined) return undefined;
  const batch = { param: param.name, table };
  const inner = `the batchAlterTable block of '${table}'`;
  if (fn.body.type === "BlockStatement") return ops.modifyTable(table, readBody(r, fn.body, inner, batch));
  const op = readCall(r, fn.body, inner, batch);
  return op && ops.modifyTable(table, [op]);
}
