// One editor tab per watched server: follows the proxy's trace file as the client works, rebuilds the view model
// (core/proxy/watch-model.ts: each call, checked against the chosen workflow file or the server's own guidance) and
// posts it whole; turns the page's intents into actions: save the session as a workflow file, choose the workflow
// to check against, open the trace.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { workflowFromTrace } from '../../core/proxy/record-workflow';
import { parseTrace } from '../../core/proxy/trace';
import { watchViewOf } from '../../core/proxy/watch-model';
import { formatWorkflow } from '../../core/workflow/draft-format';
import { loadWorkflowText } from '../../core/workflow/loader';
import type { Workflow } from '../../core/workflow/types';
import { withWorkflowSuffix } from '../../core/workflow/workflow-from-session';
import { parseMessage } from '../../shared/panel-protocol';
import { WatchHostMessage, WatchWebviewMessage } from '../../shared/watch-protocol';
import { createMessageHandler } from '../panel/message-handler';
import { createAppPanel } from '../panel/webview-panel';
import { followFile } from './follow-file';

/** What a watch tab is about. */
export interface WatchTarget {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** The watched server's name in mcp.json (the original, not the `-watched` entry). */
  server: string;
  traceFile: string;
  /** The folder whose `.vscode/mcp.json` declares it: where a saved workflow file goes. */
  workspaceDir: string;
}

const open = new Map<string, WatchPanel>();

/** A trace past this size is shown up to it (the proxy writes one line per message; a session this long is rare). */
const MAX_TRACE_BYTES = 16 * 1024 * 1024;

/** Shows the watch tab of `target.server` (one per trace file), opening it if needed. */
export function openWatchPanel(target: WatchTarget): void {
  const existing = open.get(target.traceFile);
  if (existing && !existing.closed) {
    existing.reveal();
    return;
  }
  open.set(target.traceFile, new WatchPanel(target));
}

class WatchPanel {
  private readonly panel: vscode.WebviewPanel;
  private workflow: { value: Workflow; file: string } | undefined;
  private ready = false;
  closed = false;

  constructor(private readonly target: WatchTarget) {
    this.panel = createAppPanel(target.extensionUri, 'mcpWorkflow.watch', `Watch ${target.server}`, 'watch');
    const handle = createMessageHandler(`watch ${target.server}`, WatchWebviewMessage, { handle: (m) => this.handle(m), warn: (line) => target.log.warn(line) });
    const follower = followFile(target.traceFile, () => void this.refresh());
    const subscription = this.panel.webview.onDidReceiveMessage(handle);
    this.panel.onDidDispose(() => {
      this.closed = true;
      follower.dispose();
      subscription.dispose();
    });
  }

  reveal(): void {
    this.panel.reveal();
  }

  private async handle(message: WatchWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        return;
      case 'save':
        await this.save();
        return;
      case 'chooseWorkflow':
        await this.chooseWorkflow();
        return;
      case 'openTrace':
        await vscode.window.showTextDocument(vscode.Uri.file(this.target.traceFile), { preview: true }).then(undefined, () => undefined);
        return;
    }
  }

  /** The trace's text now; empty when the proxy has not written it yet. Read with node's fs, not core/node-host
   * (which brings the source extractors, and their half a megabyte, into the heavy bundle). */
  private async traceText(): Promise<{ text: string; exists: boolean }> {
    try {
      const info = await stat(this.target.traceFile);
      if (!info.isFile()) return { text: '', exists: false };
      if (info.size > MAX_TRACE_BYTES) {
        this.target.log.warn(`watch ${this.target.server}: the trace is ${info.size} bytes; the view reads its first ${MAX_TRACE_BYTES}`);
      }
      const text = (await readFile(this.target.traceFile)).subarray(0, MAX_TRACE_BYTES).toString('utf8');
      // A cut (or still being written) last line is left for the next read.
      return { text: text.slice(0, text.lastIndexOf('\n') + 1), exists: true };
    } catch {
      return { text: '', exists: false };
    }
  }

  private async refresh(): Promise<void> {
    if (!this.ready || this.closed) return;
    const { text, exists } = await this.traceText();
    const view = watchViewOf(text, this.workflow?.value, this.workflow ? vscode.workspace.asRelativePath(this.workflow.file) : undefined);
    this.send({ type: 'state', server: this.target.server, traceFile: vscode.workspace.asRelativePath(this.target.traceFile), exists, view });
  }

  private async save(): Promise<void> {
    const { text } = await this.traceText();
    const { workflow, warnings } = workflowFromTrace(parseTrace(text).lines, { server: this.target.server, id: `${this.target.server}-recorded` });
    const chosen = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(join(this.target.workspaceDir, `${this.target.server}-recorded.workflow.json`)),
      filters: { 'Workflow files': ['json'] },
      saveLabel: 'Save Workflow',
      title: 'Save the watched session as a workflow file',
    });
    if (!chosen) {
      this.send({ type: 'saved', outcome: 'cancelled' });
      return;
    }
    // The Workflows view and the schema see only `*.workflow.json`.
    const target = chosen.with({ path: withWorkflowSuffix(chosen.path) });
    try {
      await mkdir(dirname(target.fsPath), { recursive: true });
      await writeFile(target.fsPath, formatWorkflow(workflow));
    } catch (error) {
      this.send({ type: 'saved', outcome: 'failed', message: (error as Error).message });
      return;
    }
    this.send({ type: 'saved', outcome: 'saved', file: vscode.workspace.asRelativePath(target) });
    for (const w of warnings) this.target.log.warn(`watch ${this.target.server}: ${w}`);
    await vscode.window.showTextDocument(target, { preview: false });
  }

  private async chooseWorkflow(): Promise<void> {
    const files = await vscode.workspace.findFiles('**/*.workflow.json', '**/node_modules/**', 500);
    const none = { label: "$(lightbulb) The server's own guidance", description: 'no workflow file', uri: undefined as vscode.Uri | undefined };
    const picked = await vscode.window.showQuickPick([none, ...files.map((uri) => ({ label: basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), uri }))], { title: `Check ${this.target.server}'s calls against` });
    if (!picked) return;
    this.workflow = undefined;
    if (picked.uri) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(picked.uri));
      const loaded = loadWorkflowText(picked.uri.fsPath, text);
      if (!loaded.workflow) {
        void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(picked.uri)} is not a workflow file that loads: ${loaded.diagnostics[0]?.message ?? 'unknown problem'}`);
        return;
      }
      this.workflow = { value: loaded.workflow, file: picked.uri.fsPath };
    }
    await this.refresh();
  }

  private send(message: WatchHostMessage): void {
    if (this.closed) return;
    const checked = parseMessage(WatchHostMessage, message);
    if (checked.ok) void this.panel.webview.postMessage(checked.message);
    else this.target.log.warn(`watch ${this.target.server}: a ${message.type} message could not be sent: ${checked.why}`);
  }
}
