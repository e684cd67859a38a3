// Registers Retort's quick fixes (quick-fixes.ts) with Monaco once, for the TypeScript language
// that models.ts and the scripts use. Monaco applies an action's edit as one undoable edit of the
// file's model, so Ctrl+Z takes it back and the playground saves it as typed text.

import type * as MonacoApi from "monaco-editor/editor/editor.api";
import type { DiagnosticView } from "../protocol";
import { MODELS_FILE, type Playground } from "../playground.svelte";
import { MARKER_OWNER } from "./markers";
import { fromFilePath, type Monaco } from "./monaco";
import { diagnosticFixesAt, scriptFixesAt, type QuickFix } from "./quick-fixes";

const engine = () => import("../../engine/index");

let registeredFor: Monaco | null = null;

/** `playground` is the page's one Playground: the provider reads the open playground's diagnostics. */
export function registerQuickFixes(monaco: Monaco, playground: Playground): void {
  if (registeredFor === monaco) return;
  registeredFor = monaco;
  monaco.languages.registerCodeActionProvider(
    "typescript",
    {
      async provideCodeActions(model, range, context) {
        const file = fromFilePath(model.uri.path);
        if (!file || file.document !== playground.documentKey) return { actions: [], dispose: () => {} };
        const at = { startLine: range.startLineNumber, endLine: range.endLineNumber };
        const text = model.getValue();
        const fixes: QuickFix[] = diagnosticFixesAt(playground.diagnostics[file.path] ?? [], at);
        if (file.path !== MODELS_FILE) fixes.push(...scriptFixesAt(await engine(), text, at));
        if (model.getValue() !== text) return { actions: [], dispose: () => {} };
        const actions = fixes.map((fix): MonacoApi.languages.CodeAction => ({
          title: fix.title,
          kind: "quickfix",
          isPreferred: fix.isPreferred,
          diagnostics: fix.diagnostic ? context.markers.filter((m) => isMarkerOf(m, fix.diagnostic!)) : [],
          edit: {
            edits: fix.edits.map((e) => ({
              resource: model.uri,
              versionId: model.getVersionId(),
              textEdit: { range: new monaco.Range(e.line, e.column, e.endLine, e.endColumn), text: e.text },
            })),
          },
        }));
        return { actions, dispose: () => {} };
      },
    },
    { providedCodeActionKinds: ["quickfix"] },
  );
}

const isMarkerOf = (m: MonacoApi.editor.IMarkerData & { owner?: string }, d: DiagnosticView) =>
  m.startLineNumber === d.line && m.startColumn === d.column && m.message === d.message && (m.owner === undefined || m.owner === MARKER_OWNER);
