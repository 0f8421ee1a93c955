// The language server's state: the workspace index (files on disk, overlaid by open documents), the last
// diagnostics per file, and a debounced re-check that publishes only what changed.
import type { Diagnostic } from '../core/diagnostic';
import { callableTools } from '../core/check';
import { CheckEngine } from '../core/check-engine';
import { performance } from 'node:perf_hooks';
import { RecheckTrace } from './recheck-trace';
import { languageOf } from '../core/extract';
import { nodeHost } from '../core/node-host';
import { createProjectResolver } from '../core/project';
import { createRevisionResolver } from '../core/protocol-revision';
import { WorkspaceIndex } from '../core/workspace';
import { EditedTrees, type ContentChange } from '../core/parse/edited-trees';
import { reportedDiagnostics } from '../core/settings';
import type { ServerSettings } from '../shared/protocol';
import type { WorkspaceSettings } from './settings';
import { isWorkflowFile, WorkflowFiles } from './workflow-files';
import { sep } from 'node:path';

export interface Publisher {
  publish(file: string, diagnostics: Diagnostic[]): void;
  status(counts: { files: number; prompts: number; tools: number; problems: number }): void;
}

/** The longest engine run after which the next document change is still checked at once, not at the debounce's end. */
const CHECK_AHEAD_MAX_MS = 25;

export class Session {
  /** Made again when a setting that decides what is read changes (see applySettings). */
  index: WorkspaceIndex;
  private folders: string[] = [];
  /** The open documents' texts, read again over the disk's when the index is made again. */
  private readonly open = new Map<string, string>();
  /** The reading of the folders (and of a settings change), which a settings change waits for. */
  private loading: Promise<void> = Promise.resolve();
  /** The incremental check: each re-check works out again only what the changed files may change. */
  private engine: CheckEngine;
  private readonly published = new Map<string, { key: string; count: number }>();
  private problems = 0;
  private workflowsChecked = false;
  private timer: NodeJS.Timeout | undefined;
  private projectOf = createProjectResolver();
  private revisionOf: ReturnType<typeof createRevisionResolver>;
  /** *.workflow.json files, checked against the tools of the sources above. */
  readonly workflows: WorkflowFiles;

  constructor(private readonly publisher: Publisher, private readonly delayMs = 150, private settings: WorkspaceSettings = { window: {}, folders: new Map() }) {
    this.index = this.newIndex();
    this.revisionOf = createRevisionResolver(this.projectOf, settings.window.protocolRevision);
    this.engine = this.newEngine();
    this.workflows = new WorkflowFiles((file, diagnostics) => publisher.publish(file, diagnostics), (file, diagnostics) => reportedDiagnostics(file, diagnostics, undefined, this.settingsFor(file)));
  }

  /** The settings of the workspace folder a file is in (the innermost), else the window's. */
  settingsFor(file: string): ServerSettings {
    let best: string | undefined;
    for (const folder of this.settings.folders.keys()) if (file.startsWith(`${folder}${sep}`) && (!best || folder.length > best.length)) best = folder;
    return (best && this.settings.folders.get(best)) || this.settings.window;
  }

  /** The index the settings ask for: test code or not, the size limit, each folder's include and exclude globs. */
  private newIndex(): WorkspaceIndex {
    const { window } = this.settings;
    const globsFor = (root: string) => {
      const s = this.settingsFor(`${root}${sep}`);
      return { include: s.include ?? [], exclude: [...(s.exclude ?? []), ...(s.filesExclude ?? [])] };
    };
    return new WorkspaceIndex({ includeTests: window.includeTests === true, trees: this.trees, globsFor, ...(window.maxFileBytes ? { maxFileBytes: window.maxFileBytes } : {}) });
  }

  /** What decides which files are read: when it changes, the folders are read again. */
  private readingKey(settings: WorkspaceSettings): string {
    const globs = (s: ServerSettings) => [s.include ?? [], s.exclude ?? [], s.filesExclude ?? []];
    return JSON.stringify([settings.window.includeTests === true, settings.window.maxFileBytes ?? 0, globs(settings.window), [...settings.folders].map(([f, s]) => [f, globs(s)])]);
  }

