// The language server's state: the workspace index (files on disk, overlaid by open documents), the last
// diagnostics per file, and a debounced re-check that publishes only what changed.
import type { Diagnostic } from '../core/diagnostic';
import { checkWorkspace, callableTools, createCheckContext } from '../core/check';
import { languageOf } from '../core/extract';
import { nodeHost } from '../core/node-host';
import { createProjectResolver } from '../core/project';
import { createRevisionResolver } from '../core/protocol-revision';
import { WorkspaceIndex } from '../core/workspace';
import type { ServerSettings } from '../shared/protocol';
import { isWorkflowFile, WorkflowFiles } from './workflow-files';

export interface Publisher {
  publish(file: string, diagnostics: Diagnostic[]): void;
  status(counts: { files: number; prompts: number; tools: number; problems: number }): void;
}

export class Session {
  /** Made again when a setting that decides what is read changes (see applySettings). */
  index: WorkspaceIndex;
  private folders: string[] = [];
  /** The open documents' texts, read again over the disk's when the index is made again. */
  private readonly open = new Map<string, string>();
  /** The reading of the folders (and of a settings change), which a settings change waits for. */
  private loading: Promise<void> = Promise.resolve();
  private diagnostics = new Map<string, Diagnostic[]>();
  private readonly published = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly projectOf = createProjectResolver();
  private revisionOf: ReturnType<typeof createRevisionResolver>;
  /** *.workflow.json files, checked against the tools of the sources above. */
  readonly workflows: WorkflowFiles;

  constructor(private readonly publisher: Publisher, private readonly delayMs = 150, private settings: ServerSettings = {}) {
    this.index = new WorkspaceIndex({ includeTests: settings.includeTests === true });
    this.revisionOf = createRevisionResolver(this.projectOf, settings.protocolRevision);
    this.workflows = new WorkflowFiles((file, diagnostics) => publisher.publish(file, diagnostics));
  }

  /** Reads every source file and workflow file of the workspace folders, then checks once. */
  async loadFolders(folders: string[]): Promise<void> {
    this.folders = folders;
    this.loading = (async () => {
      await this.index.addPaths(nodeHost, folders);
      await this.workflows.loadFolders(folders);
    })();
    await this.loading;
    this.recheck();
  }

  /**
   * The `mcpWorkflow.*` settings changed (`workspace/didChangeConfiguration`): a new protocol revision re-judges
   * what was read; reading test code or not reads the folders again (open documents over the disk), then re-checks.
   */
  async applySettings(next: ServerSettings): Promise<void> {
    const tests = next.includeTests === true;
    const reread = tests !== (this.settings.includeTests === true);
    if (!reread && next.protocolRevision === this.settings.protocolRevision) return;
    this.settings = next;
    this.revisionOf = createRevisionResolver(this.projectOf, next.protocolRevision);
    if (reread) {
      const previous = this.loading;
      this.loading = (async () => {
        await previous;
        const index = new WorkspaceIndex({ includeTests: tests });
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

  /** An open document changed: re-read it now, re-check soon (typing bursts give one check). */
  async updateDocument(file: string, text: string): Promise<void> {
    if (isWorkflowFile(file)) {
      // A workflow file changes no tool, so only it is checked again, at once (one file is quick).
      this.workflows.update(file, text);
      this.workflows.check(this.tools(), file);
      return;
    }
    if (!languageOf(file)) return;
    this.open.set(file, text);
    if (this.index.leavesOut(file)) return;
    await this.index.update(file, text);
    this.schedule();
  }

  /** A file changed or vanished on disk. */
  async refreshFile(file: string, deleted: boolean): Promise<void> {
    if (isWorkflowFile(file)) {
      await this.workflows.refresh(file, deleted);
      if (!deleted) this.workflows.check(this.tools(), file);
      return;
    }
    if (!languageOf(file)) return;
    // Closed (or changed on disk while not open): the disk's text counts.
    this.open.delete(file);
    if (this.index.leavesOut(file)) return;
    if (deleted) await this.index.remove(file);
    else await this.index.updateBytes(file, await nodeHost.readFile(file)).catch(() => this.index.remove(file));
    this.schedule();
  }


  diagnosticsOf(file: string): Diagnostic[] {
    return isWorkflowFile(file) ? this.workflows.diagnosticsOf(file) : (this.diagnostics.get(file) ?? []);
  }

  /** The tools of the last re-check (a workflow file's keystroke need not work out the programs again). */
  tools() {
    return this.lastTools ?? callableTools(this.index.models(), this.projectOf);
  }

  private lastTools: ReturnType<typeof callableTools> | undefined;

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.recheck(), this.delayMs);
  }

  /** Checks the whole workspace (rules look across files) and publishes per file, clearing fixed files. */
  recheck(): void {
    clearTimeout(this.timer);
    const models = this.index.models();
    // One context for the rules and the workflow files: its programs and tools are worked out once per re-check.
    const context = createCheckContext(models, this.projectOf, this.revisionOf);
    const all = checkWorkspace(models, {}, context);
    const next = new Map<string, Diagnostic[]>();
    for (const d of all) {
      const list = next.get(d.file);
      if (list) list.push(d);
      else next.set(d.file, [d]);
    }
    // What was published is kept as its JSON, so a re-check serialises only the new diagnostics.
    for (const file of new Set([...this.published.keys(), ...next.keys()])) {
      const after = next.get(file) ?? [];
      const key = JSON.stringify(after);
      if ((this.published.get(file) ?? '[]') === key) continue;
      this.publisher.publish(file, after);
      if (after.length) this.published.set(file, key);
      else this.published.delete(file);
    }
    this.diagnostics = next;
    // Tools may have changed, so every workflow file is checked again against them.
    const tools = (this.lastTools = context.tools);
    this.workflows.check(tools);
    this.publisher.status({ files: models.length, prompts: models.reduce((n, m) => n + m.prompts.length, 0), tools: tools.length, problems: all.length + this.workflows.problemCount() });
  }
}
