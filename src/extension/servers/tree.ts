// The Servers view: every server of every .vscode/mcp.json with its state; a running server expands to its
// tools, prompts and resources; a broken mcp.json shows each positioned problem. Read from the hub and the
// config source, redrawn when either changes.
import * as vscode from 'vscode';
import type { Prompt, Resource, ResourceTemplate, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpConfigError } from '../../core/mcp/config';
import { isLoopbackUrl } from '../../core/mcp/loopback';
import { watchedName, watchedServerOf } from '../../core/mcp/watch-entry';
import type { HubServer } from '../../core/mcp/server-hub';
import { hasMachineOutput } from '../../core/workflow/machine-shape';
import type { ConfigSource } from './config-source';
import type { ServerController } from './controller';
import { RESTRICTED_REASON } from './controller';
import { annotationBadges } from './badges';

/** A row of the Servers view. */
export type ServerTreeNode =
  | { kind: 'trust' }
  | { kind: 'problem'; uri: vscode.Uri; error: McpConfigError }
  | { kind: 'server'; id: string }
  | { kind: 'group'; serverId: string; list: 'tools' | 'prompts' | 'resources' }
  | { kind: 'tool'; serverId: string; tool: Tool }
  | { kind: 'prompt'; serverId: string; prompt: Prompt }
  | { kind: 'resource'; serverId: string; resource: Resource | ResourceTemplate };