  /** A file's diagnostics as published: its suppression comments and its folder's rule levels applied. */
  private reported(file: string): Diagnostic[] {
    return reportedDiagnostics(file, this.engine.diagnosticsOf(file), this.index.text(file), this.settingsFor(file));
  }

  /** Reads every source file and workflow file of the workspace folders, then checks once. */
  async loadFolders(folders: string[], progress?: (read: number, total: number) => void): Promise<void> {
    this.folders = folders;
    this.loading = (async () => {
      await this.index.addPaths(nodeHost, folders, progress);
      await this.workflows.loadFolders(folders);
    })();
    await this.loading;
    this.recheck();
  }

  /** The settings before the folders are read (pulled from the client after `initialize`). */
  configure(settings: WorkspaceSettings): void {
    this.settings = settings;
    this.index = this.newIndex();
    this.revisionOf = createRevisionResolver(this.projectOf, settings.window.protocolRevision);
    this.engine = this.newEngine();
  }

  /**
   * The `mcpWorkflow.*` settings changed (`workspace/didChangeConfiguration`). Rule levels and enable only filter
   * what is published: the files are published again, nothing is checked again. A new protocol revision re-judges
   * what was read; what decides which files are read (test code, size limit, include/exclude) reads the folders
   * again (open documents over the disk), then re-checks.
   */
  async applySettings(next: WorkspaceSettings): Promise<void> {
    const reread = this.readingKey(next) !== this.readingKey(this.settings);
    const rejudge = next.window.protocolRevision !== this.settings.window.protocolRevision;
    this.settings = next;
    if (!reread && !rejudge) {
      await this.loading;
      this.republish();
      return;
    }
    this.revisionOf = createRevisionResolver(this.projectOf, next.window.protocolRevision);
    this.engine = this.newEngine();
    if (reread) {
      const previous = this.loading;
      this.loading = (async () => {
        await previous;
        const index = this.newIndex();
        await index.addPaths(nodeHost, this.folders);
        const applied = new Map(this.open);
        for (const [file, text] of applied) if (!index.leavesOut(file)) await index.update(file, text);
        this.index = index;
        // A document edited while the folders were read again: its last text wins.
        for (const [file, text] of this.open) if (applied.get(file) !== text && !index.leavesOut(file)) await index.update(file, text);
      })();
      await this.loading;
    }
    this.recheck();
  }

  /** The open documents' syntax trees, edited by each change so the next reading is an incremental parse. */
  private readonly trees = new EditedTrees();

  /** The opt-in trace of each re-check's parts (MCP_WORKFLOW_TRACE=recheck). */
  private readonly trace = RecheckTrace.fromEnvironment();

  /** A document was opened: its trees are kept until it is closed. */
  openDocument(file: string): void {
    if (languageOf(file)) this.trees.track(file);
  }

  /** An editor's content changes, before the document's new text is read (updateDocument). */
  applyChanges(file: string, changes: readonly ContentChange[]): void {
    this.trees.applyChanges(file, changes);
  }

  /** An open document changed: re-read it now, re-check soon after the change (typing bursts give one check). */
  updateDocument(file: string, text: string): Promise<void> {
    return this.inTurn(() => this.readDocument(file, text));
  }

  /**
   * A manifest or lock file came, went or changed on disk: which project each file is in (duplicates are judged per
   * project) and the protocol revision it targets (from the SDK version) are looked up again, and everything is
   * judged again. Without this, upgrading the SDK in package.json kept the old revision's findings until a restart.
   */
  projectFileChanged(): Promise<void> {
    return this.inTurn(async () => {
      await this.loading;
      this.projectOf = createProjectResolver();
      this.revisionOf = createRevisionResolver(this.projectOf, this.settings.window.protocolRevision);
      this.engine = this.newEngine();
      this.recheck();
    });
  }

  /**
   * A folder came or went on disk (VS Code's watcher reports a folder deleted, moved or renamed once, not once per
   * file in it): its source and workflow files are read, or forgotten with their diagnostics.
   */
  folderChanged(folder: string, deleted: boolean): Promise<void> {
    return this.inTurn(async () => {
      await this.loading;
      if (this.index.leavesOut(folder)) return;
      if (deleted) {
        const below = (file: string) => file.startsWith(`${folder}${sep}`);
        for (const file of this.workflows.files().filter(below)) await this.workflows.refresh(file, true);
        for (const file of [...this.open.keys()].filter(below)) this.open.delete(file);
        await this.index.removeFolder(folder);
      } else {
        await this.index.addFolder(nodeHost, folder);
        await this.workflows.loadFolders([folder]);
      }
      this.schedule();
    });
  }

