// The playground's state on the page: the files being edited, the live pending changes, the
// revision history, the last step's output, and what it changed. Components render this and call
// its methods; all engine work goes through the worker client, so typing never waits for it.

import { debounce } from "./debounce";
import { EngineStopped, type EngineClient } from "./engine-client";
import { stepTowards } from "./graph-layout";
import type {
  CommandView, DatabaseFileView, DiagnosticView, OutputLineView, PendingView, ProgressView, RequestKind, RequestOf, ResponseOf, ShareView, SnapshotView, SqlEventView, StepWarningView, TableView, TeammateView, WorkspaceData,
} from "./protocol";
import { TERMINAL_HISTORY_SIZE, terminalHistoryOf, type LessonProgress, type SavedPlayground, type SavedUiState } from "./persist/saved-format";
import { diffTables, NO_HIGHLIGHT, type Highlight } from "./schema-diff";
import { StepWarnings } from "./step-warnings.svelte";

export const MODELS_FILE = "models.ts";
/** Wait for a pause in typing before recomputing (STYLE.md: about 150–300 ms). */
export const TYPING_PAUSE_MS = 200;

/** The commands that run migration scripts on the database: undo keeps a snapshot before each. */
const STEP_COMMANDS: ReadonlySet<string> = new Set(["upgrade", "downgrade"]);

/** True for an upgrade or downgrade that will run on the database (offline --sql only prints). */
export function changesDatabase(argv: readonly string[]): boolean {
  return STEP_COMMANDS.has(argv[0] ?? "") && !argv.includes("--sql");
}

export interface StepRun {
  readonly argv: readonly string[];
  readonly exitCode: number;
  readonly lines: readonly OutputLineView[];
  readonly sql: readonly SqlEventView[];
  /** Wall time from the click to the new snapshot, as the user waits for it. */
  readonly durationMs: number;
}

export class Playground {
  snapshot = $state.raw<SnapshotView | null>(null);
  pending = $state.raw<PendingView | null>(null);
  diagnostics = $state.raw<Readonly<Record<string, readonly DiagnosticView[]>>>({});
  tabs = $state<string[]>([MODELS_FILE]);
  activeTab = $state(MODELS_FILE);
  message = $state("");
  busy = $state(false);
  progress = $state<string | null>(null);
  lastRun = $state.raw<StepRun | null>(null);
  highlight = $state.raw<Highlight>(NO_HIGHLIGHT);
  /**
   * The tables the schema diagram compares against: those before the last step (a command, a
   * SQL statement, a row edit), or none (nothing to compare: all unchanged). A step-through
   * sets it to the schema at the start of its run.
   */
  baseline = $state.raw<readonly TableView[] | null>(null);
  /** The question asked before an upgrade or downgrade that would lose rows or fail on them. */
  readonly beforeStep = new StepWarnings();
  /** The op a step-through is running, for the editor to highlight in its script (null: none). */
  stepOp = $state.raw<{ readonly file: string; readonly direction: string; readonly opIndex: number } | null>(null);
  /** The lesson this playground belongs to and its progress (null: an ordinary playground). */
  lessonProgress = $state.raw<LessonProgress | null>(null);
  /**
   * The editor's way to replace text as an edit of its own (visible, undone by Ctrl+Z); null
   * until the editor is up. Lessons' Show me goes through replaceText.
   */
  editHandler: ((path: string, find: string, replace: string) => boolean) | null = null;
  /** A message for the user that is not a command's output (a refused link, rows left out). */
  notice = $state<string | null>(null);
  /** The command lines typed into the terminal, oldest first: saved with the playground. */
  commandHistory = $state.raw<readonly string[]>([]);
  /** Bumped whenever files change outside the editor, so the editor reloads its models. */
  filesVersion = $state(0);
  /**
   * Which opened playground the files belong to: a new number whenever another playground (or
   * another copy of this one) opens. The editor keeps its models and undo history per key, so
   * that Ctrl+Z never brings one playground's text into another (issue 2).
   */
  documentKey = $state(0);
  /** Listeners for command output (the terminal panel prints every command's lines). */
  #outputListeners: ((argv: readonly string[], result: CommandView, typed: string | undefined) => void)[] = [];
  /** Listeners for words that are not a command's output (what a simulated teammate did). */
  #noteListeners: ((text: string) => void)[] = [];
  /** Listeners for any change worth saving (an edit, a command, a database edit). */
  #changeListeners: (() => void)[] = [];
  /** Awaited before each command runs (the undo snapshot is taken there, before an upgrade). */
  #beforeCommand: ((argv: readonly string[]) => Promise<void>)[] = [];

