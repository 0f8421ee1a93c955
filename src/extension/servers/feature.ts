// The Servers and History views, the call panels and the code lenses, wired together: one command table,
// no logic beyond choosing what to open.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { formatStepFromCall, stepFromCall } from '../../core/workflow/step-from-call';
import { DeclarationLenses } from '../code-lens';
import { CallHistory } from '../history/history';
import { HistoryTree, type HistoryNode } from '../history/tree';
import type { ItemRef, PanelContext } from '../panel/call-panel';
import { heavy } from '../lazy';
import { ConfigSource } from './config-source';
import { RESTRICTED_REASON, ServerController } from './controller';
import { InputAnswers } from './inputs';
import { openByName } from './open-by-name';
import { ServerTree, type ServerTreeNode } from './tree';
import { registerWorkflowsFeature } from '../workflows/feature';
import { cliPathOf, openWatchView, stopWatching, watchServer, type WatchContext } from '../watch/watch-commands';
import { ensureLauncher } from '../watch/launcher';
import { registerWatchedDefinitions, watchedDefinitions } from '../watch/server-definitions';

/** What the rest of activation gets back: the lenses to refresh when the language server re-indexes. */
export interface ServersFeature {
  lenses: DeclarationLenses;
  controller: ServerController;
}

export function registerServersFeature(context: vscode.ExtensionContext, client: LanguageClient, log: vscode.LogOutputChannel): ServersFeature {
  const configs = new ConfigSource();
  const inputs = new InputAnswers(context.secrets, context.workspaceState);
  const controller = new ServerController(configs, inputs);
  const history = new CallHistory(context.workspaceState);
  const serverTree = new ServerTree(configs, controller);
  const serversView = vscode.window.createTreeView('mcpWorkflow.servers', { treeDataProvider: serverTree, showCollapseAll: true });
  const historyTree = new HistoryTree(history);
  const historyView = vscode.window.createTreeView('mcpWorkflow.history', { treeDataProvider: historyTree });
  const lenses = new DeclarationLenses(client, () => controller.hub.all().length > 0);
  const showTrust = (): void => {
    serversView.message = vscode.workspace.isTrusted ? undefined : RESTRICTED_REASON;
  };
  showTrust();
  const panels: PanelContext = { extensionUri: context.extensionUri, controller, history, log, copyAsStep: (ref, args) => copyAsStep(ref, args) };

  // Watched entries run the launcher in global storage, rewritten here on each activation to this install's CLI.
  const launcher = (): Promise<string> => ensureLauncher(context.globalStorageUri.fsPath, cliPathOf(context.extensionUri), context.extension.id);
  void launcher().catch((error: unknown) => log.warn(`watch: cannot write the launcher: ${error instanceof Error ? error.message : String(error)}`));
  const watch: WatchContext = {
    extensionUri: context.extensionUri,
    log,
    launcher,
    server: (id) => controller.hub.get(id),
    entryArgs: (id) => {
      const entry = configs.fileOf(id)?.config.servers[id.slice(id.lastIndexOf('#') + 1)];
      return entry?.type === 'stdio' ? entry.args.map((a) => a.value) : undefined;
    },
  };
  const serverId = (node: ServerTreeNode | string | undefined): string | undefined => (typeof node === 'string' ? node : node?.kind === 'server' ? node.id : undefined);
  const commands: Record<string, (...args: never[]) => unknown> = {
    'mcpWorkflow.servers.start': (node: ServerTreeNode) => withId(serverId(node), (id) => controller.start(id)),
    'mcpWorkflow.servers.stop': (node: ServerTreeNode) => withId(serverId(node), (id) => controller.hub.stop(id)),
    'mcpWorkflow.servers.restart': (node: ServerTreeNode) => withId(serverId(node), (id) => controller.restart(id)),
    'mcpWorkflow.servers.showOutput': (node: ServerTreeNode) => withId(serverId(node), (id) => controller.channel(id).show(true)),
    'mcpWorkflow.servers.watch': (node: ServerTreeNode) => withId(serverId(node), (id) => watchServer(watch, id)),
    'mcpWorkflow.servers.stopWatching': (node: ServerTreeNode) => withId(serverId(node), (id) => stopWatching(watch, id)),
    'mcpWorkflow.servers.openWatchView': (node: ServerTreeNode) => withId(serverId(node), (id) => openWatchView(watch, id)),
    'mcpWorkflow.servers.refresh': async () => {
      await configs.reload();
      await Promise.all(controller.hub.all().filter((s) => s.connection).map((s) => controller.hub.refresh(s.id)));
    },
    'mcpWorkflow.servers.openConfig': (node: ServerTreeNode | undefined) => openConfig(configs, serverId(node)),
    'mcpWorkflow.servers.clearInputs': async () => {
      const files = configs.files();
      const n = await inputs.clear(files.map((f) => f.uri.toString()), (file) => Object.values(files.find((f) => f.uri.toString() === file)?.config.inputs ?? {}));
      void vscode.window.showInformationMessage(n ? `Forgot ${n} entered input value${n > 1 ? 's' : ''}; servers and workflows ask again when they next need them.` : 'No entered input values were remembered.');
    },
    'mcpWorkflow.openItem': (ref: ItemRef | ServerTreeNode) => openItem(ref),
    'mcpWorkflow.driveStateMachine': (node: ServerTreeNode) => {
      if (node?.kind === 'tool') heavy().openCallPanel(panels, { serverId: node.serverId, kind: 'tool', name: node.tool.name }).drive();
    },
    'mcpWorkflow.callTool': (name?: string) => openByName(controller, 'tool', name, (ref) => heavy().openCallPanel(panels, ref)),
    'mcpWorkflow.getPrompt': (name?: string) => openByName(controller, 'prompt', name, (ref) => heavy().openCallPanel(panels, ref)),
    'mcpWorkflow.history.rerun': (node: HistoryNode) => withEntry(node, (e) => heavy().openCallPanel(panels, { serverId: e.serverId, kind: e.kind, name: e.name }, e.args).runWith(e.args)),
    'mcpWorkflow.history.edit': (node: HistoryNode) => withEntry(node, (e) => heavy().openCallPanel(panels, { serverId: e.serverId, kind: e.kind, name: e.name }, e.args)),
    'mcpWorkflow.history.copyAsStep': (node: HistoryNode) => withEntry(node, (e) => copyAsStep({ serverId: e.serverId, kind: e.kind, name: e.name }, e.args)),
    'mcpWorkflow.history.clear': () => history.clear(),
    'mcpWorkflow.manageTrust': () => vscode.commands.executeCommand('workbench.trust.manage'),
  };
  for (const [id, run] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown));

  const syncServers = (): void => {
    void controller.hub.setServers(configs.declarations()).then(() => lenses.refresh());
  };
  context.subscriptions.push(
    configs,
    controller,
    serverTree,
    serversView,
    historyTree,
    historyView,
    history,
    lenses,
    configs.onDidChange(syncServers),
    vscode.workspace.onDidGrantWorkspaceTrust(showTrust),
    vscode.languages.registerCodeLensProvider(
      ['rust', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'go'].map((language) => ({ scheme: 'file', language })),
      lenses,
    ),
  );
  // Where the editor offers MCP server definition providers (1.101+), watched entries are published there too; in an
  // untrusted workspace none is (the entry runs a program).
  const definitionsChanged = new vscode.EventEmitter<void>();
  const provider = registerWatchedDefinitions(vscode, () => (vscode.workspace.isTrusted ? watchedDefinitions(configs.files()) : []), definitionsChanged.event, (error) =>
    log.warn(`watch: the editor refused the MCP server definition provider (${error instanceof Error ? error.message : String(error)}); watched servers are in mcp.json only`));
  if (provider) {
    log.info('watch: watched servers are also offered through the MCP server definition provider');
    context.subscriptions.push(provider, definitionsChanged, configs.onDidChange(() => definitionsChanged.fire()), vscode.workspace.onDidGrantWorkspaceTrust(() => definitionsChanged.fire()));
  }
  registerWorkflowsFeature(context, configs, controller, log, inputs);
  void configs.reload();
  return { lenses, controller };

  function openItem(ref: ItemRef | ServerTreeNode): void {
    if ('name' in ref) heavy().openCallPanel(panels, ref);
    else if (ref.kind === 'tool') heavy().openCallPanel(panels, { serverId: ref.serverId, kind: 'tool', name: ref.tool.name });
    else if (ref.kind === 'prompt') heavy().openCallPanel(panels, { serverId: ref.serverId, kind: 'prompt', name: ref.prompt.name });
    else if (ref.kind === 'resource') heavy().openCallPanel(panels, { serverId: ref.serverId, kind: 'resource', name: 'uri' in ref.resource ? ref.resource.uri : ref.resource.uriTemplate });
  }

  async function copyAsStep(ref: ItemRef, args: Record<string, unknown>): Promise<void> {
    if (ref.kind !== 'tool') {
      void vscode.window.showInformationMessage('Only tool calls are workflow steps; prompts and resources are read by the client, not run by a workflow.');
      return;
    }
    const keys = Object.keys(args);
    const picked = keys.length
      ? await vscode.window.showQuickPick(
          keys.map((k) => ({ label: k, description: JSON.stringify(args[k]).slice(0, 80) })),
          { canPickMany: true, title: `Copy ${ref.name} as a workflow step`, placeHolder: 'Which arguments become workflow inputs (${inputs.NAME})? None: press Enter' },
        )
      : [];
    if (picked === undefined) return;
    await vscode.env.clipboard.writeText(formatStepFromCall(stepFromCall(ref.name, args, picked.map((p) => p.label))));
    void vscode.window.showInformationMessage(`Copied the ${ref.name} step to the clipboard; paste it into a workflow's "steps".`);
  }

  async function withEntry(node: HistoryNode | undefined, run: (entry: Extract<HistoryNode, { kind: 'call' }>['entry']) => unknown): Promise<void> {
    if (node?.kind !== 'call') return;
    const entry = history.get(node.entry.id) ?? node.entry;
    if (!controller.hub.get(entry.serverId)) {
      void vscode.window.showWarningMessage(`The server "${entry.serverName}" is no longer in any .vscode/mcp.json.`);
      return;
    }
    await run(entry);
  }
}

async function withId(id: string | undefined, run: (id: string) => unknown): Promise<void> {
  if (id) await run(id);
}

async function openConfig(configs: ConfigSource, serverId: string | undefined): Promise<void> {
  const file = serverId ? configs.fileOf(serverId) : configs.files()[0];
  if (file) {
    const offset = serverId ? file.config.servers[serverId.slice(serverId.lastIndexOf('#') + 1)]?.offset : undefined;
    const document = await vscode.workspace.openTextDocument(file.uri);
    const position = offset !== undefined ? document.positionAt(offset) : undefined;
    await vscode.window.showTextDocument(document, position ? { selection: new vscode.Range(position, position) } : {});
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage('Open a folder first: .vscode/mcp.json belongs to a workspace folder.');
    return;
  }
  const uri = vscode.Uri.joinPath(folder.uri, '.vscode', 'mcp.json');
  const template = '{\n  "servers": {\n    "my-server": {\n      "type": "stdio",\n      "command": "node",\n      "args": ["${workspaceFolder}/dist/server.js"]\n    }\n  }\n}\n';
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(template));
  await vscode.window.showTextDocument(uri);
}
