// One editor tab per tool, prompt or resource of a server: the webview draws the form and the result; this
// host side answers its intents (validate, call, cancel, start the server, copy as a step, save a state-machine
// session as a workflow file) on the live connection, sends progress and the outcome, and records every call in
// the history.
import type * as vscode from 'vscode';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { validateArguments } from '../../core/json/validate-arguments';
import { redact } from '../../core/workflow/audit';
import type { HubServer } from '../../core/mcp/server-hub';
import { HostMessage, parseMessage, WebviewMessage, type CallOutcome, type PanelItem } from '../../shared/panel-protocol';
import type { CallHistory } from '../history/history';
import type { ServerController } from '../servers/controller';
import { createMessageHandler } from './message-handler';
import { failureOutcome, promptOutcome, resourceOutcome, toolOutcome } from './outcome';
import { saveMachineWorkflow } from './save-machine';
import { createAppPanel } from './webview-panel';

/** Which item a panel is for. */
export interface ItemRef {
  serverId: string;
  kind: PanelItem['kind'];
  /** The tool's or prompt's name; a resource's URI (or URI template). */
  name: string;
}

/** What a panel needs from the rest of the extension. */
export interface PanelContext {
  extensionUri: vscode.Uri;
  controller: ServerController;
  history: CallHistory;
  log: vscode.LogOutputChannel;
  copyAsStep(ref: ItemRef, args: Record<string, unknown>): Promise<void>;
}

const panels = new Map<string, CallPanel>();

/** Opens (or reveals) the panel of an item, optionally filled with arguments from the history. */
export function openCallPanel(context: PanelContext, ref: ItemRef, initialArgs?: Record<string, unknown>): CallPanel {
  const key = `${ref.serverId}|${ref.kind}|${ref.name}`;
  let panel = panels.get(key);
  if (!panel) {
    panel = new CallPanel(context, ref, () => panels.delete(key));
    panels.set(key, panel);
  }
  panel.show(initialArgs);
  return panel;
}

