// The Workflows view, the "▶ Run workflow" code lens of workflow files, and the run command, wired to the
// Servers view's hub.
import * as vscode from 'vscode';
import type { ConfigSource } from '../servers/config-source';
import type { ServerController } from '../servers/controller';
import type { WorkflowPasswords } from '../servers/inputs';
import { RunHistory } from './run-history';
import type { RunContext } from './run-workflow';
import { heavy } from '../lazy';
import { WorkflowTree, type WorkflowNode } from './tree';
import { WorkflowFiles } from './workflow-files';

export function registerWorkflowsFeature(context: vscode.ExtensionContext, configs: ConfigSource, controller: ServerController, log: vscode.LogOutputChannel, passwords: WorkflowPasswords): void {
  const files = new WorkflowFiles();
  const history = new RunHistory();
  const tree = new WorkflowTree(files, history);
  const view = vscode.window.createTreeView('mcpWorkflow.workflows', { treeDataProvider: tree });
  const run: RunContext = { extensionUri: context.extensionUri, log, configs, controller, passwords };
  const lenses = new RunLenses();
  context.subscriptions.push(
    files,
    history,
    tree,
    view,
    lenses,
    vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/*.workflow.json' }, lenses),
    vscode.commands.registerCommand('mcpWorkflow.openRunLog', async (target?: vscode.Uri) => {
      await files.ensureLoaded();
      await heavy().openRunLog(run, files, target instanceof vscode.Uri ? target : undefined);
    }),
    vscode.commands.registerCommand('mcpWorkflow.runWorkflow', async (target?: vscode.Uri | WorkflowNode) => {
      const uri = target instanceof vscode.Uri ? target : target?.kind === 'workflow' ? target.file.uri : await pickWorkflow(files);
      if (uri) await heavy().runWorkflow(run, uri);
    }),
  );
  void history.reload();
}

/** "▶ Run workflow" on the first line of every workflow file (none in Restricted Mode). */
class RunLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscription = vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire());

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted) return [];
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: '$(play) Run workflow', tooltip: 'Run this workflow against its server from .vscode/mcp.json', command: 'mcpWorkflow.runWorkflow', arguments: [document.uri] })];
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** The active editor's workflow file, else one picked from the workspace's. */
async function pickWorkflow(files: WorkflowFiles): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.path.endsWith('.workflow.json')) return active;
  await files.ensureLoaded();
  const all = files.all();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('No *.workflow.json in this workspace (docs/workflow-files.md says how to write one).');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    all.map((f) => ({ label: f.workflow?.id ?? vscode.workspace.asRelativePath(f.uri), description: f.workflow?.server, detail: vscode.workspace.asRelativePath(f.uri), uri: f.uri })),
    { title: 'Run workflow' },
  );
  return picked?.uri;
}
