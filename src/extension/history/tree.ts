// The History view: the window's calls grouped by server, newest first.
import * as vscode from 'vscode';
import type { CallHistory, HistoryEntry } from './history';

export type HistoryNode = { kind: 'server'; serverName: string } | { kind: 'call'; entry: HistoryEntry };

export class HistoryTree implements vscode.TreeDataProvider<HistoryNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<HistoryNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly history: CallHistory) {
    this.subscription = history.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: HistoryNode): HistoryNode[] {
    const entries = this.history.entries();
    if (!node) return [...new Set(entries.map((e) => e.serverName))].map((serverName) => ({ kind: 'server', serverName }));
    if (node.kind === 'server') return entries.filter((e) => e.serverName === node.serverName).map((entry) => ({ kind: 'call', entry }));
    return [];
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    if (node.kind === 'server') {
      const item = new vscode.TreeItem(node.serverName, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `history|${node.serverName}`;
      item.iconPath = new vscode.ThemeIcon('server-process');
      return item;
    }
    const e = node.entry;
    const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.None);
    item.id = `history|${e.id}`;
    item.description = `${e.summary} · ${e.durationMs} ms · ${new Date(e.time).toLocaleTimeString()}`;
    item.iconPath =
      e.outcome === 'ok'
        ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
        : new vscode.ThemeIcon(e.outcome === 'tool-error' ? 'warning' : 'error', new vscode.ThemeColor(e.outcome === 'tool-error' ? 'problemsWarningIcon.foreground' : 'errorForeground'));
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${e.kind} ${e.name}** on ${e.serverName}: ${e.summary}\n\n`);
    tooltip.appendCodeblock(JSON.stringify(e.args, null, 2), 'json');
    item.tooltip = tooltip;
    item.contextValue = 'call';
    item.command = { command: 'mcpWorkflow.history.edit', title: 'Edit Arguments and Run', arguments: [node] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