export class ServerTree implements vscode.TreeDataProvider<ServerTreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ServerTreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly configs: ConfigSource,
    private readonly controller: ServerController,
  ) {
    const refresh = (): void => this.emitter.fire(undefined);
    const watching = controller.hub.onDidChange(refresh);
    this.subscriptions.push(configs.onDidChange(refresh), vscode.workspace.onDidGrantWorkspaceTrust(refresh), { dispose: () => watching.dispose() }, this.emitter);
  }

  getChildren(node?: ServerTreeNode): ServerTreeNode[] {
    if (!node) {
      const files = this.configs.files();
      const problems = files.flatMap((f) => f.config.errors.map((error) => ({ kind: 'problem' as const, uri: f.uri, error })));
      const servers = this.controller.hub.all().map((s) => ({ kind: 'server' as const, id: s.id }));
      if (files.length === 0) return [];
      return [...(vscode.workspace.isTrusted ? [] : [{ kind: 'trust' as const }]), ...problems, ...servers];
    }
    if (node.kind === 'server') {
      const server = this.controller.hub.get(node.id);
      if (!server?.lists) return [];
      return (['tools', 'prompts', 'resources'] as const).map((list) => ({ kind: 'group' as const, serverId: node.id, list }));
    }
    if (node.kind === 'group') {
      const lists = this.controller.hub.get(node.serverId)?.lists;
      if (!lists) return [];
      if (node.list === 'tools') return lists.tools.map((tool) => ({ kind: 'tool' as const, serverId: node.serverId, tool }));
      if (node.list === 'prompts') return lists.prompts.map((prompt) => ({ kind: 'prompt' as const, serverId: node.serverId, prompt }));
      return [...lists.resources, ...lists.templates].map((resource) => ({ kind: 'resource' as const, serverId: node.serverId, resource }));
    }
    return [];
  }

  getTreeItem(node: ServerTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'trust':
        return trustItem();
      case 'problem':
        return problemItem(node.uri, node.error);
      case 'server':
        return this.serverItem(node.id);
      case 'group':
        return this.groupItem(node.serverId, node.list);
      case 'tool':
        return toolItem(node.serverId, node.tool);
      case 'prompt':
        return promptItem(node.serverId, node.prompt);
      case 'resource':
        return resourceItem(node.serverId, node.resource);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  /** `.watcher` for a watched entry (it runs the proxy), `.watching` for a server that has one, else nothing. */
  private watchRole(id: string, name: string): string {
    const servers = this.configs.fileOf(id)?.config.servers ?? {};
    const entry = servers[name];
    if (entry?.type === 'stdio' && watchedServerOf({ args: entry.args.map((a) => a.value) })) return '.watcher';
    return watchedName(name) in servers ? '.watching' : '';
  }

  private serverItem(id: string): vscode.TreeItem {
    const server = this.controller.hub.get(id);
    const running = server?.status.state === 'running';
    const item = new vscode.TreeItem(server?.name ?? id, running ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = `${id}|${running ? 'live' : 'idle'}`;
    if (!server) return item;
    const remote = this.remoteUrl(server);
    item.description = [describeStatus(server), server.stale ? 'mcp.json changed: restart to apply' : undefined, remote ? `$(warning) ${remote} is not on this machine` : undefined].filter(Boolean).join(' · ');
    item.iconPath = statusIcon(server);
    item.contextValue = `server.${server.status.state}${this.watchRole(id, server.name)}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${escape(server.name)}** — ${escape(describeStatus(server))}\n\n`);
    if (server.status.state === 'failed' || (server.status.state === 'stopped' && server.status.reason)) tooltip.appendMarkdown(`${escape(server.status.reason ?? '')}\n\n`);
    if (!vscode.workspace.isTrusted) tooltip.appendMarkdown(`${escape(RESTRICTED_REASON)}\n\n`);
    if (remote) tooltip.appendMarkdown(`$(warning) ${escape(remote)} is not on this machine: you are asked before the first connection.\n\n`);
    tooltip.appendMarkdown(`Declared in \`${escape(vscode.workspace.asRelativePath(server.configFile))}\``);
    item.tooltip = tooltip;
    return item;
  }

  private groupItem(serverId: string, list: 'tools' | 'prompts' | 'resources'): vscode.TreeItem {
    const lists = this.controller.hub.get(serverId)?.lists;
    const count = list === 'resources' ? (lists?.resources.length ?? 0) + (lists?.templates.length ?? 0) : (lists?.[list].length ?? 0);
    const error = lists?.errors[list];
    const label = list === 'tools' ? 'Tools' : list === 'prompts' ? 'Prompts' : 'Resources';
    // Tools are what a person comes for; prompts and resources open on demand.
    const open = list === 'tools' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(label, count > 0 ? open : vscode.TreeItemCollapsibleState.None);
    item.id = `${serverId}|${list}`;
    item.description = error ? `failed: ${error}` : String(count);
    item.iconPath = new vscode.ThemeIcon(error ? 'error' : list === 'tools' ? 'tools' : list === 'prompts' ? 'comment-discussion' : 'file-text');
    item.contextValue = `group.${list}`;
    return item;
  }

  /** A http/sse server whose configured URL (before variables) leaves this machine. */
  private remoteUrl(server: HubServer): string | undefined {
    const entry = this.configs.fileOf(server.id)?.config.servers[server.name];
    if (!entry || entry.type === 'stdio') return undefined;
    const url = entry.url.value;
    // A variable in the host part is only known at start, where the hub asks before connecting.
    if (/^[a-z]+:\/\/[^/]*\$\{/.test(url)) return undefined;
    return isLoopbackUrl(url) ? undefined : url;
  }
}

function describeStatus(server: HubServer): string {
  const s = server.status;
  if (s.state === 'running') return `running · ${s.transport}${s.pid !== undefined ? ` · pid ${s.pid}` : ''}`;
  if (s.state === 'starting') return 'starting…';
  if (s.state === 'failed') return `failed: ${s.reason}`;
  return s.reason ? `stopped (${s.reason})` : 'stopped';
}

function statusIcon(server: HubServer): vscode.ThemeIcon {
  switch (server.status.state) {
    case 'running':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'starting':
      return new vscode.ThemeIcon('loading~spin');
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    default:
      return new vscode.ThemeIcon('circle-large-outline');
  }
}

function trustItem(): vscode.TreeItem {
  const item = new vscode.TreeItem('Manage Workspace Trust…', vscode.TreeItemCollapsibleState.None);
  item.id = 'trust';
  item.tooltip = RESTRICTED_REASON;
  item.iconPath = new vscode.ThemeIcon('shield');
  item.command = { command: 'mcpWorkflow.manageTrust', title: 'Manage Workspace Trust' };
  return item;
}

function problemItem(uri: vscode.Uri, error: McpConfigError): vscode.TreeItem {
  const item = new vscode.TreeItem(error.message, vscode.TreeItemCollapsibleState.None);
  item.id = `${uri.toString()}|problem|${error.line}:${error.column}|${error.message}`;
  item.description = `${vscode.workspace.asRelativePath(uri)}:${error.line}:${error.column}`;
  item.tooltip = `${error.file}:${error.line}:${error.column}: ${error.message}`;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  const range = new vscode.Range(error.range.start.line, error.range.start.character, error.range.end.line, error.range.end.character);
  item.command = { command: 'vscode.open', title: 'Open mcp.json', arguments: [uri, { selection: range }] };
  item.contextValue = 'problem';
  return item;
}

function toolItem(serverId: string, tool: Tool): vscode.TreeItem {
  const item = new vscode.TreeItem(tool.name, vscode.TreeItemCollapsibleState.None);
  item.id = `${serverId}|tool|${tool.name}`;
  const badges = annotationBadges(tool.annotations);
  item.description = badges.map((b) => b.label).join(' · ');
  item.tooltip = itemTooltip(tool.title ?? tool.annotations?.title, tool.description, badges.map((b) => `$(${b.icon}) ${b.label}`));
  item.iconPath = new vscode.ThemeIcon(badges.some((b) => b.label === 'destructive') ? 'warning' : 'tools');
  // A state machine's row offers Drive State Machine (package.json menus match the suffix).
  item.contextValue = hasMachineOutput(tool.outputSchema) ? 'tool.stateMachine' : 'tool';
  item.command = { command: 'mcpWorkflow.openItem', title: 'Call Tool', arguments: [{ serverId, kind: 'tool', name: tool.name }] };
  item.accessibilityInformation = { label: `tool ${tool.name}${badges.length ? `, ${badges.map((b) => b.label).join(', ')}` : ''}` };
  return item;
}

function promptItem(serverId: string, prompt: Prompt): vscode.TreeItem {
  const item = new vscode.TreeItem(prompt.name, vscode.TreeItemCollapsibleState.None);
  item.id = `${serverId}|prompt|${prompt.name}`;
  const args = prompt.arguments ?? [];
  item.description = args.length ? `${args.length} argument${args.length > 1 ? 's' : ''}` : '';
  item.tooltip = itemTooltip(prompt.title, prompt.description, args.map((a) => `\`${a.name}\`${a.required ? ' (required)' : ''}${a.description ? `: ${a.description}` : ''}`));
  item.iconPath = new vscode.ThemeIcon('comment-discussion');
  item.contextValue = 'prompt';
  item.command = { command: 'mcpWorkflow.openItem', title: 'Get Prompt', arguments: [{ serverId, kind: 'prompt', name: prompt.name }] };
  return item;
}

function resourceItem(serverId: string, resource: Resource | ResourceTemplate): vscode.TreeItem {
  const uri = 'uri' in resource ? resource.uri : resource.uriTemplate;
  const item = new vscode.TreeItem(resource.name, vscode.TreeItemCollapsibleState.None);
  item.id = `${serverId}|resource|${uri}`;
  item.description = uri;
  item.tooltip = itemTooltip(resource.title, resource.description, [uri, ...(resource.mimeType ? [resource.mimeType] : [])]);
  item.iconPath = new vscode.ThemeIcon('uriTemplate' in resource ? 'symbol-variable' : 'file-text');
  item.contextValue = 'resource';
  item.command = { command: 'mcpWorkflow.openItem', title: 'Read Resource', arguments: [{ serverId, kind: 'resource', name: uri }] };
  return item;
}

function itemTooltip(title: string | undefined, description: string | undefined, lines: string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  if (title) md.appendMarkdown(`**${escape(title)}**\n\n`);
  if (description) md.appendText(`${description}\n\n`);
  for (const line of lines) md.appendMarkdown(`${line}  \n`);
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