export class CallPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly calls = new Map<string, AbortController>();
  private initialArgs: Record<string, unknown> | undefined;
  private ready = false;
  private waitingForItem = false;
  private pendingRun: Record<string, unknown> | undefined;
  private pendingDrive = false;
  /** A closed tab has no webview to post to; a call that ends after it is still recorded in the history. */
  private disposed = false;

  constructor(
    private readonly context: PanelContext,
    readonly ref: ItemRef,
    onDispose: () => void,
  ) {
    const serverName = context.controller.hub.get(ref.serverId)?.name ?? '';
    this.panel = createAppPanel(context.extensionUri, 'mcpWorkflow.call', `${ref.name} · ${serverName}`, 'call');
    const webview = this.panel.webview;
    const handle = createMessageHandler(`panel ${ref.kind} ${ref.name}`, WebviewMessage, { handle: (m) => this.handle(m), warn: (line) => context.log.warn(line) });
    const watching = context.controller.hub.onDidChange((id) => {
      if (id !== ref.serverId && id !== undefined) return;
      // The item becomes known once its server runs (and lists it): the form is sent again then.
      if (this.ready && this.waitingForItem && this.item()) this.sendInit();
      else this.post({ type: 'serverState', serverState: this.serverState() });
    });
    this.disposables.push(
      webview.onDidReceiveMessage(handle),
      { dispose: () => watching.dispose() },
      this.panel.onDidDispose(() => {
        this.disposed = true;
        for (const call of this.calls.values()) call.abort('the panel was closed');
        for (const d of this.disposables) d.dispose();
        onDispose();
      }),
    );
  }

  /** Runs the item with these arguments (a history re-run); waits for the page to load first. */
  runWith(args: Record<string, unknown>): void {
    const callId = `rerun-${Date.now().toString(36)}`;
    if (this.ready) void this.call(callId, args);
    else this.pendingRun = args;
  }

  /** Switches the panel to driving the tool as a state machine (once its page listens). */
  drive(): void {
    if (this.ready) this.post({ type: 'drive' });
    else this.pendingDrive = true;
  }

  show(initialArgs?: Record<string, unknown>): void {
    this.initialArgs = initialArgs;
    this.panel.reveal();
    if (this.ready) this.sendInit();
  }

  /** The webview's intents, already validated against the protocol. */
  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.sendInit();
        if (this.pendingDrive) this.post({ type: 'drive' });
        this.pendingDrive = false;
        if (this.pendingRun) {
          const args = this.pendingRun;
          this.pendingRun = undefined;
          this.runWith(args);
        }
        return;
      case 'validate': {
        const item = this.item();
        const problems = item?.kind === 'tool' ? validateArguments(item.inputSchema, message.args) : [];
        this.post({ type: 'validation', requestId: message.requestId, problems });
        return;
      }
      case 'call':
        await this.call(message.callId, message.args);
        return;
      case 'cancel':
        this.calls.get(message.callId)?.abort('cancelled from the panel');
        return;
      case 'startServer':
        await this.context.controller.start(this.ref.serverId);
        return;
      case 'copyAsStep':
        await this.context.copyAsStep(this.ref, message.args);
        return;
      case 'saveMachine': {
        const { requestId, type: _type, ...request } = message;
        const saved = await saveMachineWorkflow(this.context.controller.hub.get(this.ref.serverId), this.ref.name, request);
        this.post({ type: 'machineSaved', requestId, ...saved });
        return;
      }
    }
  }

  private async call(callId: string, args: Record<string, unknown>): Promise<void> {
    const server = this.context.controller.hub.get(this.ref.serverId);
    const connection = server?.connection;
    if (this.calls.has(callId)) return;
    const started = Date.now();
    if (!server || !connection) {
      this.finish(callId, started, args, { kind: 'failure', message: `the server "${server?.name ?? this.ref.serverId}" is not running: start it first`, code: 'NOT_RUNNING' });
      return;
    }
    const tool = this.tool(server);
    if (this.ref.kind === 'tool' && tool) {
      const problems = validateArguments(tool.inputSchema, args);
      if (problems.length) {
        this.post({ type: 'validation', requestId: `call-${callId}`.slice(0, 64), problems });
        return;
      }
    }
    const abort = new AbortController();
    this.calls.set(callId, abort);
    this.post({ type: 'callStarted', callId });
    const onProgress = (p: { progress: number; total?: number; message?: string }): void =>
      this.post({ type: 'progress', callId, progress: p.progress, ...(p.total !== undefined ? { total: p.total } : {}), ...(p.message !== undefined ? { message: p.message.slice(0, 4096) } : {}) });
    let outcome: CallOutcome;
    try {
      if (this.ref.kind === 'tool') outcome = toolOutcome(await connection.callTool(this.ref.name, args, { signal: abort.signal, onProgress, timeoutMs: 10 * 60_000 }), connection.outputValidator(this.ref.name));
      else if (this.ref.kind === 'prompt') outcome = promptOutcome(await connection.getPrompt(this.ref.name, stringArgs(args), { signal: abort.signal }));
      else outcome = resourceOutcome(await connection.readResource(typeof args['uri'] === 'string' ? args['uri'] : this.ref.name, { signal: abort.signal }));
    } catch (error) {
      outcome = failureOutcome(error);
    } finally {
      this.calls.delete(callId);
    }
    this.finish(callId, started, args, outcome);
  }

  private finish(callId: string, started: number, args: Record<string, unknown>, outcome: CallOutcome): void {
    const durationMs = Date.now() - started;
    const server = this.context.controller.hub.get(this.ref.serverId);
    const secrets = server?.secrets ?? [];
    const shown = redact(outcome, secrets);
    this.post({ type: 'callDone', callId, durationMs, outcome: shown });
    void this.context.history.add({ serverId: this.ref.serverId, serverName: server?.name ?? this.ref.serverId, kind: this.ref.kind, name: this.ref.name, args, durationMs }, shown);
  }

  private sendInit(): void {
    const item = this.item();
    const server = this.context.controller.hub.get(this.ref.serverId);
    this.waitingForItem = !item;
    if (!item) {
      this.post({ type: 'init', server: server?.name ?? '', serverState: this.serverState(), item: placeholder(this.ref) });
      return;
    }
    this.post({ type: 'init', server: server?.name ?? '', serverState: this.serverState(), item, ...(this.initialArgs ? { initialArgs: this.initialArgs } : {}) });
  }

  /** The item as the server's lists describe it now (undefined while the server is not running). */
  private item(): PanelItem | undefined {
    const server = this.context.controller.hub.get(this.ref.serverId);
    const lists = server?.lists;
    if (!lists) return undefined;
    if (this.ref.kind === 'tool') {
      const tool = lists.tools.find((t) => t.name === this.ref.name);
      return tool ? { kind: 'tool', name: tool.name, ...(tool.title ? { title: tool.title } : {}), ...(tool.description ? { description: tool.description } : {}), inputSchema: tool.inputSchema, ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}), ...(tool.annotations ? { annotations: tool.annotations } : {}) } : undefined;
    }
    if (this.ref.kind === 'prompt') {
      const prompt = lists.prompts.find((p) => p.name === this.ref.name);
      return prompt ? { kind: 'prompt', name: prompt.name, ...(prompt.title ? { title: prompt.title } : {}), ...(prompt.description ? { description: prompt.description } : {}), arguments: (prompt.arguments ?? []).map((a) => ({ name: a.name, ...(a.description ? { description: a.description } : {}), ...(a.required !== undefined ? { required: a.required } : {}) })) } : undefined;
    }
    const resource = lists.resources.find((r) => r.uri === this.ref.name);
    if (resource) return { kind: 'resource', name: resource.name, uri: resource.uri, ...(resource.description ? { description: resource.description } : {}), ...(resource.mimeType ? { mimeType: resource.mimeType } : {}) };
    const template = lists.templates.find((t) => t.uriTemplate === this.ref.name);
    return template ? { kind: 'resource', name: template.name, uri: template.uriTemplate, uriTemplate: template.uriTemplate, ...(template.description ? { description: template.description } : {}), ...(template.mimeType ? { mimeType: template.mimeType } : {}) } : undefined;
  }

  private tool(server: HubServer): Tool | undefined {
    return this.ref.kind === 'tool' ? server.lists?.tools.find((t) => t.name === this.ref.name) : undefined;
  }

  private serverState(): { state: HubServer['status']['state']; reason?: string } {
    const status = this.context.controller.hub.get(this.ref.serverId)?.status ?? { state: 'stopped' as const };
    const reason = status.state === 'failed' ? status.reason : status.state === 'stopped' ? status.reason : undefined;
    return { state: status.state, ...(reason ? { reason: reason.slice(0, 4096) } : {}) };
  }

  /** Sends a message after checking it against the protocol, as the webview will; one that fails says why instead. */
  private post(message: HostMessage): void {
    if (this.disposed) return;
    const checked = parseMessage(HostMessage, message);
    if (checked.ok) {
      void this.panel.webview.postMessage(checked.message);
      return;
    }
    this.context.log.warn(`panel ${this.ref.name}: a ${message.type} message could not be sent: ${checked.why}`);
    if (message.type === 'callDone') {
      void this.panel.webview.postMessage({ ...message, outcome: { kind: 'failure', message: `the server's answer cannot be shown: ${checked.why}`, code: 'UNSHOWABLE' } });
    }
  }
}

/** What a panel shows for an item its server does not list (yet): it fills in once the server runs. */
function placeholder(ref: ItemRef): PanelItem {
  if (ref.kind === 'tool') return { kind: 'tool', name: ref.name, inputSchema: { type: 'object' } };
  if (ref.kind === 'prompt') return { kind: 'prompt', name: ref.name, arguments: [] };
  return { kind: 'resource', name: ref.name, uri: ref.name };
}

function stringArgs(args: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined && v !== null && v !== '') out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}
