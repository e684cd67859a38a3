// The editor's Monaco models for the open playground: one per file, made for one documentKey
// (monaco.ts), so that each playground has its own undo history. Models of a playground that is
// no longer open are disposed, and their edits can never reach the open one (issue 2).

import type * as MonacoApi from "monaco-editor/editor/editor.api";
import type { TextEdit } from "../../engine/index";
import type { DiagnosticView } from "../protocol";
import type { Playground } from "../playground.svelte";
import { MARKER_OWNER, toMarkers } from "./markers";
import { opLines } from "./op-lines";
import { fileUri, fromFilePath, type Monaco } from "./monaco";

type Editor = MonacoApi.editor.IStandaloneCodeEditor;
type Model = MonacoApi.editor.ITextModel;

export class EditorModels {
  #monaco: Monaco;
  #playground: Playground;
  /** Each file's cursor and scroll position, for the open playground only. */
  #viewStates = new Map<string, MonacoApi.editor.ICodeEditorViewState | null>();
  #viewStatesOf = -1;

  constructor(monaco: Monaco, playground: Playground) {
    this.#monaco = monaco;
    this.#playground = playground;
  }

  /** The model of `path` in the open playground, made from its text on first use. */
  modelFor(path: string): Model {
    const document = this.#playground.documentKey;
    const uri = fileUri(this.#monaco, document, path);
    const existing = this.#monaco.editor.getModel(uri);
    if (existing) return existing;
    const model = this.#monaco.editor.createModel(this.#playground.fileText(path), "typescript", uri);
    // `document` is fixed here: the playground refuses the edit once another one is open.
    model.onDidChangeContent(() => this.#playground.editFile(path, model.getValue(), document));
    return model;
  }

  /** The step-through's op highlight: the model it is on and its decoration ids. */
  #stepOp: { model: Model; ids: string[] } | null = null;

  /**
   * Highlights the op a step-through runs in its script (null: none), and brings it into view
   * when that script is the one shown.
   */
  highlightOp(editor: Editor | null, op: { readonly file: string; readonly direction: string; readonly opIndex: number } | null): void {
    if (this.#stepOp && !this.#stepOp.model.isDisposed()) this.#stepOp.model.deltaDecorations(this.#stepOp.ids, []);
    this.#stepOp = null;
    if (!op) return;
    const model = this.modelFor(op.file);
    const lines = opLines(model.getValue(), op.direction, op.opIndex);
    if (!lines) return;
    const range = new this.#monaco.Range(lines.startLine, 1, lines.endLine, 1);
    const ids = model.deltaDecorations([], [{ range, options: { isWholeLine: true, className: "retort-step-op", linesDecorationsClassName: "retort-step-op-gutter" } }]);
    this.#stepOp = { model, ids };
    if (editor?.getModel() === model) editor.revealLinesInCenterIfOutsideViewport(lines.startLine, lines.endLine);
  }

  /** Shows `path` of the open playground in `editor`, keeping each file's cursor and scroll. */
  show(editor: Editor, path: string): void {
    const model = this.modelFor(path);
    const current = editor.getModel();
    if (current === model) return;
    const document = this.#playground.documentKey;
    const shown = current ? fromFilePath(current.uri.path) : null;
    if (this.#viewStatesOf !== document) {
      this.#viewStates.clear();
      this.#viewStatesOf = document;
    } else if (shown) this.#viewStates.set(shown.path, editor.saveViewState());
    editor.setModel(model);
    const saved = this.#viewStates.get(path);
    if (saved) editor.restoreViewState(saved);
    editor.updateOptions({ ariaLabel: `Editor: ${path}` });
    this.#disposeOthers(editor);
  }

  /**
   * Brings the open playground's models up to date with its files (a command wrote a script,
   * re-generated one), as an edit that Ctrl+Z can undo; a file that is gone loses its model.
   */
  reload(editor: Editor | null): void {
    const document = this.#playground.documentKey;
    const files = this.#playground.snapshot?.files ?? {};
    for (const model of this.#monaco.editor.getModels()) {
      const file = fromFilePath(model.uri.path);
      if (!file || file.document !== document) continue;
      // Blanking a gone file instead would send an empty script back to the engine as an edit.
      if (!(file.path in files) && editor?.getModel() !== model) {
        model.dispose();
        continue;
      }
      const text = this.#playground.fileText(file.path);
      if (model.getValue() !== text) model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    }
  }

  /**
   * A fix's edits on `path`, as one edit of its model between undo stops: Ctrl+Z takes back the
   * fix and nothing before it, and the change reaches the playground (and autosave) as typing does.
   * The edited text is selected and brought into view when `editor` shows the file.
   */
  applyEdits(editor: Editor | null, path: string, edits: readonly TextEdit[]): void {
    const model = this.modelFor(path);
    const operations = edits.map((e) => ({ range: new this.#monaco.Range(e.line, e.column, e.endLine, e.endColumn), text: e.text }));
    // the inverse operations' ranges are where the new text now lies
    let placed: MonacoApi.IRange[] = [];
    model.pushStackElement();
    model.pushEditOperations([], operations, (inverse) => {
      placed = inverse.map((op) => op.range).filter((r) => r.startLineNumber !== r.endLineNumber || r.startColumn !== r.endColumn);
      return null;
    });
    model.pushStackElement();
    if (!editor || editor.getModel() !== model) return;
    const first = placed[0];
    if (first) {
      editor.setSelection(first);
      editor.revealRangeInCenterIfOutsideViewport(first);
    }
    editor.focus();
  }

  /**
   * Replaces `find` in `path` as an edit of its own, between undo stops (a lesson's Show me): Ctrl+Z
   * undoes exactly it. The changed lines are selected and brought into view when the file is shown.
   */
  replaceText(editor: Editor | null, path: string, find: string, replace: string): boolean {
    const model = this.modelFor(path);
    const at = model.getValue().indexOf(find);
    if (at < 0) return false;
    const start = model.getPositionAt(at);
    const end = model.getPositionAt(at + find.length);
    // one edit path for lessons and one-click fixes: the same undo stops, selection and reveal
    this.applyEdits(editor, path, [{ line: start.lineNumber, column: start.column, endLine: end.lineNumber, endColumn: end.column, text: replace }]);
    return true;
  }

  /** The engine's diagnostics as markers on the open playground's models. */
  mark(diagnostics: Readonly<Record<string, readonly DiagnosticView[]>>): void {
    for (const [path, list] of Object.entries(diagnostics)) {
      const model = this.#monaco.editor.getModel(fileUri(this.#monaco, this.#playground.documentKey, path));
      if (model) this.#monaco.editor.setModelMarkers(model, MARKER_OWNER, toMarkers(list));
    }
  }

  /** Another playground's models (and so their undo histories) go once the editor shows this one's. */
  #disposeOthers(editor: Editor): void {
    const document = this.#playground.documentKey;
    for (const model of this.#monaco.editor.getModels()) {
      const file = fromFilePath(model.uri.path);
      if (file && file.document !== document && editor.getModel() !== model) model.dispose();
    }
  }
}
