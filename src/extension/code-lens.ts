// "▶ Call tool" / "▶ Get prompt" above each tool and prompt the language server found in a source file. The
// language server gives the positions; this only attaches the commands, and shows nothing in Restricted Mode,
// where nothing configured by the workspace may be started.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DeclarationsRequest } from '../shared/protocol';

export class DeclarationLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscription = vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire());

  /** `hasServers`: whether any .vscode/mcp.json declares a server (without one a lens could only say so). */
  constructor(
    private readonly client: LanguageClient,
    private readonly hasServers: () => boolean,
  ) {}

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted || !this.client.isRunning() || !this.hasServers()) return [];
    const declarations = await this.client.sendRequest<DeclarationsRequest.Result>(DeclarationsRequest.method, { uri: document.uri.toString() } satisfies DeclarationsRequest.Params, token);
    return declarations.map((d) => {
      const line = new vscode.Range(d.range.start.line, 0, d.range.start.line, 0);
      const command = d.kind === 'tool' ? 'mcpWorkflow.callTool' : 'mcpWorkflow.getPrompt';
      return new vscode.CodeLens(line, { title: d.kind === 'tool' ? '$(play) Call tool' : '$(play) Get prompt', tooltip: `${d.kind === 'tool' ? 'Call' : 'Get'} ${d.name} on a running server from .vscode/mcp.json`, command, arguments: [d.name] });
    });
  }

  /** Asks VS Code for the lenses again (after the language server re-read a file, or trust was granted). */
  refresh(): void {
    this.emitter.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
