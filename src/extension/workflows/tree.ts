// The Workflows view: every *.workflow.json with its server (Run inline, click to open the file), and under
// each, its past runs, newest first (outcome, duration, run id; click to open the run in the run view).
import * as vscode from 'vscode';
import type { RunRecord } from '../../core/workflow/run-history';
import { formatDuration } from '../../shared/format';
import type { PastRun, RunHistory } from './run-history';
import type { WorkflowFile, WorkflowFiles } from './workflow-files';

export type WorkflowNode = { kind: 'workflow'; file: WorkflowFile } | { kind: 'run'; run: PastRun };

/** How many past runs a workflow shows; older ones stay reachable through Open Run from Audit Log. */
const SHOWN_RUNS = 20;

const OUTCOME_ICON: Record<NonNullable<RunRecord['outcome']> | 'running', [string, string | undefined]> = {
  done: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  denied: ['circle-slash', 'testing.iconFailed'],
  'rolled-back': ['discard', 'editorWarning.foreground'],
  'rollback-failed': ['warning', 'testing.iconFailed'],
  interrupted: ['debug-stop', 'editorWarning.foreground'],
  running: ['loading~spin', undefined],
};

export class WorkflowTree implements vscode.TreeDataProvider<WorkflowNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<WorkflowNode | WorkflowNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];
  /**
   * The workflow rows by file, the same objects from one drawing to the next: a run's history change redraws only
   * its own workflow's row. Redrawing the whole view would drop every row's handle for a moment, and a click on
   * another row's inline Run in that moment would run the command with no workflow (the picker opens instead).
   */
  private readonly rows = new Map<string, Extract<WorkflowNode, { kind: 'workflow' }>>();

  constructor(private readonly files: WorkflowFiles, private readonly history: RunHistory) {
    this.subscriptions = [files.onDidChange(() => this.emitter.fire(undefined)), history.onDidChange((ids) => this.historyChanged(ids))];
  }

  private historyChanged(ids: readonly string[] | undefined): void {
    if (!ids) {
      this.emitter.fire(undefined);
      return;
    }
    const changed = [...this.rows.values()].filter((row) => row.file.workflow && ids.includes(row.file.workflow.id));
    // A row that gains its first run (or loses its last) changes its expandability, which VS Code takes only from a
    // redrawn parent: then the whole view is drawn again, else only the rows whose runs changed.
    if (changed.some((row) => this.expandable.has(row) !== this.history.of(row.file.workflow!.id).length > 0)) this.emitter.fire(undefined);
    else if (changed.length) this.emitter.fire(changed);
  }

  /** The rows drawn as expandable (with runs) when last drawn. */
  private readonly expandable = new WeakSet<WorkflowNode>();

  async getChildren(node?: WorkflowNode): Promise<WorkflowNode[]> {
    if (!node) {
      // The view is drawn for the first time: the files are read now, not at activation.
      await this.files.ensureLoaded();
      const seen = new Set<string>();
      const rows = this.files.all().map((file) => {
        const key = file.uri.toString();
        seen.add(key);
        const row = this.rows.get(key) ?? { kind: 'workflow' as const, file };
        row.file = file;
        this.rows.set(key, row);
        return row;
      });
      for (const key of this.rows.keys()) if (!seen.has(key)) this.rows.delete(key);
      return rows;
    }
    if (node.kind === 'run' || !node.file.workflow) return [];
    return this.history.of(node.file.workflow.id).slice(0, SHOWN_RUNS).map((run) => ({ kind: 'run', run }));
  }

  getTreeItem(node: WorkflowNode): vscode.TreeItem {
    if (node.kind === 'run') return runItem(node.run);
    const item = this.workflowItem(node.file);
    if (item.collapsibleState === vscode.TreeItemCollapsibleState.None) this.expandable.delete(node);
    else this.expandable.add(node);
    return item;
  }

  private workflowItem(file: WorkflowFile): vscode.TreeItem {
    const path = vscode.workspace.asRelativePath(file.uri);
    const runs = file.workflow ? this.history.of(file.workflow.id).length : 0;
    const item = new vscode.TreeItem(file.workflow?.id ?? path, runs > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `workflow|${file.uri.toString()}`;
    const first = file.errors[0];
    item.description = first ? `${file.errors.length} problem${file.errors.length > 1 ? 's' : ''} · ${path}` : `${file.workflow?.server ?? '?'} · ${path}`;
    item.iconPath = new vscode.ThemeIcon(first ? 'error' : 'run-all', first ? new vscode.ThemeColor('errorForeground') : undefined);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${file.workflow?.title ?? file.workflow?.id ?? path}**\n\n`);
    if (file.workflow?.description) tooltip.appendText(`${file.workflow.description}\n\n`);
    if (file.workflow) tooltip.appendText(`server ${file.workflow.server} · ${file.workflow.steps.length} steps${runs ? ` · ${runs} past run${runs > 1 ? 's' : ''}` : ''}\n`);
    if (first) tooltip.appendText(`${path}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}`);
    item.tooltip = tooltip;
    item.contextValue = first ? 'workflow.broken' : 'workflow';
    item.resourceUri = file.uri;
    item.command = { command: 'vscode.open', title: 'Open Workflow File', arguments: [file.uri] };
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }
}

function runItem(run: PastRun): vscode.TreeItem {
  const r = run.record;
  const state = r.outcome ?? 'running';
  const item = new vscode.TreeItem(`${state}${r.continued ? ` (continued ${r.continued}×)` : ''}`, vscode.TreeItemCollapsibleState.None);
  item.id = `run|${run.uri.toString()}`;
  const when = new Date(r.startedAt);
  const stamp = Number.isNaN(when.getTime()) ? r.startedAt : when.toLocaleString();
  item.description = `${stamp}${r.durationMs !== undefined ? ` · ${formatDuration(r.durationMs)}` : ''} · ${r.runId}`;
  const [icon, color] = OUTCOME_ICON[state];
  item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
  item.tooltip = `${r.workflowId} run ${r.runId} on ${r.server}\nstarted ${stamp}\n${state}${r.message ? `: ${r.message}` : ''}`;
  item.contextValue = 'workflowRun';
  item.command = { command: 'mcpWorkflow.openRunLog', title: 'Open Run', arguments: [run.uri] };
  return item;
}
