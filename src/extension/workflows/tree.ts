// The Workflows view: every *.workflow.json with its server; Run inline, click to open the file.
import * as vscode from 'vscode';
import type { WorkflowFile, WorkflowFiles } from './workflow-files';

export type WorkflowNode = { kind: 'workflow'; file: WorkflowFile };

export class WorkflowTree implements vscode.TreeDataProvider<WorkflowNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<WorkflowNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly files: WorkflowFiles) {
    this.subscription = files.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: WorkflowNode): WorkflowNode[] {
    return node ? [] : this.files.all().map((file) => ({ kind: 'workflow', file }));
  }

  getTreeItem(node: WorkflowNode): vscode.TreeItem {
    const { file } = node;
    const path = vscode.workspace.asRelativePath(file.uri);
    const item = new vscode.TreeItem(file.workflow?.id ?? path, vscode.TreeItemCollapsibleState.None);
    item.id = `workflow|${file.uri.toString()}`;
    const first = file.errors[0];
    item.description = first ? `${file.errors.length} problem${file.errors.length > 1 ? 's' : ''} · ${path}` : `${file.workflow?.server ?? '?'} · ${path}`;
    item.iconPath = new vscode.ThemeIcon(first ? 'error' : 'run-all', first ? new vscode.ThemeColor('errorForeground') : undefined);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${file.workflow?.title ?? file.workflow?.id ?? path}**\n\n`);
    if (file.workflow?.description) tooltip.appendText(`${file.workflow.description}\n\n`);
    if (file.workflow) tooltip.appendText(`server ${file.workflow.server} · ${file.workflow.steps.length} steps\n`);
    if (first) tooltip.appendText(`${path}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}`);
    item.tooltip = tooltip;
    item.contextValue = first ? 'workflow.broken' : 'workflow';
    item.resourceUri = file.uri;
    item.command = { command: 'vscode.open', title: 'Open Workflow File', arguments: [file.uri] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
