// One editor tab per workflow run: the webview draws the timeline from the runner's events; this host side
// sends the outline and the events (buffered until the page listens), and turns the page's intents into the
// run's: an approval decision, Cancel, Re-run, Open audit log. A replayed run gets the same page, not live.
import * as vscode from 'vscode';
import type { RunEvent } from '../../core/workflow/events';
import type { StepOutline } from '../../core/workflow/outline';
import { parseMessage } from '../../shared/panel-protocol';
import { RunHostMessage, RunWebviewMessage } from '../../shared/run-protocol';
import { createMessageHandler } from '../panel/message-handler';
import { createAppPanel } from '../panel/webview-panel';

/** What the page is about, and what its buttons do. */
export interface RunPanelOptions {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  workflow: { id: string; file: string; server: string; steps: StepOutline[] };
  runId: string;
  live: boolean;
  auditFile: string;
  onCancel?: () => void;
  onRerun?: () => void;
  /** The tab was closed (a live run is cancelled: nothing should go on changing a server unseen). */
  onClosed?: () => void;
}

export class RunPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly pending: RunEvent[] = [];
  private readonly decisions = new Map<string, (approved: boolean) => void>();
  private ready = false;
  private disposed = false;

  constructor(private readonly options: RunPanelOptions) {
    const title = `${options.live ? '▶' : '⟲'} ${options.workflow.id}`;
    this.panel = createAppPanel(options.extensionUri, 'mcpWorkflow.run', title, 'run');
    const webview = this.panel.webview;
    const handle = createMessageHandler(`run ${options.workflow.id}`, RunWebviewMessage, {
      handle: (m) => this.handle(m),
      warn: (line) => options.log.warn(line),
    });
    const subscriptions = [webview.onDidReceiveMessage(handle)];
    this.panel.onDidDispose(() => {
      this.disposed = true;
      // A closed page cannot approve: every gate still waiting is denied.
      for (const decide of this.decisions.values()) decide(false);
      this.decisions.clear();
      for (const s of subscriptions) s.dispose();
      options.onClosed?.();
    });
  }

  /** Shows one of the runner's events (sent at once when the page listens, else when it does). */
  post(event: RunEvent): void {
    // As JSON, the way it would cross anyway: a field the runner left undefined (a skipped step's result) is
    // dropped here rather than failing the boundary check of the whole message.
    const plain = JSON.parse(JSON.stringify(event)) as RunEvent;
    if (!this.ready) {
      this.pending.push(plain);
      return;
    }
    this.send({ type: 'events', events: [plain] });
  }

  /** Resolves with the person's decision at gate `stepId` (false when the page is closed first). */
  decision(stepId: string): Promise<boolean> {
    if (this.disposed) return Promise.resolve(false);
    return new Promise((resolve) => this.decisions.set(stepId, resolve));
  }

  private handle(message: RunWebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.send({ type: 'init', workflow: this.options.workflow, runId: this.options.runId, live: this.options.live });
        if (this.pending.length) this.send({ type: 'events', events: this.pending.splice(0) });
        return;
      case 'decide': {
        const decide = this.decisions.get(message.stepId);
        this.decisions.delete(message.stepId);
        decide?.(message.approve);
        return;
      }
      case 'cancel':
        this.options.onCancel?.();
        return;
      case 'rerun':
        this.options.onRerun?.();
        return;
      case 'openAudit':
        void vscode.window.showTextDocument(vscode.Uri.file(this.options.auditFile), { preview: false });
        return;
    }
  }

  private send(message: RunHostMessage): void {
    if (this.disposed) return;
    const checked = parseMessage(RunHostMessage, message);
    if (checked.ok) void this.panel.webview.postMessage(checked.message);
    else this.options.log.warn(`run ${this.options.workflow.id}: a ${message.type} message could not be sent: ${checked.why}`);
  }
}
