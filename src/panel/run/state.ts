// The run panel's state: the workflow the host announced, whether the run is live, and the timeline model
// folded from the runner's events (core/workflow/run-view-model.ts). Every host message is parsed with the run
// protocol's schema first; an invalid one leaves the state as it was, with the reason. Pure, for tests.
import { applyRunEvent, initialRunView, type RunView } from '../../core/workflow/run-view-model';
import type { RunEvent } from '../../core/workflow/events';
import { parseMessage } from '../../shared/panel-protocol';
import { RunHostMessage } from '../../shared/run-protocol';

export type RunWorkflow = Extract<RunHostMessage, { type: 'init' }>['workflow'];

export interface PanelState {
  ready: boolean;
  workflow?: RunWorkflow;
  live: boolean;
  view: RunView;
  /** What changed last, for the screen reader's live region. */
  announce: string;
}

export const initialPanelState: PanelState = { ready: false, live: false, view: initialRunView([]), announce: '' };

const STATUS_TEXT: Record<string, string> = {
  running: 'running',
  'waiting-for-approval': 'waiting for approval',
  done: 'done',
  skipped: 'skipped',
  failed: 'failed',
  retrying: 'retrying',
};

function announcement(view: RunView, event: RunEvent): string {
  if (event.type === 'run-done') return `Run ${view.status}${view.message ? `: ${view.message}` : ''}`;
  if (event.type === 'rolled-back') return view.rollback?.ok ? 'Rolled back' : 'Rollback failed';
  const id = 'stepId' in event ? event.stepId : undefined;
  const step = id !== undefined ? view.steps[id] : undefined;
  if (!step || event.type === 'progress') return '';
  return `Step ${step.id} ${STATUS_TEXT[step.status] ?? step.status}`;
}

/** Parses what arrived from the host and folds it in; an invalid message (or event) is dropped with the reason. */
export function receive(state: PanelState, raw: unknown): { state: PanelState; dropped?: string } {
  const parsed = parseMessage(RunHostMessage, raw);
  if (!parsed.ok) return { state, dropped: parsed.why };
  const message = parsed.message;
  if (message.type === 'init') {
    const view: RunView = { ...initialRunView(message.workflow.steps), runId: message.runId, workflowId: message.workflow.id };
    return { state: { ready: true, workflow: message.workflow, live: message.live, view, announce: '' } };
  }
  let view = state.view;
  let announce = state.announce;
  let dropped: string | undefined;
  for (const event of message.events as unknown as RunEvent[]) {
    try {
      const next = applyRunEvent(view, event);
      announce = announcement(next, event) || announce;
      view = next;
    } catch (error) {
      // The schema checks an event's envelope; a body the reducer cannot read is skipped, not fatal.
      dropped ??= `event ${event.type}: ${(error as Error).message}`;
    }
  }
  return { state: { ...state, view, announce }, ...(dropped ? { dropped } : {}) };
}
