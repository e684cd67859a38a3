// Builds the host's view of the engine (engine-facade.ts) from the real facade. This is the one
// place where the site meets src/engine/index.ts; a change of the facade is absorbed here.

import * as engine from "../engine/index";
import type { EngineDatabase, EngineFacade, ScriptHeader } from "./engine-facade";
import type { FixView } from "./protocol";

export function bindEngine(options: { random?: () => number; clock?: () => Date } = {}): EngineFacade {
  const random = options.random ?? Math.random;
  const clock = options.clock ?? (() => new Date());
  return {
    async runCommand(argv, workspace, listener) {
      // "flask db" in usage texts: the words of the tutorials people come from.
      const deps = { openDatabase: engine.openSqlJs, random, clock, listener, program: "flask db" };
      const result = await engine.runCommand(argv, workspace, deps);
      const lines = result.lines.map((line) => {
        const prefix = engine.logPrefix(line);
        return prefix === "" ? line : { ...line, prefix };
      });
      return { exitCode: result.exitCode, lines, workspace: result.workspace };
    },
    async checkStep(argv, workspace) {
      const warnings = await engine.checkStep(argv, workspace, { openDatabase: engine.openSqlJs, random, clock });
      return warnings.map(({ fixes, ...w }) => ({ ...w, line: engine.stepWarningText({ ...w, fixes }), ...(fixes ? { fixes: fixes.map(toFixView) } : {}) }));
    },
    newWorkspace: (title, models) => engine.newWorkspace(title, models),
    exampleModels: engine.EXAMPLE_MODELS,
    parseModels: (source) => engine.parseModels(source),
    parseMigrationScript(source) {
      const parsed = engine.parseMigrationScript(source);
      if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
      return { ok: true, header: parsed.script, diagnostics: parsed.diagnostics };
    },
    reflectSchema: (db) => engine.reflectSchema(db as engine.Database),
    applyFix(fix, source) {
      const result = engine.computeFix(fix, source);
      return result.ok ? { ok: true, text: engine.applyTextEdits(source, result.edits) } : result;
    },
    pendingChanges(db, database, models) {
      const compared = engine.compareSchemas(database as engine.Schema, models as engine.Schema);
      const analyzed = engine.analyzeChanges(db as engine.Database, database as engine.Schema, models as engine.Schema, compared.ops);
      const warnings = analyzed.map(({ fixes, ...w }) => (fixes ? { ...w, fixes: fixes.map(toFixView) } : w));
      return { messages: compared.messages, warnings };
    },
    openDatabase: (bytes) => engine.openSqlJs(bytes) as Promise<EngineDatabase>,
    typeDdl: (type) => engine.toDdl(type as engine.SqlType),
    historyOrder: (headers) => historyOrder(headers),
    evaluateChecks: (checks, state) => engine.evaluateChecks(checks, state),
    startStepRun(workspace, db, direction, target, listener) {
      const planned = engine.planRun(workspace, engine.currentHeads(db as engine.Database), direction, target);
      if (!planned.ok) return planned;
      return { ok: true, run: engine.startRun(db as engine.Database, planned.steps, { listener }) };
    },
    simulateTeammate: (workspace) => engine.simulateTeammate(workspace, { random, clock }),
    shareWorkspace: (workspace) => engine.shareWorkspace(workspace, { openDatabase: engine.openSqlJs }),
    openShared: (fragment) => engine.openSharedPlayground(fragment, { openDatabase: engine.openSqlJs }),
    adoptDatabase: (input) => engine.adoptDatabase(input, { openDatabase: engine.openSqlJs, random, clock }),
  };
}

const toFixView = (fix: engine.WarningFix): FixView => ({ ...fix, title: engine.FIX_TITLES[fix.kind], target: engine.FIX_TARGET[fix.kind] });

/** The order `flask db history` prints, from the engine's revision map; null if the map is broken. */
function historyOrder(headers: readonly ScriptHeader[]): string[] | null {
  const built = engine.buildRevisionMap(headers.map((h) => ({ ...h, dependsOn: h.dependsOn ?? null })));
  if (!built.ok) return null;
  const history = engine.iterateHistory(built.map, undefined);
  return history.ok ? history.revisions.map((r) => r.revision) : null;
}

