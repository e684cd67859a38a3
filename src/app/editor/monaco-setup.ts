// The lazily loaded half of monaco.ts: Monaco's core with only what a TypeScript model file needs
// (not every language of the full bundle, which doubles the cold load), its workers routed through
// MonacoEnvironment.getWorker, and the `retort` declarations for completion and hover.

import * as monaco from "monaco-editor/editor/editor.api";
import * as typescript from "monaco-editor/languages/features/typescript/register";
import "monaco-editor/languages/definitions/typescript/register";
import "monaco-editor/features/codicon/register";
import "monaco-editor/editor/browser/coreCommands";
import "monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching";
import "monaco-editor/editor/contrib/clipboard/browser/clipboard";
import "monaco-editor/editor/contrib/codeAction/browser/codeActionContributions";
import "monaco-editor/editor/contrib/comment/browser/comment";
import "monaco-editor/editor/contrib/contextmenu/browser/contextmenu";
import "monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo";
import "monaco-editor/editor/contrib/find/browser/findController";
import "monaco-editor/editor/contrib/folding/browser/folding";
import "monaco-editor/editor/contrib/gotoError/browser/gotoError";
import "monaco-editor/editor/contrib/hover/browser/hoverContribution";
import "monaco-editor/editor/contrib/indentation/browser/indentation";
import "monaco-editor/editor/contrib/linesOperations/browser/linesOperations";
import "monaco-editor/editor/contrib/multicursor/browser/multicursor";
import "monaco-editor/editor/contrib/parameterHints/browser/parameterHints";
import "monaco-editor/editor/contrib/snippet/browser/snippetController2";
import "monaco-editor/editor/contrib/suggest/browser/suggestController";
import "monaco-editor/editor/contrib/tokenization/browser/tokenization";
import "monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter";
import "monaco-editor/editor/contrib/wordOperations/browser/wordOperations";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import TypeScriptWorker from "monaco-editor/language/typescript/ts.worker?worker";
import retortDeclarations from "./retort.d.ts?raw";

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

export function setUpMonaco(): typeof monaco {
  self.MonacoEnvironment = {
    getWorker: (_id: string, label: string) =>
      label === "typescript" || label === "javascript" ? new TypeScriptWorker() : new EditorWorker(),
  };
  const ts = typescript.typescriptDefaults;
  ts.setCompilerOptions({
    target: typescript.ScriptTarget.ES2020,
    module: typescript.ModuleKind.ESNext,
    moduleResolution: typescript.ModuleResolutionKind.NodeJs,
    strict: false,
    noEmit: true,
    allowNonTsExtensions: true,
  });
  // The engine is the judge of what is valid (its markers); TypeScript's own type errors would
  // disagree with it on forms the language accepts, so only syntax errors are kept from it.
  ts.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
  ts.addExtraLib(retortDeclarations, "file:///node_modules/@types/retort/index.d.ts");
  return monaco;
}
