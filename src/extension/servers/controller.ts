// Wires the core's ServerHub to VS Code: workspace trust decides whether anything may start, inputs are asked
// with input boxes, a URL off this machine is confirmed in a modal first, and each server logs to an output
// channel of its own (log-level aware: stderr at info, the protocol exchange at trace).
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { resolveMcpServer, type ResolvedMcpServer } from '../../core/mcp/config-resolve';
import { ServerHub, type LogLevel, type ServerDeclaration, type StartResult } from '../../core/mcp/server-hub';
import type { ConfigSource } from './config-source';
import type { InputAnswers } from './inputs';
import { heavy } from '../lazy';
import { offerTrust, RESTRICTED_REASON } from './trust';

export { offerTrust, RESTRICTED_REASON } from './trust';

/** Why nothing starts in Restricted Mode; shown in the tree, in refusals and in the panel. */
/** The hub of the window and what it needs from VS Code. */
export class ServerController implements vscode.Disposable {
  readonly hub: ServerHub;
  private readonly channels = new Map<string, vscode.LogOutputChannel>();
  /** Non-loopback URLs a person allowed in this window. */
  private readonly allowedRemote = new Set<string>();

  constructor(
    private readonly configs: ConfigSource,
    private readonly inputs: InputAnswers,
  ) {
    this.hub = new ServerHub({
      startBlockedReason: () => (vscode.workspace.isTrusted ? undefined : RESTRICTED_REASON),
      resolve: (server) => this.resolve(server),
      confirmRemote: (server, url) => this.confirmRemote(server, url),
      log: (id, level, line) => this.log(id, level, line),
      connect: (name, launch, options) => heavy().connectServer(name, launch, options),
    });
  }

  /** The output channel of a server, made on first use. */
  channel(id: string): vscode.LogOutputChannel {
    let channel = this.channels.get(id);
    if (!channel) {
      const name = this.hub.get(id)?.name ?? id.slice(id.lastIndexOf('#') + 1);
      channel = vscode.window.createOutputChannel(`MCP Server: ${name}`, { log: true });
      this.channels.set(id, channel);
    }
    return channel;
  }

  /** Starts a server and shows why when it cannot start (with the way out, where there is one). */
  async start(id: string): Promise<boolean> {
    return this.explain(id, await this.hub.start(id));
  }

  /** Stops and starts a server (to apply an edited mcp.json), showing why when it cannot start again. */
  async restart(id: string): Promise<boolean> {
    return this.explain(id, await this.hub.restart(id));
  }

  private async explain(id: string, result: StartResult): Promise<boolean> {
    if (result.ok) return true;
    if (result.reason === RESTRICTED_REASON) await offerTrust();
    else {
      const name = this.hub.get(id)?.name ?? id;
      const choice = await vscode.window.showErrorMessage(`MCP server "${name}" did not start: ${result.reason}`, 'Show Output');
      if (choice) this.channel(id).show(true);
    }
    return false;
  }

  dispose(): void {
    void this.hub.dispose();
    for (const channel of this.channels.values()) channel.dispose();
  }

  private async resolve(declaration: ServerDeclaration): Promise<{ ok: true; server: ResolvedMcpServer; secrets: string[] } | { ok: false; message: string }> {
    const file = this.configs.fileOf(declaration.id);
    if (!file) return { ok: false, message: `its mcp.json (${declaration.configFile}) is no longer there` };
    const answers = this.inputs.answersFor(file.uri.toString());
    const result = await resolveMcpServer(file.config, declaration.name, {
      workspaceFolder: file.folder.uri.fsPath,
      env: process.env,
      askInput: (input) => this.inputs.ask(file.uri.toString(), input, declaration.name),
      readFile: async (path) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path))),
      answers,
      userHome: homedir(),
    });
    if (!result.ok) return { ok: false, message: result.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('; ') };
    return { ok: true, server: result.value.server, secrets: result.value.secrets };
  }

  private async confirmRemote(server: ServerDeclaration, url: string): Promise<boolean> {
    if (this.allowedRemote.has(url)) return true;
    const connect = 'Connect';
    const choice = await vscode.window.showWarningMessage(
      `MCP server "${server.name}" is at ${url}, which is not on this machine.`,
      { modal: true, detail: `The workspace's .vscode/mcp.json names this address. Connecting sends your requests (and any headers it configures) there. Connect only if you trust it.` },
      connect,
    );
    if (choice !== connect) return false;
    this.allowedRemote.add(url);
    return true;
  }

  private log(id: string, level: LogLevel, line: string): void {
    const channel = this.channel(id);
    channel[level](line);
  }
}