  /** A file changed or vanished on disk. */
  refreshFile(file: string, deleted: boolean): Promise<void> {
    return this.inTurn(() => this.readFile(file, deleted));
  }

  /** Readings one after another, as the changes came: a slower reading of an older text never lands last. */
  private turn: Promise<void> = Promise.resolve();
  private inTurn(read: () => Promise<void>): Promise<void> {
    const done = this.turn.then(read);
    this.turn = done.catch(() => undefined);
    return done;
  }

  private async readDocument(file: string, text: string): Promise<void> {
    if (isWorkflowFile(file)) {
      // A workflow file changes no tool, so only it is checked again, at once (one file is quick).
      this.workflows.update(file, text);
      this.workflows.check(this.tools(), file);
      return;
    }
    if (!languageOf(file)) return;
    this.open.set(file, text);
    if (this.index.leavesOut(file)) return;
    // The debounce counts from the change, not from the end of its reading: the reading happens while it waits.
    this.schedule();
    const started = performance.now();
    await this.index.update(file, text);
    this.trace?.read(performance.now() - started);
    // The check runs while the debounce waits, too (once the engine has judged the workspace): when the time is up,
    // only what changed is published. The debounce keeps squiggles still while typing; it need not delay the work.
    // Unless the last run was slow (a declaration changed in a large workspace): then each keystroke of a burst would
    // hold hover and completion up that long, so the work waits for the debounce's end, once per burst, as before.
    if (this.workflowsChecked && this.lastCheckMs <= CHECK_AHEAD_MAX_MS) this.check();
  }

  private async readFile(file: string, deleted: boolean): Promise<void> {
    if (isWorkflowFile(file)) {
      await this.workflows.refresh(file, deleted);
      if (!deleted) this.workflows.check(this.tools(), file);
      return;
    }
    if (!languageOf(file)) return;
    // Closed (or changed on disk while not open): the disk's text counts.
    this.open.delete(file);
    this.trees.untrack(file);
    if (this.index.leavesOut(file)) return;
    if (deleted) await this.index.remove(file);
    else await this.index.updateBytes(file, await nodeHost.readFile(file)).catch(() => this.index.remove(file));
    this.schedule();
  }


  diagnosticsOf(file: string): Diagnostic[] {
    return isWorkflowFile(file) ? this.workflows.diagnosticsOf(file) : this.engine.diagnosticsOf(file);
  }

  /** The tools of the last re-check (a workflow file's keystroke need not work out the programs again). */
  tools() {
    return this.lastTools ?? callableTools(this.index.models(), this.projectOf);
  }

  /** The callable tools of the project a file belongs to: what a name in that file can mean (another server of the
   * workspace may declare a tool of the same name; hover, definition and rename must not reach it). */
  toolsOfProject(file: string) {
    const project = this.projectOf(file);
    return this.tools().filter((t) => this.projectOf(t.file) === project);
  }

  /** The models of the project a file belongs to (see toolsOfProject). */
  modelsOfProject(file: string) {
    const project = this.projectOf(file);
    return this.index.models().filter((m) => this.projectOf(m.file) === project);
  }

  private lastTools: ReturnType<typeof callableTools> | undefined;

  private schedule(): void {
    clearTimeout(this.timer);
    this.trace?.scheduled();
    // A reading still under way when the time is up is waited for: the re-check sees the last change.
    this.timer = setTimeout(() => void this.turn.then(() => this.recheck()), this.delayMs);
  }

  /** What the runs since the last publish found: the files whose diagnostics may differ, whether a declaration
   * changed, and the last run's context. Several runs (one per keystroke of a burst) add up to one publish. */
  private unpublished: { changed: Set<string>; declarationsChanged: boolean; context: ReturnType<CheckEngine['run']>['context'] } | undefined;
  /** How long the engine's last run took (a slow one is not repeated per keystroke; see readDocument). */
  private lastCheckMs = 0;

