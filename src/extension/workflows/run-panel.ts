// One editor tab per workflow run: the webview draws the timeline from the runner's events; this host side
// sends the outline and the events (buffered until the page listens), and turns the page's intents into the
// run's: an approval decision, Cancel, Re-run, Resume, Rollback, Open audit log. A replayed run gets the same
// page, not live; Resume or Rollback make it live again for the run's continuation, in the same tab.
import * as vscode from 'vscode';
import type { RunEvent } from '../../core/workflow/events';
import type { StepOutline } from '../../core/workflow/outline';
import { parseMessage } from '../../shared/panel-protocol';
import { RunHostMessage, RunWebviewMessage } from '../../shared/run-protocol';
import { createMessageHandler } from '../panel/message-handler';
import { createAppPanel } from '../panel/webview-panel';

/** What the page's buttons do; each may be absent (the button then does nothing). */
export interface RunControls {
  onCancel?: () => void;
  onRerun?: () => void;
  onResume?: () => void;
  onRollback?: (checkpoint: string) => void;
  /** The tab was closed (a live run is cancelled: nothing should go on changing a server unseen). */
  onClosed?: () => void;
}

/** What the page is about, and what its buttons do. */
export interface RunPanelOptions extends RunControls {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  workflow: { id: string; file: string; server: string; steps: StepOutline[]; rollback?: boolean };
  runId: string;
  live: boolean;
  auditFile: string;
}

export class RunPanel {
  private readonly panel: vscode.WebviewPanel;
  /** Every event shown, so a page that reloads or goes live again is drawn from all of them. */
  private readonly events: RunEvent[] = [];
  private readonly decisions = new Map<string, (approved: boolean) => void>();
  private controls: RunControls;
  private live: boolean;
  private ready = false;
  private disposed = false;
  /** A run (or its continuation) is going on in this tab: a second Resume or Rollback waits for it to end. */
  busy = false;

  constructor(private readonly options: RunPanelOptions) {
    this.controls = options;
    this.live = options.live;
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
      this.controls.onClosed?.();
    });
  }

  get closed(): boolean {
    return this.disposed;
  }

  /** Shows one of the runner's events (sent at once when the page listens, else when it does). */
  post(event: RunEvent): void {
    // As JSON, the way it would cross anyway: a field the runner left undefined (a skipped step's result) is
    // dropped here rather than failing the boundary check of the whole message.
    const plain = JSON.parse(JSON.stringify(event)) as RunEvent;
    this.events.push(plain);
    if (this.ready) this.send({ type: 'events', events: [plain] });
  }

  /**
   * Makes the tab the live view of the run's continuation (a resume or a rollback): its controls are the
   * continuation's, and the page is drawn again, live, from every event so far; the new ones follow.
   */
  goLive(controls: RunControls): void {
    this.setControls(controls);
    this.live = true;
    this.panel.title = `▶ ${this.options.workflow.id}`;
    this.panel.reveal();
    if (this.ready) this.sendAll();
  }

  /** Replaces the named controls (an `undefined` one turns its button off). */
  setControls(controls: RunControls): void {
    this.controls = { ...this.controls, ...controls };
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
        this.sendAll();
        return;
      case 'decide': {
        const decide = this.decisions.get(message.stepId);
        this.decisions.delete(message.stepId);
        decide?.(message.approve);
        return;
      }
      case 'cancel':
        this.controls.onCancel?.();
        return;
      case 'rerun':
        this.controls.onRerun?.();
        return;
      case 'resume':
        this.controls.onResume?.();
        return;
      case 'rollback':
        this.controls.onRollback?.(message.checkpoint);
        return;
      case 'openAudit':
        void vscode.window.showTextDocument(vscode.Uri.file(this.options.auditFile), { preview: false });
        return;
    }
  }

  private sendAll(): void {
    this.send({ type: 'init', workflow: this.options.workflow, runId: this.options.runId, live: this.live });
    if (this.events.length) this.send({ type: 'events', events: this.events });
  }

  private send(message: RunHostMessage): void {
    if (this.disposed) return;
    const checked = parseMessage(RunHostMessage, message);
    if (checked.ok) void this.panel.webview.postMessage(checked.message);
    else this.options.log.warn(`run ${this.options.workflow.id}: a ${message.type} message could not be sent: ${checked.why}`);
  }
}