  #client: EngineClient;
  #running = 0;
  /** Another playground is on its way: edits typed meanwhile belong to the one that leaves. */
  #opening = 0;
  /** The database the last export gave, by the worker's version of it: the next export may leave it out. */
  #exported: { readonly version: string; readonly bytes: Uint8Array | null } | null = null;
  /** Edits typed while a share link opens: they land if the link is refused (the same playground stays). */
  #held = new Map<string, string>();
  #texts = new Map<string, string>();
  #dirty = new Set<string>();
  #pushModels = debounce((source: string) => this.#sendModels(source), TYPING_PAUSE_MS);
  #pushScripts = new Map<string, ReturnType<typeof debounce<[string]>>>();

  constructor(client: EngineClient) {
    this.#client = client;
  }

  /** Opens a new playground, or a saved one (storage, an imported zip) when `workspace` is given. */
  async open(title: string, workspace?: WorkspaceData): Promise<void> {
    await this.#opened(() => this.#client.request(workspace ? { kind: "open", title, workspace } : { kind: "open", title }));
  }

  /**
   * The page's start without a link: the worker reads the most recent saved playground and opens
   * it, or opens a new one titled `title`. Returns the saved record (its database left out), or
   * null for a new playground; its tabs and terminal history are restored here.
   */
  async start(title: string): Promise<SavedPlayground | null> {
    let record: SavedPlayground | null = null;
    await this.#opened(async () => {
      const started = await this.#client.request({ kind: "start", title });
      record = started.record;
      return started.snapshot;
    });
    if (record) this.restoreUi((record as SavedPlayground).ui);
    return record;
  }

  async #opened(request: () => Promise<SnapshotView>): Promise<void> {
    // Another playground: what was shown for the last one (its last step, highlights) goes.
    this.lastRun = null;
    this.commandHistory = [];
    this.#compareWith(null);
    this.diagnostics = {};
    this.#discardEdits();
    // Keystrokes meanwhile belong to the files being replaced.
    const opened = await this.#whileOpening(request);
    this.#held.clear();
    // a lesson's progress belongs to its playground: the saved one's comes back with restoreUi
    this.lessonProgress = null;
    this.#accept(opened, { newDocument: true });
    // The pending changes follow on their own: the playground is usable once its snapshot is here.
    void this.#sendModels(this.fileText(MODELS_FILE));
  }

  /** Opens a share link's playground; returns false (and says why in `notice`) when the link is refused. */
  async openShared(fragment: string): Promise<boolean> {
    const result = await this.#whileOpening(() => this.#client.request({ kind: "open-shared", fragment }));
    if (!result.ok) {
      this.notice = result.message;
      // The playground shown stays, and so does what was typed into it meanwhile: the editor has it.
      for (const [path, text] of this.#held) this.editFile(path, text);
      this.#held.clear();
      return false;
    }
    this.#held.clear();
    this.#discardEdits();
    this.commandHistory = [];
    this.lessonProgress = null;
    this.#accept(result.snapshot, { newDocument: true });
    this.notice = result.notes.length > 0 ? result.notes.join(" ") : null;
    void this.#sendModels(this.fileText(MODELS_FILE));
    return true;
  }

  /**
   * Opens the user's own SQLite file as the playground (SPEC §6). A refused file changes nothing:
   * the playground shown stays, with what was typed meanwhile. `bytes` are handed to the worker.
   */
  async adoptFile(file: { readonly title: string; readonly fileName: string; readonly bytes: Uint8Array; readonly wal?: Uint8Array }): Promise<{ ok: true; warnings: readonly string[] } | { ok: false; message: string }> {
    const result = await this.#whileOpening(() => this.#client.request({ kind: "adopt", ...file }));
    if (!result.ok) {
      for (const [path, text] of this.#held) this.editFile(path, text);
      this.#held.clear();
      return result;
    }
    this.#held.clear();
    this.#discardEdits();
    this.#accept(result.snapshot, { newDocument: true });
    void this.#sendModels(this.fileText(MODELS_FILE));
    return { ok: true, warnings: result.warnings };
  }

  /**
   * Puts `database` in place of the playground's (an undo step restored). Nothing else changes:
   * the files, and whatever is typed while the request runs, stay as they are in the editor.
   */
  async replaceDatabase(database: Uint8Array | null): Promise<void> {
    this.acceptSnapshot(await this.#client.request({ kind: "replace-database", database }));
  }

  /** The share link's fragment for the playground with the latest edits. */
  async share(): Promise<ShareView> {
    await this.flushEdits();
    return this.#client.request({ kind: "share" });
  }

  /**
   * The whole playground with the latest edits, database bytes included: what storage keeps.
   * The worker sends the database only when it changed since the last export (a 150 MB copy
   * took 170 ms); otherwise these are the very bytes given last time, so storage sees at once
   * (the same array) that their chunks are stored already, without comparing them.
   */
  async exportWorkspace(): Promise<WorkspaceData> {
    await this.flushEdits();
    const held = this.#exported;
    const view = await this.#client.request(held ? { kind: "workspace", have: held.version } : { kind: "workspace" });
    const database = view.database !== undefined ? view.database : held?.version === view.databaseVersion ? held.bytes : undefined;
    if (database === undefined) throw new Error("The engine left the database out of the playground it sent.");
    this.#exported = { version: view.databaseVersion, bytes: database };
    return { title: view.title, files: view.files, database };
  }

  /** The database as the .sqlite download gives it: compacted, the playground left as it is. */
  async exportDatabase(): Promise<DatabaseFileView> {
    return this.#client.request({ kind: "database-file" });
  }

  fileText(path: string): string {
    return this.#texts.get(path) ?? this.snapshot?.files[path] ?? "";
  }

  get scriptPaths(): string[] {
    return Object.keys(this.snapshot?.files ?? {}).filter((p) => p.startsWith("migrations/versions/")).sort();
  }

  /**
   * Called by the editor on every keystroke: cheap, the work happens after a pause. `document` is
   * the documentKey the edited model was made for: an edit from another playground's model (one
   * left over, or typed while another playground opens) is refused.
   */
  editFile(path: string, text: string, document = this.documentKey): void {
    if (document !== this.documentKey) return;
    if (this.#opening > 0) {
      this.#held.set(path, text);
      return;
    }
    if (this.#texts.get(path) === text) return;
    // Only files of the open playground can be edited (an editor model left from another one cannot).
    if (this.snapshot && !(path in this.snapshot.files)) return;
    this.#texts.set(path, text);
    this.#dirty.add(path);
    this.#changed();
    if (path === MODELS_FILE) {
      this.#pushModels(text);
      return;
    }
    let push = this.#pushScripts.get(path);
    if (!push) {
      push = debounce((source: string) => this.#sendScript(path, source), TYPING_PAUSE_MS);
      this.#pushScripts.set(path, push);
    }
    push(text);
  }

  /**
   * Replaces a file's whole text (a pasted models.py, converted). The editor's reload then puts it
   * on the file's model as an edit, so Ctrl+Z gives the old text back.
   */
  replaceFile(path: string, text: string): void {
    this.editFile(path, text);
    this.activeTab = path;
    this.filesVersion++;
  }

  openTab(path: string): void {
    if (!this.tabs.includes(path)) this.tabs.push(path);
    this.activeTab = path;
  }

  closeTab(path: string): void {
    if (path === MODELS_FILE) return;
    this.tabs = this.tabs.filter((t) => t !== path);
    if (this.activeTab === path) this.activeTab = MODELS_FILE;
  }

  onOutput(listener: (argv: readonly string[], result: CommandView, typed: string | undefined) => void): void {
    this.#outputListeners.push(listener);
  }

  onNote(listener: (text: string) => void): void {
    this.#noteListeners.push(listener);
  }

  beforeCommand(hook: (argv: readonly string[]) => Promise<void>): void {
    this.#beforeCommand.push(hook);
  }

  /** The open tabs and the selected one, as storage keeps them. */
  uiState(): SavedUiState {
    // The graph selects a revision by opening its script: the selected one is the active tab's.
    const selected = this.snapshot?.history.revisions.find((r) => r.file === this.activeTab)?.id ?? null;
    const lesson = this.lessonProgress;
    return { openTabs: [...this.tabs], activeTab: this.activeTab, selectedRevision: selected, terminalHistory: [...this.commandHistory], ...(lesson ? { lesson } : {}) };
  }

  /** A line typed into the terminal, for Up and Down; saved with the playground (a repeat is kept once). */
  rememberCommand(line: string): void {
    if (!line.trim() || this.commandHistory.at(-1) === line) return;
    this.commandHistory = [...this.commandHistory, line].slice(-TERMINAL_HISTORY_SIZE);
    this.#changed();
  }

  /** Reopens saved tabs (files that no longer exist are skipped) and the terminal's history. */
  restoreUi(ui: SavedUiState): void {
    this.commandHistory = terminalHistoryOf(ui);
    const files = this.snapshot?.files ?? {};
    const tabs = ui.openTabs.filter((t) => t !== MODELS_FILE && t in files);
    this.tabs = [MODELS_FILE, ...tabs];
    this.activeTab = ui.activeTab !== null && this.tabs.includes(ui.activeTab) ? ui.activeTab : MODELS_FILE;
    this.lessonProgress = ui.lesson ?? null;
  }

  /** Replaces `find` in `path` through the editor when it is up; false when the text is not there. */
  replaceText(path: string, find: string, replace: string): boolean {
    if (this.editHandler) return this.editHandler(path, find, replace);
    const text = this.fileText(path);
    if (!text.includes(find)) return false;
    this.editFile(path, text.replace(find, replace));
    return true;
  }

  onChange(listener: () => void): void {
    this.#changeListeners.push(listener);
  }

  #changed(): void {
    for (const listener of this.#changeListeners) listener();
  }

  /**
   * Forgets edits not yet sent to the worker: another playground (or the other tab's version of
   * this one) replaces them. Callers that must keep them save first (the library does).
   */
  #discardEdits(): void {
    this.#pushModels.cancel();
    for (const push of this.#pushScripts.values()) push.cancel();
    this.#dirty.clear();
    this.#texts.clear();
  }

  async #whileOpening<T>(request: () => Promise<T>): Promise<T> {
    this.#opening++;
    this.#held.clear();
    try {
      return await request();
    } finally {
      this.#opening--;
    }
  }

  /** Sends every waiting edit, so that a command sees exactly what the user typed. */
  async flushEdits(): Promise<void> {
    await this.#pushModels.flush();
    await Promise.all([...this.#pushScripts.values()].map((p) => p.flush()));
  }

  /**
   * A request that runs the user's SQL (the SQL console, a row edit), sent guarded so that
   * stopping it loses nothing else (engine-client.ts), after the edits typed so far. The
   * playground counts as busy meanwhile: another tab's save then waits for the user's choice
   * rather than reloading under it.
   */
  guarded<K extends RequestKind>(request: RequestOf<K>): Promise<ResponseOf[K]> {
    return this.#whileBusy(async () => {
      await this.flushEdits();
      return this.#client.guarded(request);
    });
  }

  /** Requests queue in the worker; busy holds until the last one has answered. */
  async #whileBusy<T>(work: () => Promise<T>): Promise<T> {
    this.#running++;
    this.busy = true;
    try {
      return await work();
    } finally {
      this.#running--;
      this.busy = this.#running > 0;
      if (!this.busy) this.progress = null;
    }
  }

  /** The `open` request that puts `kept` back in a fresh worker, with the files as typed since. */
  reopenRequest(kept: WorkspaceData): RequestOf<"open"> {
    const files = { ...kept.files };
    for (const [path, text] of this.#texts) if (path in files) files[path] = text;
    return { kind: "open", title: kept.title, workspace: { title: kept.title, files, database: kept.database } };
  }

  /** Shows what a stop reopened (the playground before the stopped request), with `note`. */
  async reopened(answer: Promise<SnapshotView>, note: string): Promise<void> {
    const snapshot = await answer;
    this.#compareWith(null);
    this.#accept(snapshot);
    this.notice = note;
    this.#changed();
    // not awaited: it may wait behind another runaway request, which the user can stop in turn
    void this.#sendModels(this.fileText(MODELS_FILE));
  }

  /** Runs one `db` command (argv after `db`), as the terminal and the buttons do; `typed` is the line as typed. */
  run(argv: readonly string[], typed?: string): Promise<CommandView> {
    return this.#whileBusy(async () => {
      await this.flushEdits();
      for (const hook of this.#beforeCommand) await hook(argv);
      const before = this.snapshot;
      const started = performance.now();
      const result = await this.#request(argv);
      if (result.stopped) {
        // the worker is gone with the command: the stopper reopens the playground in a new one
        this.progress = null;
        this.lastRun = { argv, exitCode: result.exitCode, lines: result.lines, sql: [], durationMs: Math.round(performance.now() - started) };
        for (const listener of this.#outputListeners) listener(argv, result, typed);
        return result;
      }
      const newFiles = Object.keys(result.snapshot.files).filter((f) => !(f in (before?.files ?? {})));
      this.#accept(result.snapshot);
      if (before) this.#compareWith(before.tables);
      const durationMs = Math.round(performance.now() - started);
      this.lastRun = { argv, exitCode: result.exitCode, lines: result.lines, sql: result.sql, durationMs };
      for (const file of newFiles.filter((f) => f.endsWith(".ts") && f !== MODELS_FILE)) this.openTab(file);
      // `db edit`: where Alembic starts $EDITOR, the page opens the script in a tab
      for (const line of result.lines) if (line.opens !== undefined && line.opens in result.snapshot.files) this.openTab(line.opens);
      for (const listener of this.#outputListeners) listener(argv, result, typed);
      this.#changed();
      await this.#sendModels(this.fileText(MODELS_FILE));
      return result;
    });
  }

  /**
   * The command in the worker, guarded when it runs scripts; a worker failure becomes an exit
   * code and words, as a command's would, and so does a stop (`stopped` set).
   */
  async #request(argv: readonly string[]): Promise<CommandView & { readonly stopped?: true }> {
    const request = { kind: "command", argv } as const;
    const onProgress = (p: ProgressView) => (this.progress = p.text);
    try {
      // a step runs the scripts' SQL, which may never end: guarded, so that it can be stopped
      return await (changesDatabase(argv) ? this.#client.guarded(request, onProgress) : this.#client.request(request, onProgress));
    } catch (error) {
      if (!this.snapshot) throw error;
      if (error instanceof EngineStopped) {
        return { exitCode: 130, lines: [{ level: "error", text: error.message }], sql: [], snapshot: this.snapshot, stopped: true };
      }
      const text = `The engine failed while running this command: ${error instanceof Error ? error.message : String(error)}. The playground is as it was before it; reload the page if this repeats.`;
      return { exitCode: 1, lines: [{ level: "error", text }], sql: [], snapshot: this.snapshot };
    }
  }

  async generate(): Promise<CommandView> {
    const message = this.message.trim();
    const result = await this.run(message ? ["migrate", "-m", message] : ["migrate"]);
    // The message belongs to the script just written; the next migration gets its own.
    if (result.exitCode === 0 && this.message.trim() === message) this.message = "";
    return result;
  }

  /**
   * "Simulate a teammate": their revision (a sibling of yours: two heads) and their model change
   * arrive as a pull would bring them. The terminal says what they did; a refusal says why in
   * `notice`. An ordinary change of the playground: saved, and its models.ts edit undoable.
   */
  simulateTeammate(): Promise<TeammateView> {
    return this.#whileBusy(async () => {
      await this.flushEdits();
      const result = await this.#client.request({ kind: "teammate" });
      if (!result.ok) {
        this.notice = result.message;
        for (const listener of this.#noteListeners) listener(result.message);
        return result;
      }
      this.#accept(result.snapshot);
      this.openTab(result.path);
      for (const listener of this.#noteListeners) listener(result.note);
      this.#changed();
      await this.#sendModels(this.fileText(MODELS_FILE));
      return result;
    });
  }

  /** Upgrade (null: not run, because the person answered the warnings with Cancel). */
  upgrade(target = "+1"): Promise<CommandView | null> {
    return this.#stepAsking(["upgrade", target]);
  }

  downgrade(target = "-1"): Promise<CommandView | null> {
    return this.#stepAsking(["downgrade", target]);
  }

  /**
   * The buttons' step: the planned run is checked first and, when it would lose rows or fail on
   * them, the person is asked. The terminal keeps Alembic's way (run() at once; it prints them).
   */
  async #stepAsking(argv: readonly string[]): Promise<CommandView | null> {
    const warnings = await this.#whileBusy(async () => {
      await this.flushEdits();
      return this.#stepWarnings(argv);
    });
    if (warnings === null) return null;
    if (warnings.length > 0 && (await this.beforeStep.ask(argv, warnings)) !== "run") return null;
    return this.run(argv);
  }

  /** The check runs the scripts' SQL on a copy, which may never end: guarded like the step. null: stopped. */
  async #stepWarnings(argv: readonly string[]): Promise<readonly StepWarningView[] | null> {
    try {
      return await this.#client.guarded({ kind: "step-warnings", argv }, () => {});
    } catch (error) {
      if (error instanceof EngineStopped) return null;
      // the step itself says what is wrong when it runs
      return [];
    }
  }

  /** "upgrade/downgrade to here" on a revision of the graph. */
  async moveTo(revision: string): Promise<CommandView | null> {
    const history = this.snapshot?.history;
    if (!history) return null;
    const nodes = history.revisions.map((r) => ({ id: r.id, parents: r.parents }));
    const argv = stepTowards(nodes, history.current, revision);
    return argv ? this.#stepAsking(argv) : null;
  }

  /**
   * A step-through's database, compared with the tables at the start of its run. Not a change
   * worth saving: the worker keeps the database from before the run until Run to end.
   */
  showStep(snapshot: SnapshotView, runStart: readonly TableView[]): void {
    this.#accept(snapshot);
    this.#compareWith(runStart);
  }

  /**
   * Run to end of a step-through, as a command: the undo snapshot first (taken by the same
   * hooks, while the worker still keeps the database from before the run), then the commit,
   * then a save of the committed database.
   */
  finishStep(argv: readonly string[], commit: () => Promise<SnapshotView>, runStart: readonly TableView[]): Promise<SnapshotView> {
    return this.#whileBusy(async () => {
      for (const hook of this.#beforeCommand) await hook(argv);
      const snapshot = await commit();
      this.showStep(snapshot, runStart);
      this.#changed();
      await this.#sendModels(this.fileText(MODELS_FILE));
      return snapshot;
    });
  }

  /** Replaces the snapshot after a database edit made outside a command (grid, SQL console). */
  acceptSnapshot(snapshot: SnapshotView): void {
    const before = this.snapshot;
    this.#accept(snapshot);
    if (before) this.#compareWith(before.tables);
    this.#changed();
    void this.#sendModels(this.fileText(MODELS_FILE));
  }

  /** What the schema view highlights and the diagram marks: the change from `before` (null: none). */
  #compareWith(before: readonly TableView[] | null): void {
    this.baseline = before;
    this.highlight = before && this.snapshot ? diffTables(before, this.snapshot.tables) : NO_HIGHLIGHT;
  }

  #accept(snapshot: SnapshotView, { newDocument = false } = {}): void {
    if (newDocument) this.documentKey++;
    // Files typed since the last flush stay as typed: the snapshot predates them.
    for (const [path, text] of Object.entries(snapshot.files)) {
      if (!this.#dirty.has(path)) this.#texts.set(path, text);
    }
    for (const path of [...this.#texts.keys()]) if (!(path in snapshot.files)) this.#texts.delete(path);
    this.tabs = this.tabs.filter((t) => t === MODELS_FILE || t in snapshot.files);
    if (!this.tabs.includes(this.activeTab)) this.activeTab = MODELS_FILE;
    this.snapshot = snapshot;
    this.filesVersion++;
  }

  async #sendModels(source: string): Promise<void> {
    this.#dirty.delete(MODELS_FILE);
    const pending = await this.#client.request({ kind: "set-models", source });
    this.pending = pending;
    this.diagnostics = { ...this.diagnostics, [MODELS_FILE]: pending.diagnostics };
  }

  async #sendScript(path: string, source: string): Promise<void> {
    this.#dirty.delete(path);
    const { diagnostics, history } = await this.#client.request({ kind: "set-script", path, source });
    this.diagnostics = { ...this.diagnostics, [path]: diagnostics };
    // The graph follows the scripts as typed (a broken one drops out, and is named, until fixed).
    if (this.snapshot) this.snapshot = { ...this.snapshot, history };
  }
}
