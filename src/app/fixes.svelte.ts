// The pending panel's one-click fixes. Each is an ordinary edit of a file (models.ts, or the
// migration script just generated for it), applied through the editor so that Ctrl+Z undoes it
// and autosave saves it; "Show the duplicates" runs a query in the SQL console instead.
// The fixes are computed by the engine's pure functions, loaded on the first click (as transfer.ts
// does): a static import would put the whole engine into the page's first bundle.

import { tick } from "svelte";
import type { TextEdit } from "../engine/index";
import type { DatabasePanel } from "./database-panel.svelte";
import type { EngineClient } from "./engine-client";
import { MODELS_FILE, type Playground } from "./playground.svelte";
import type { FixPreviewView, FixView, PendingView } from "./protocol";

const engine = () => import("../engine/index");

/** Applies edits to a file's editor model as one undoable edit (EditorModels.applyEdits). */
export type ApplyEdits = (path: string, edits: readonly TextEdit[]) => void;

export class Fixes {
  /** Why the last fix was not applied, shown under the warnings; null when it was. */
  problem = $state<string | null>(null);
  /** The SQL before and after the fix last previewed (view null: still coming), for the pending changes it was made for. */
  preview = $state.raw<{ readonly key: string; readonly pending: PendingView | null; readonly view: FixPreviewView | null } | null>(null);
  #client: EngineClient;
  #playground: Playground;
  #database: DatabasePanel;
  #editor: ApplyEdits | null = null;

  constructor(client: EngineClient, playground: Playground, database: DatabasePanel) {
    this.#client = client;
    this.#playground = playground;
    this.#database = database;
  }

  /** The preview of `fix` when it is the one shown and still about the pending changes; null otherwise. */
  previewOf(fix: FixView): { readonly view: FixPreviewView | null } | null {
    const p = this.preview;
    return p && p.key === previewKey(fix) && p.pending === this.#playground.pending ? p : null;
  }

  /** Asks the engine what `upgrade --sql` gives for the migration with and without `fix` (nothing is written). */
  async showPreview(fix: FixView): Promise<void> {
    if (this.previewOf(fix)) return;
    await this.#playground.flushEdits();
    const key = previewKey(fix);
    const pending = this.#playground.pending;
    this.preview = { key, pending, view: null };
    const view = await this.#client.request({ kind: "fix-preview", fix });
    if (this.preview?.key === key) this.preview = { key, pending, view };
  }

  /** The editor, once Monaco is up; the returned function detaches it. */
  attachEditor(apply: ApplyEdits): () => void {
    this.#editor = apply;
    return () => {
      if (this.#editor === apply) this.#editor = null;
    };
  }

  /** What the button does, for its tooltip. */
  describe(fix: FixView): string {
    switch (fix.kind) {
      case "rename-column":
        return `Generates the migration, then rewrites its drop of '${fix.from}' and add of '${fix.to}' as alterColumn("${fix.from}", { newColumnName: "${fix.to}" }), which keeps the values. Ctrl+Z in the script undoes it.`;
      case "naming-convention":
        return "Adds SQLAlchemy({ namingConvention }) to models.ts, so that every constraint gets a name. Ctrl+Z in models.ts undoes it.";
      case "server-default":
        return `Generates the migration, then gives '${fix.table}.${fix.column}' a serverDefault there, which the existing rows get. Ctrl+Z in the script undoes it.`;
      case "fill-in-data-step":
        return `Generates the migration, then fills '${fix.table}.${fix.column}' with op.execute("UPDATE …") before it becomes NOT NULL. Ctrl+Z in the script undoes it.`;
      case "show-duplicates":
        return `Runs a query in the SQL console that lists the rows of '${fix.table}' sharing the same ${fix.columns.join(", ")}.`;
      case "keep-views-and-triggers":
        return `Generates the migration, then drops the views that read '${fix.table}' before its batch rebuild, and creates them and its triggers again after it, in upgrade() and downgrade(). Ctrl+Z in the script undoes it.`;
    }
  }

  /** Whether the fix generates the migration first (so it needs what Generate needs). */
  generates(fix: FixView): boolean {
    return fix.target === "script";
  }

  /** A script fix first generates the migration (with the panel's message), then edits the new script. */
  async apply(fix: FixView): Promise<boolean> {
    this.problem = null;
    if (fix.kind === "show-duplicates") {
      await this.#showDuplicates(fix.table, fix.columns);
      return true;
    }
    if (fix.target === "models") return await this.#edit(MODELS_FILE, fix);
    const before = new Set(this.#playground.scriptPaths);
    const result = await this.#playground.generate();
    const path = this.#playground.scriptPaths.find((p) => !before.has(p));
    if (result.exitCode !== 0 || !path) {
      const errors = result.lines.filter((l) => l.level === "error").map((l) => l.text);
      const why = errors.length > 0 ? errors.join(" ") : "see the terminal.";
      this.problem = `The migration was not generated, so "${fix.title}" was not applied: ${why}`;
      return false;
    }
    return await this.#edit(path, fix);
  }

  async #edit(path: string, fix: FixView): Promise<boolean> {
    const { applyTextEdits, computeFix } = await engine();
    const text = this.#playground.fileText(path);
    const result = computeFix(fix, text);
    if (!result.ok) {
      this.problem = `"${fix.title}" was not applied to ${path}: ${result.reason}`;
      return false;
    }
    this.#playground.openTab(path);
    // the editor shows the file first, so that the edit is selected where the user looks
    await tick();
    if (this.#editor) this.#editor(path, result.edits);
    else this.#playground.editFile(path, applyTextEdits(text, result.edits));
    return true;
  }

  async #showDuplicates(table: string, columns: readonly string[]): Promise<void> {
    const { duplicatesQuery } = await engine();
    this.#database.sql = duplicatesQuery(table, columns);
    this.#database.tab = "sql";
    await this.#database.runSql();
  }
}

const previewKey = (fix: FixView) => JSON.stringify(fix);
