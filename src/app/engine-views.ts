// Engine values -> the plain views of protocol.ts: tables with their badges, the revision
// history with heads and current marked. Runs in the worker, next to the engine.

import type { EngineDiagnostic, EngineFacade, EngineTable, ScriptHeader } from "./engine-facade";
import { orderNewestFirst } from "./graph-layout";
import type { DiagnosticView, HistoryView, RevisionView, TableView } from "./protocol";

export const VERSIONS_DIR = "migrations/versions/";

export function toTableView(table: EngineTable, rowCount: number, typeDdl: (type: unknown) => string): TableView {
  const single = (cols: readonly string[], name: string) => cols.length === 1 && cols[0] === name;
  return {
    name: table.name,
    rowCount,
    indexes: table.indexes.map((i) => ({ name: i.name, columns: [...i.columns], unique: i.unique })),
    columns: table.columns.map((c) => {
      // a composite key draws one edge per column pair: order_id -> orders.id, shop_id -> orders.shop_id
      const fk = table.foreignKeys.find((f) => f.columns.includes(c.name));
      const referred = fk?.referredColumns[fk.columns.indexOf(c.name)];
      return {
        name: c.name,
        type: typeDdl(c.type),
        nullable: c.nullable,
        primaryKey: table.primaryKey?.columns.includes(c.name) ?? false,
        unique: table.uniqueConstraints.some((u) => single(u.columns, c.name)) ||
          table.indexes.some((i) => i.unique && single(i.columns, c.name)),
        indexed: table.indexes.some((i) => i.columns.includes(c.name)),
        references: fk && referred !== undefined ? `${fk.referredTable}.${referred}` : null,
        serverDefault: c.serverDefault,
      };
    }),
  };
}

export const downRevisions = (down: ScriptHeader["downRevision"]): string[] =>
  down === null ? [] : typeof down === "string" ? [down] : [...down];

export interface ParsedScripts {
  readonly headers: ReadonlyMap<string, ScriptHeader>;
  readonly diagnostics: Readonly<Record<string, readonly DiagnosticView[]>>;
  readonly firstError: string | null;
}

/** Parses every migration script; a broken one is reported with file, line and column. */
export function parseScripts(engine: EngineFacade, files: Readonly<Record<string, string>>): ParsedScripts {
  const headers = new Map<string, ScriptHeader>();
  const diagnostics: Record<string, readonly DiagnosticView[]> = {};
  let firstError: string | null = null;
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    if (!path.startsWith(VERSIONS_DIR) || !path.endsWith(".ts")) continue;
    const parsed = engine.parseMigrationScript(text);
    diagnostics[path] = parsed.diagnostics.map(toDiagnosticView);
    const error = parsed.diagnostics.find((d) => d.severity === "error");
    if (error && firstError === null) firstError = `${path}:${error.line}:${error.column}: ${error.message}`;
    if (parsed.ok) headers.set(path, parsed.header);
  }
  return { headers, diagnostics, firstError };
}

export function buildHistory(engine: EngineFacade, scripts: ParsedScripts, current: readonly string[]): HistoryView {
  const entries = [...scripts.headers.entries()].map(([file, h]) => ({ file, h, parents: downRevisions(h.downRevision) }));
  const referenced = new Set(entries.flatMap((e) => e.parents));
  const nodes = entries.map((e) => ({ id: e.h.revision, parents: e.parents }));
  const engineOrder = engine.historyOrder?.([...scripts.headers.values()]) ?? null;
  const order = engineOrder ?? orderNewestFirst(nodes).map((n) => n.id);
  const byId = new Map(entries.map((e) => [e.h.revision, e]));
  const revisions: RevisionView[] = order.flatMap((id) => {
    const e = byId.get(id);
    if (!e) return [];
    return [{
      id, parents: e.parents, message: e.h.message, file: e.file, branchLabels: [...(e.h.branchLabels ?? [])],
      isHead: !referenced.has(id), isCurrent: current.includes(id),
    }];
  });
  return { revisions, current: [...current], error: scripts.firstError };
}

export function toDiagnosticView(d: EngineDiagnostic): DiagnosticView {
  const { severity, message, line, column, endLine, endColumn, replacement } = d;
  return { severity, message, line, column, endLine, endColumn, ...(replacement === undefined ? {} : { replacement }) };
}
