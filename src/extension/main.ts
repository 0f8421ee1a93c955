// The extension: starts the language server, shows what it indexed, and registers the Servers, History and
// Workflows views with their panels. Wires, holds no logic. What connects to servers and runs workflows is
// loaded on first use (lazy/), so activation loads the language client and the views only.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IndexStatusNotification, ListWorkspaceRequest } from '../shared/protocol';
import { createLanguageClient } from './language-client';
import { reportHeavyLoad } from './lazy';
import { formatDuration } from '../shared/format';
import { formatListReport } from './list-output';
import { registerServersFeature } from './servers/feature';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('MCP Workflow', { log: true });
  reportHeavyLoad((ms) => output.info(`loaded the server and workflow-run half (extension-heavy.js) on first use in ${ms} ms`));
  client = createLanguageClient(context, output);

  const status = vscode.window.createStatusBarItem('mcpWorkflow.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'MCP Workflow';
  status.command = 'mcpWorkflow.listWorkspace';
  status.text = '$(sync~spin) MCP: indexing';
  status.show();
  context.subscriptions.push(output, status, client);
  const servers = registerServersFeature(context, client, output);

  let indexed: string | undefined;
  client.onNotification(IndexStatusNotification.method, (p: IndexStatusNotification.Params) => {
    if (p.indexedInMs !== undefined) {
      indexed = `Index ready in ${formatDuration(p.indexedInMs)}.`;
      output.info(`index ready in ${p.indexedInMs} ms: ${p.files} source files read, ${p.prompts} prompts, ${p.tools} tools, ${p.problems} problems`);
    }
    status.text = `$(checklist) MCP: ${p.prompts} prompts, ${p.tools} tools`;
    status.tooltip = [indexed, `${p.files} source files read, ${p.problems} problems. Click to list them.`].filter(Boolean).join(' ');
    // A file's declarations may have moved: the code lenses ask again.
    servers.lenses.refresh();
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
  output.info(`activated in ${Date.now() - started} ms (views registered; the language server starts now)`);
  await client.start();
  output.info(`language server ready ${Date.now() - started} ms after activation began`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
