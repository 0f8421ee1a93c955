// The extension: starts the language server, shows what it indexed, and wires the commands. No logic here.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { IndexStatusNotification, ListWorkspaceRequest, type ServerSettings } from '../shared/protocol';
import { formatListReport } from './list-output';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('MCP Workflow', { log: true });
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...['rust', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({ scheme: 'file', language })),
      // Workflow files are JSON (or JSONC): picked by name, checked against the workspace's tools.
      { scheme: 'file', pattern: '**/*.workflow.json' },
    ],
    synchronize: { fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.{rs,ts,tsx,js,jsx,mjs,cjs}'), vscode.workspace.createFileSystemWatcher('**/*.workflow.json')] },
    outputChannel: output,
    initializationOptions: readSettings(),
  };
  client = new LanguageClient('mcpWorkflow', 'MCP Workflow', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem('mcpWorkflow.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'MCP Workflow';
  status.command = 'mcpWorkflow.listWorkspace';
  status.text = '$(sync~spin) MCP: indexing';
  status.show();
  context.subscriptions.push(output, status, client);

  client.onNotification(IndexStatusNotification.method, (p: IndexStatusNotification.Params) => {
    status.text = `$(checklist) MCP: ${p.prompts} prompts, ${p.tools} tools`;
    status.tooltip = `${p.files} source files read, ${p.problems} problems. Click to list them.`;
  });

  context.subscriptions.push(
    vscode.commands.registerCommand('mcpWorkflow.listWorkspace', async () => {
      const report = await client?.sendRequest<ListWorkspaceRequest.Result>(ListWorkspaceRequest.method);
      if (!report) return;
      output.clear();
      output.appendLine(formatListReport(report, (f) => vscode.workspace.asRelativePath(f)));
      output.show(true);
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** The `mcpWorkflow.*` settings the language server reads when it starts. */
function readSettings(): ServerSettings {
  const config = vscode.workspace.getConfiguration('mcpWorkflow');
  const revision = config.get<string>('protocolRevision', '');
  return { includeTests: config.get<boolean>('includeTests', false), ...(revision ? { protocolRevision: revision } : {}) };
}
