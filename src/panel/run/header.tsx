// The run's head: which workflow, file, server and run; the run's status with an icon and its duration; the
// controls (Cancel while a live run is running, Re-run, Open audit log). Also the outcome banner and the
// rollback section shown once the run has ended or rolled back.
import type { RunStatus, RunView } from '../../core/workflow/run-view-model';
import { formatDuration } from '../../shared/format';
import type { RunWorkflow } from './state';

export const RUN_ICON: Record<RunStatus, string> = {
  pending: 'clock',
  running: 'loading codicon-modifier-spin',
  done: 'pass-filled',
  failed: 'error',
  denied: 'circle-slash',
  'rolled-back': 'discard',
  'rollback-failed': 'warning',
  interrupted: 'debug-stop',
};

export const RUN_LABEL: Record<RunStatus, string> = {
  pending: 'Starting',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  denied: 'Denied',
  'rolled-back': 'Rolled back',
  'rollback-failed': 'Rollback failed',
  interrupted: 'Interrupted',
};

export const finished = (status: RunStatus): boolean => status !== 'pending' && status !== 'running';

export function RunHeader(props: { workflow?: RunWorkflow; view: RunView; live: boolean; onCancel: () => void; onRerun: () => void; onOpenAudit: () => void; resumeFrom?: string; onResume?: () => void }) {
  const { view, workflow } = props;
  const running = !finished(view.status);
  return (
    <header class="header run-header">
      <div class="title-row">
        <h1 data-testid="title">{workflow?.id ?? view.workflowId ?? 'Workflow run'}</h1>
        <span class="kind">{props.live ? 'Workflow run' : 'Replayed from the audit log'}</span>
      </div>
      <dl class="run-meta">
        {workflow?.file && <><dt>File</dt><dd><code data-testid="file">{workflow.file}</code></dd></>}
        <dt>Server</dt><dd data-testid="server">{view.server ?? workflow?.server ?? '—'}</dd>
        <dt>Run</dt><dd><code data-testid="run-id">{view.runId ?? '—'}</code></dd>
        {view.resumedFrom && <><dt>Resumed from</dt><dd>checkpoint <strong>{view.resumedFrom}</strong></dd></>}
      </dl>
      <div class="run-line">
        <div class={`run-status status-${view.status}`} data-testid="run-status" data-status={view.status} role="status" aria-live="polite">
          <span class={`codicon codicon-${RUN_ICON[view.status]}`} aria-hidden="true" />
          <strong>{RUN_LABEL[view.status]}</strong>
          {view.durationMs !== undefined && <span class="duration" data-testid="run-duration">{formatDuration(view.durationMs)}</span>}
        </div>
        <div class="actions">
          {props.live && running && (
            <button type="button" class="secondary" data-testid="cancel" onClick={props.onCancel}>
              <span class="codicon codicon-debug-stop" aria-hidden="true" /> Cancel
            </button>
          )}
          {props.onResume && (
            <button type="button" data-testid="resume" onClick={props.onResume} title={`Continue this run after checkpoint ${props.resumeFrom}, with its saved results`}>
              <span class="codicon codicon-debug-continue" aria-hidden="true" /> Resume from {props.resumeFrom}
            </button>
          )}
          <button type="button" class="secondary" data-testid="rerun" onClick={props.onRerun}>
            <span class="codicon codicon-debug-rerun" aria-hidden="true" /> Re-run
          </button>
          <button type="button" class="secondary" data-testid="open-audit" onClick={props.onOpenAudit}>
            <span class="codicon codicon-output" aria-hidden="true" /> Open audit log
          </button>
        </div>
      </div>
    </header>
  );
}

export function OutcomeBanner(props: { view: RunView }) {
  const { view } = props;
  if (!finished(view.status)) return null;
  return (
    <div class={`outcome outcome-${view.status}`} data-testid="outcome" data-outcome={view.status}>
      <span class={`codicon codicon-${RUN_ICON[view.status]}`} aria-hidden="true" />
      <div>
        <strong>{view.status === 'done' ? 'The run finished: every step passed' : `The run ended: ${RUN_LABEL[view.status].toLowerCase()}`}</strong>
        {view.durationMs !== undefined && <span class="muted"> · {formatDuration(view.durationMs)}</span>}
        {view.message && <p class="outcome-message">{view.message}</p>}
      </div>
    </div>
  );
}

/** The automatic rollback after a failed step: where to, whether it worked, and its own steps. */
export function RollbackSection(props: { view: RunView; children?: preact.ComponentChildren }) {
  const r = props.view.rollback;
  if (!r) return null;
  const state = r.ok === undefined ? 'running' : r.ok ? 'ok' : 'failed';
  return (
    <section class={`rollback rollback-${state}`} data-testid="rollback" data-ok={r.ok === undefined ? undefined : String(r.ok)} aria-labelledby="rollback-heading">
      <h2 id="rollback-heading">
        <span class={`codicon codicon-${state === 'running' ? 'loading codicon-modifier-spin' : state === 'ok' ? 'discard' : 'warning'}`} aria-hidden="true" />
        {state === 'running' ? 'Rolling back' : state === 'ok' ? 'Rolled back' : 'Rollback failed'} to {r.checkpoint ? <>checkpoint <strong>{r.checkpoint}</strong></> : 'the start'}
        <span class="muted">{r.requestedBy ? `, as ${r.requestedBy} asked` : ` after ${r.failedStep} failed`}</span>
      </h2>
      {r.message && <p class={state === 'failed' ? 'error-line' : 'muted'}>{r.message}</p>}
      {props.children}
    </section>
  );
}
