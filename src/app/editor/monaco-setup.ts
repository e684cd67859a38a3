// The lazily loaded half of monaco.ts: imports Monaco, routes its workers, and registers the
// `retort` module declarations so that completion and hover know the model language.

import * as monaco from "monaco-editor";
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
  const ts = monaco.typescript.typescriptDefaults;
  ts.setCompilerOptions({
    target: monaco.typescript.ScriptTarget.ES2020,
    module: monaco.typescript.ModuleKind.ESNext,
    moduleResolution: monaco.typescript.ModuleResolutionKind.NodeJs,
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
