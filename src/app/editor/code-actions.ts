// Registers Retort's quick fixes (quick-fixes.ts) with Monaco once, for the TypeScript language
// that models.ts and the scripts use. Monaco applies an action's edit as one undoable edit of the
// file's model, so Ctrl+Z takes it back and the playground saves it as typed text.

import type * as MonacoApi from "monaco-editor/editor/editor.api";
import type { DiagnosticView } from "../protocol";
import { MODELS_FILE, type Playground } from "../playground.svelte";
import { MARKER_OWNER } from "./markers";
import { fromFilePath, type Monaco } from "./monaco";
import { diagnosticFixesAt, scriptFixesAt, type QuickFix } from "./quick-fixes";

type Engine = typeof import("../../engine/index");
/** The engine, once loaded: a script's quick fixes then come without waiting. */
let loaded: Engine | null = null;
const engine = async (): Promise<Engine> => (loaded ??= await import("../../engine/index"));

type Model = MonacoApi.editor.ITextModel;

let registeredFor: Monaco | null = null;

/** `playground` is the page's one Playground: the provider reads the open playground's diagnostics. */
export function registerQuickFixes(monaco: Monaco, playground: Playground): void {
  if (registeredFor === monaco) return;
  registeredFor = monaco;
  monaco.languages.registerCodeActionProvider(
    "typescript",
    {
      provideCodeActions(model, range, context) {
        const file = fromFilePath(model.uri.path);
        if (!file || file.document !== playground.documentKey) return { actions: [], dispose: () => {} };
        const at = { startLine: range.startLineNumber, endLine: range.endLineNumber };
        const textIn = (d: DiagnosticView) => model.getValueInRange(new monaco.Range(d.line, d.column, d.endLine, d.endColumn));
        const fixes: QuickFix[] = diagnosticFixesAt(playground.diagnostics[file.path] ?? [], at, textIn);
        // models.ts answers at once; a script's fixes need the engine, loaded on the first ask
        if (file.path === MODELS_FILE) return toActions(monaco, model, context, fixes);
        const text = model.getValue();
        const withScript = (e: Engine) => toActions(monaco, model, context, [...fixes, ...scriptFixesAt(e, text, at)]);
        if (loaded) return withScript(loaded);
        return engine().then((e) => (model.isDisposed() || model.getValue() !== text ? toActions(monaco, model, context, []) : withScript(e)));
      },
    },
    { providedCodeActionKinds: ["quickfix"] },
  );
}

/** The fixes as Monaco code actions: each an edit of `model` at the version they were computed for. */
function toActions(monaco: Monaco, model: Model, context: MonacoApi.languages.CodeActionContext, fixes: readonly QuickFix[]): MonacoApi.languages.CodeActionList {
  const versionId = model.getVersionId();
  const actions = fixes.map((fix): MonacoApi.languages.CodeAction => ({
    title: fix.title,
    kind: "quickfix",
    isPreferred: fix.isPreferred,
    diagnostics: fix.diagnostic ? context.markers.filter((m) => isMarkerOf(m, fix.diagnostic!)) : [],
    edit: {
      edits: fix.edits.map((e) => ({
        resource: model.uri,
        versionId,
        textEdit: { range: new monaco.Range(e.line, e.column, e.endLine, e.endColumn), text: e.text },
      })),
    },
  }));
  return { actions, dispose: () => {} };
}

const isMarkerOf = (m: MonacoApi.editor.IMarkerData & { owner?: string }, d: DiagnosticView) =>
  m.startLineNumber === d.line && m.startColumn === d.column && m.message === d.message && (m.owner === undefined || m.owner === MARKER_OWNER);
