// The language client: starts the language server (dist/server.js) over IPC for Rust, TypeScript, JavaScript and
// Python sources and workflow files.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { ServerSettings } from '../shared/protocol';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...['rust', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'go'].map((language) => ({ scheme: 'file', language })),
      // Workflow files are JSON (or JSONC): picked by name, checked against the workspace's tools.
      { scheme: 'file', pattern: '**/*.workflow.json' },
    ],
    // The settings go with initialize; the server then pulls them per folder (workspace/configuration, which the
    // client answers from vscode.workspace.getConfiguration) and again on every change of these sections.
    synchronize: { configurationSection: ['mcpWorkflow', 'files.exclude'], fileEvents: watchers() },
    outputChannel: output,
    initializationOptions: readSettings(),
  };
  return new LanguageClient('mcpWorkflow', 'MCP Workflow', serverOptions, clientOptions);
}

/**
 * What the server hears of the disk: every creation and deletion (a folder deleted, moved or renamed is reported
 * once for the folder, never for the files in it, so the server needs the folder's), and changes of the files it
 * reads (sources, workflow files, the manifests and lock files projects and revisions come from). One watcher for
 * the creations and deletions, so no event comes twice.
 */
function watchers(): vscode.FileSystemWatcher[] {
  const changesOnly = (glob: string) => vscode.workspace.createFileSystemWatcher(glob, true, false, true);
  return [
    vscode.workspace.createFileSystemWatcher('**/*', false, true, false),
    changesOnly('**/*.{rs,ts,tsx,mts,cts,js,jsx,mjs,cjs,py,go}'),
    changesOnly('**/*.workflow.json'),
    changesOnly('**/{Cargo.toml,Cargo.lock,package.json,package-lock.json,pyproject.toml,setup.py,go.mod}'),
  ];
}

/** The mcpWorkflow.* settings the language server starts with, for a server that cannot pull them (the server
 * validates them: values are passed as set). */
function readSettings(): ServerSettings {
  const config = vscode.workspace.getConfiguration('mcpWorkflow');
  const settings: Record<string, unknown> = {};
  for (const key of ['enable', 'rules', 'include', 'exclude', 'maxFileBytes', 'includeTests', 'protocolRevision']) {
    const value = config.get(key);
    if (value !== undefined) settings[key] = value;
  }
  const excluded = vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude') ?? {};
  return { ...(settings as ServerSettings), filesExclude: Object.keys(excluded).filter((glob) => excluded[glob] === true) };
}
