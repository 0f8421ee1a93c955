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
  private readonly emitter = new vscode.EventEmitter<WorkflowNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly files: WorkflowFiles, private readonly history: RunHistory) {
    this.subscriptions = [files.onDidChange(() => this.emitter.fire(undefined)), history.onDidChange(() => this.emitter.fire(undefined))];
  }

  async getChildren(node?: WorkflowNode): Promise<WorkflowNode[]> {
    if (!node) {
      // The view is drawn for the first time: the files are read now, not at activation.
      await this.files.ensureLoaded();
      return this.files.all().map((file) => ({ kind: 'workflow', file }));
    }
    if (node.kind === 'run' || !node.file.workflow) return [];
    return this.history.of(node.file.workflow.id).slice(0, SHOWN_RUNS).map((run) => ({ kind: 'run', run }));
  }

  getTreeItem(node: WorkflowNode): vscode.TreeItem {
    return node.kind === 'run' ? runItem(node.run) : this.workflowItem(node.file);
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
