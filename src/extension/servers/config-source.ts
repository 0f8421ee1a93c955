// The .vscode/mcp.json of every workspace folder, read with the core's reader and watched: each change
// re-reads the file, updates the hub's servers and the file's problems (shown in Problems and in the tree).
import * as vscode from 'vscode';
import { currentText } from '../current-text';
import { parseMcpConfig, type McpConfig, type McpConfigError } from '../../core/mcp/config';
import type { ServerDeclaration } from '../../core/mcp/server-hub';

/** One folder's mcp.json as last read. */
export interface ConfigFile {
  folder: vscode.WorkspaceFolder;
  uri: vscode.Uri;
  config: McpConfig;
}

/** The configs of the workspace; `onDidChange` fires after any of them was read again. */
export class ConfigSource implements vscode.Disposable {
  private readonly configs = new Map<string, ConfigFile>();
  /** Per file, the servers of its last reading without problems: a half-typed edit does not stop them. */
  private readonly lastGood = new Map<string, ServerDeclaration[]>();
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly problems = vscode.languages.createDiagnosticCollection('mcp.json');
  private readonly disposables: vscode.Disposable[] = [];
  private signature: string | undefined;
  readonly onDidChange = this.emitter.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.vscode/mcp.json');
    const reread = (): void => void this.reload();
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reread),
      watcher.onDidChange(reread),
      watcher.onDidDelete(reread),
      vscode.workspace.onDidChangeWorkspaceFolders(reread),
      // An unsaved edit counts too, so the tree follows what the person types.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.configs.has(e.document.uri.toString()) || e.document.uri.path.endsWith('/.vscode/mcp.json')) void this.reload();
      }),
      this.problems,
      this.emitter,
    );
  }

  files(): ConfigFile[] {
    return [...this.configs.values()];
  }

  /** The config that declares a hub server id. */
  fileOf(serverId: string): ConfigFile | undefined {
    return this.configs.get(serverId.slice(0, serverId.lastIndexOf('#')));
  }

  /**
   * Every well-formed server of every config, as the hub tracks them. While a file has problems (it is being
   * edited, or a server entry is broken), the servers of its last clean reading stay, so they keep running.
   */
  declarations(): ServerDeclaration[] {
    return this.files().flatMap((file) => {
      const key = file.uri.toString();
      const now = Object.values(file.config.servers).map((entry) => ({
        id: `${key}#${entry.name}`,
        name: entry.name,
        configFile: file.uri.fsPath,
        fingerprint: JSON.stringify(entry, (k, value: unknown) => (k === 'offset' ? undefined : value)),
      }));
      if (file.config.errors.length === 0) {
        this.lastGood.set(key, now);
        return now;
      }
      const kept = (this.lastGood.get(key) ?? []).filter((d) => !now.some((n) => n.id === d.id));
      return [...now, ...kept];
    });
  }

  /** Reads every folder's .vscode/mcp.json (the open buffer's text when it is open). */
  async reload(): Promise<void> {
    const next = new Map<string, ConfigFile>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, '.vscode', 'mcp.json');
      const text = await readText(uri);
      if (text === undefined) continue;
      next.set(uri.toString(), { folder, uri, config: parseMcpConfig(text, vscode.workspace.asRelativePath(uri)) });
    }
    // A watcher often reports one save several times: an unchanged reading changes nothing (and redraws nothing).
    const signature = [...next.values()].map((f) => `${f.uri.toString()}\u0000${f.config.text}`).join('\u0001');
    if (signature === this.signature) return;
    this.signature = signature;
    this.configs.clear();
    for (const [key, file] of next) this.configs.set(key, file);
    this.problems.clear();
    for (const file of next.values()) this.problems.set(file.uri, file.config.errors.map(toDiagnostic));
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  return currentText(uri).catch(() => undefined);
}

function toDiagnostic(error: McpConfigError): vscode.Diagnostic {
  const range = new vscode.Range(error.range.start.line, error.range.start.character, error.range.end.line, error.range.end.character);
  const diagnostic = new vscode.Diagnostic(range, error.message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'mcp-workflow';
  return diagnostic;
}