  /** Runs the engine over what the index read since its last run (nothing read: the engine returns at once, so the
   * debounce's end after a change checked ahead only publishes what that run found). */
  private check(): void {
    const started = performance.now();
    // The index says which files it read again since the last run, so the engine compares only those.
    const changed = this.index.takeChanged();
    const run = this.engine.run(this.index.modelsByFile(), changed);
    // An engine's first run judges everything, and a run over nothing read costs nothing: neither says what a
    // keystroke's run costs.
    if (changed.size) this.lastCheckMs = this.workflowsChecked ? performance.now() - started : 0;
    if (this.unpublished) {
      for (const file of run.changed) this.unpublished.changed.add(file);
      this.unpublished.declarationsChanged ||= run.declarationsChanged;
      this.unpublished.context = run.context;
    } else this.unpublished = { changed: new Set(run.changed), declarationsChanged: run.declarationsChanged, context: run.context };
  }

  private newEngine(): CheckEngine {
    this.workflowsChecked = false;
    const trace = this.trace;
    return new CheckEngine({ projectOf: this.projectOf, revisionOf: this.revisionOf, ...(trace ? { onPhase: (phase: string, ms: number) => trace.phase(phase, ms) } : {}) });
  }

  /** Publishes again every file whose diagnostics, as the settings now filter them, differ from what was published. */
  private republish(): void {
    this.publishFiles(new Set([...this.engine.files(), ...this.published.keys(), ...this.suppressing()]));
    this.workflows.republish();
    this.sendStatus(this.lastContextFiles, this.tools());
  }

  /** Files with a suppression comment (which may be reported as hiding nothing). */
  private suppressing(): string[] {
    return [...this.index.allModels()].map((m) => m.file).filter((f) => this.index.text(f)?.includes('mcp-workflow-disable-'));
  }

  /** Publishes the files whose diagnostics changed; returns how many it published. */
  private publishFiles(files: Iterable<string>): number {
    let published = 0;
    for (const file of files) {
      const after = this.reported(file);
      const key = JSON.stringify(after);
      if ((this.published.get(file)?.key ?? '[]') === key) continue;
      this.problems += after.length - (this.published.get(file)?.count ?? 0);
      this.publisher.publish(file, after);
      published++;
      if (after.length) this.published.set(file, { key, count: after.length });
      else this.published.delete(file);
    }
    return published;
  }

  private lastContextFiles: readonly { prompts: unknown[] }[] = [];

  /** The prompts of the last context counted, counted again only for another context. */
  private promptCount: { of: readonly { prompts: unknown[] }[]; count: number } | undefined;

  private sendStatus(models: readonly { prompts: unknown[] }[], tools: readonly unknown[]): void {
    this.lastContextFiles = models;
    if (this.promptCount?.of !== models) this.promptCount = { of: models, count: models.reduce((n, m) => n + m.prompts.length, 0) };
    this.publisher.status({ files: models.length, prompts: this.promptCount.count, tools: tools.length, problems: this.problems + this.workflows.problemCount() });
  }

  /** Checks what the changes since the last re-check may change (rules look across files) and publishes the files
   * whose diagnostics changed, clearing fixed files, with what earlier runs since the last publish found. */
  recheck(): void {
    clearTimeout(this.timer);
    this.trace?.start();
    this.check();
    const run = this.unpublished!;
    this.unpublished = undefined;
    // What was published is kept as its JSON, so a re-check serialises only the new diagnostics.
    // A new engine's first run knows nothing of what the last one published: those files are compared too.
    // A new engine's first run also looks at the files with suppression comments, which may hide nothing.
    const files = this.workflowsChecked ? run.changed : new Set([...run.changed, ...this.published.keys(), ...this.suppressing()]);
    const published = this.publishFiles(files);
    this.trace?.lap('publish');
    // Workflow files are checked against the tools: again only when a declaration changed.
    const tools = (this.lastTools = run.context.tools);
    if (run.declarationsChanged || !this.workflowsChecked) this.workflows.check(tools);
    this.workflowsChecked = true;
    this.sendStatus(run.context.files, tools);
    this.trace?.lap('workflows+status');
    this.trace?.end(published);
  }
}
