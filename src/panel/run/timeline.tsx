// The run's timeline: one row per step in the file's order, with its status, tool, duration, the chips naming
// where each argument came from, progress, retries with a countdown, approval cards, checkpoints, parallel
// lanes, and the arguments and result as collapsible JSON. Rendering only: the row's state is the model's.
import { useEffect, useState } from 'preact/hooks';
import type { ArgumentReference, RunView, StepStatus, StepView } from '../../core/workflow/run-view-model';
import { JsonView } from '../call/json-view';
import { formatDuration } from '../../shared/format';

export const STEP_ICON: Record<StepStatus, string> = {
  pending: 'circle-large-outline',
  running: 'loading codicon-modifier-spin',
  'waiting-for-approval': 'shield',
  done: 'pass',
  skipped: 'debug-step-over',
  failed: 'error',
  retrying: 'sync',
};

const STEP_LABEL: Record<StepStatus, string> = {
  pending: 'Pending',
  running: 'Running',
  'waiting-for-approval': 'Waiting for approval',
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
  retrying: 'Retrying',
};

/** What the timeline needs besides the model: the page's intents and the chip being hovered. */
export interface TimelineProps {
  view: RunView;
  live: boolean;
  highlight?: string;
  onHighlight: (stepId: string | undefined) => void;
  onDecide: (stepId: string, approve: boolean) => void;
  /** Set when a checkpoint of this finished run can be rolled back to (the workflow has rollback steps). */
  onRollback?: (checkpoint: string) => void;
}

/** A chip naming where an argument's value came from; hovering or focusing it highlights the producing step. */
export function RefChip(props: { reference: ArgumentReference; onHighlight: TimelineProps['onHighlight'] }) {
  const r = props.reference;
  if (r.kind === 'input') {
    return (
      <li class="ref">
        <code class="ref-arg">{r.argument}</code>
        <span class="ref-chip input" data-testid="ref-chip" data-source-input={r.input} title={`\${${r.expression}}`}>
          <span class="codicon codicon-symbol-variable" aria-hidden="true" />inputs › {r.input}
        </span>
      </li>
    );
  }
  const on = () => props.onHighlight(r.stepId);
  const off = () => props.onHighlight(undefined);
  const go = () => {
    const row = document.querySelector(`[data-step="${CSS.escape(r.stepId)}"]`);
    if (row instanceof HTMLElement) row.scrollIntoView({ block: 'nearest' });
  };
  return (
    <li class="ref">
      <code class="ref-arg">{r.argument}</code>
      <button
        type="button"
        class="ref-chip"
        data-testid="ref-chip"
        data-source-step={r.stepId}
        title={`\${${r.expression}}`}
        aria-label={`${r.argument} comes from step ${r.stepId}${r.field ? `, field ${r.field}` : ''}`}
        onMouseEnter={on}
        onMouseLeave={off}
        onFocus={on}
        onBlur={off}
        onClick={go}
      >
        <span class="codicon codicon-arrow-right" aria-hidden="true" />
        {r.stepId}
        {r.field && <> › <span class="ref-field">{r.field}</span></>}
      </button>
    </li>
  );
}

/** Time left until a scheduled retry, ticking while it runs. */
export function Countdown(props: { at: string; delayMs: number }) {
  const due = Date.parse(props.at) + props.delayMs;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (Number.isNaN(due)) return;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= due) clearInterval(timer);
    }, 200);
    return () => clearInterval(timer);
  }, [due]);
  const left = Number.isNaN(due) ? props.delayMs : Math.max(0, due - now);
  return (
    <span class="countdown" data-testid="retry-countdown" role="timer" aria-label={`next try in ${(left / 1000).toFixed(1)} seconds`}>
      {left > 0 ? `next try in ${(left / 1000).toFixed(1)} s` : 'retrying now…'}
    </span>
  );
}

function Bar(props: { value: number; max?: number; label: string; testid: string }) {
  const determinate = props.max !== undefined && props.max > 0;
  if (determinate) return <progress class="progress" data-testid={props.testid} value={props.value} max={props.max} aria-label={props.label} />;
  return <div class="progress indeterminate" role="progressbar" data-testid={props.testid} aria-label={props.label} aria-valuetext={`${props.value} done`}><div class="bar" /></div>;
}

function ApprovalCard(props: { step: StepView; live: boolean; onDecide: TimelineProps['onDecide'] }) {
  const { step } = props;
  const gate = step.approval!;
  const [sent, setSent] = useState<boolean | undefined>(undefined);
  const waiting = step.status === 'waiting-for-approval' && !gate.decision;
  const decide = (approve: boolean) => {
    setSent(approve);
    props.onDecide(step.id, approve);
  };
  const headingId = `gate-${step.id}`;
  const affected = gate.affected;
  const count = Array.isArray(affected) ? affected.length : undefined;
  return (
    <section class={`approval-card${waiting ? ' waiting' : ''}${gate.confirm ? ' confirm' : ''}`} data-testid="approval-card" data-confirm={gate.confirm ? 'true' : undefined} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span class={`codicon codicon-${gate.confirm ? 'warning' : 'shield'}`} aria-hidden="true" />{' '}
        {gate.confirm ? (waiting ? <>Confirm <code>{gate.confirm.tool}</code></> : <>Confirmation of <code>{gate.confirm.tool}</code></>) : waiting ? 'Approval needed' : 'Approval gate'}
      </h3>
      <p class="gate-summary" data-testid="gate-summary">{String(gate.summary)}</p>
      {!gate.confirm && (
        <p class={`reversible ${gate.reversible ? 'yes' : 'no'}`} data-testid="reversible">
          <span class={`codicon codicon-${gate.reversible ? 'discard' : 'warning'}`} aria-hidden="true" />
          {gate.reversible ? 'Reversible' : 'Not reversible: this cannot be undone'}
        </p>
      )}
      {affected !== undefined && (count === undefined || count > 0) && (
        <div class="affected">
          <h4>{gate.confirm ? 'Arguments' : 'Affected'}{count !== undefined ? ` (${count})` : ''}</h4>
          <JsonView value={affected} label="Affected entities" testid="affected" />
        </div>
      )}
      {gate.decision ? (
        <p class={`decision ${gate.decision.approved ? 'approved' : 'denied'}`} data-testid="decision">
          <span class={`codicon codicon-${gate.decision.approved ? 'check' : 'circle-slash'}`} aria-hidden="true" />
          {gate.decision.approved ? 'Approved' : 'Denied'} by {gate.decision.actor}
          {gate.decision.reason && <span class="muted"> — {gate.decision.reason}</span>}
        </p>
      ) : (
        waiting && props.live && (
          <div class="actions">
            <button type="button" data-testid="approve" disabled={sent !== undefined} onClick={() => decide(true)}>
              <span class="codicon codicon-check" aria-hidden="true" /> {gate.confirm ? 'Run it' : 'Approve'}
            </button>
            <button type="button" class="secondary" data-testid="deny" disabled={sent !== undefined} onClick={() => decide(false)}>
              <span class="codicon codicon-circle-slash" aria-hidden="true" /> Deny
            </button>
            {sent !== undefined && <span class="muted" role="status">{sent ? 'Approving…' : 'Denying…'}</span>}
          </div>
        )
      )}
    </section>
  );
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** One step of the timeline (a lane of a parallel group is one too). */
export function StepRow(props: TimelineProps & { id: string }) {
  const step = props.view.steps[props.id];
  if (!step) return null;
  const classes = ['step', `status-${step.status}`, `kind-${step.kind}`];
  if (props.highlight === step.id) classes.push('highlighted');
  const title = step.title && step.title !== step.id ? step.title : undefined;
  const batch = step.batch;
  const batchesDone = batch ? (step.status === 'done' ? batch.count : batch.index) : 0;
  const p = step.progress;
  const headId = `step-${step.id}`;
  return (
    <li class={classes.join(' ')} data-step={step.id} data-status={step.status} aria-labelledby={headId}>
      <div class="step-head" id={headId}>
        <span class={`codicon codicon-${STEP_ICON[step.status]} step-icon`} role="img" aria-label={STEP_LABEL[step.status]} title={STEP_LABEL[step.status]} />
        <span class="step-id">{step.id}</span>
        {title && <span class="step-title">{title}</span>}
        {step.tool && <code class="tool" data-testid="tool">{step.tool}</code>}
        {step.kind === 'parallel' && <span class="kind-badge">parallel</span>}
        {step.attempts > 1 && <span class="attempts" data-testid="attempts">attempt {step.attempts}</span>}
        {step.durationMs !== undefined && <span class="duration" data-testid="step-duration">{formatDuration(step.durationMs)}</span>}
        {step.status === 'pending' && props.view.status !== 'pending' && props.view.status !== 'running' && <span class="muted not-run" data-testid="not-run">not run</span>}
      </div>
      {step.status === 'skipped' && (
        <p class="skip-reason" data-testid="skipped">
          Skipped{step.when !== undefined ? <>: the condition <code>{show(step.when)}</code> was false</> : ''}
        </p>
      )}
      {step.references.length > 0 && (
        <ul class="refs" aria-label={`Where ${step.id}'s arguments come from`}>
          {step.references.map((r) => <RefChip reference={r} onHighlight={props.onHighlight} />)}
        </ul>
      )}
      {step.checkpoint && (
        <p class="checkpoint-mark" data-testid="checkpoint">
          <span class="codicon codicon-bookmark" aria-hidden="true" /> Checkpoint <strong>{step.checkpoint.name}</strong> saved
          <span class="muted"> · {step.checkpoint.file}</span>
          {props.onRollback && (
            <button type="button" class="secondary small" data-testid="rollback-to" data-checkpoint={step.checkpoint.name} onClick={() => props.onRollback!(step.checkpoint!.name)}>
              <span class="codicon codicon-discard" aria-hidden="true" /> Roll back to it
            </button>
          )}
        </p>
      )}
      {batch && (
        <div class="batches">
          <Bar value={batchesDone} max={batch.count} label={`${step.id} batches`} testid="batch-progress" />
          <span class="muted">{batchesDone} of {batch.count} batches done{step.status === 'failed' ? ` · batch ${batch.index + 1} failed` : ''}</span>
        </div>
      )}
      {p && (step.status === 'running' || step.status === 'retrying') && (
        <div class="call-progress">
          <Bar value={p.progress} max={p.total} label={`${step.id} progress`} testid="progress" />
          <span class="muted">{p.message ?? (p.total !== undefined ? `${p.progress}/${p.total}` : `${p.progress}`)}</span>
        </div>
      )}
      {step.retry && step.status === 'retrying' && (
        <p class="retry" data-testid="retry">
          <span class="codicon codicon-sync" aria-hidden="true" />
          <span class="error-code">{step.retry.code}</span> attempt {step.retry.attempt}/{step.retry.maxAttempts} failed
          {step.retry.message && <span class="muted"> — {step.retry.message}</span>} · <Countdown at={step.retry.at} delayMs={step.retry.delayMs} />
        </p>
      )}
      {step.approval && <ApprovalCard step={step} live={props.live} onDecide={props.onDecide} />}
      {step.error && (
        <p class="error-line" data-testid="step-error">
          <span class="codicon codicon-error" aria-hidden="true" />
          {step.error.code && <span class="error-code">{step.error.code}</span>}
          <span>{step.error.message}</span>
        </p>
      )}
      {step.problems.length > 0 && (
        <ul class="problems" data-testid="expect-problems" aria-label="Expectations not met">
          {step.problems.map((m) => <li class="problem"><span class="codicon codicon-warning" aria-hidden="true" /> {m}</li>)}
        </ul>
      )}
      {step.states && step.states.length > 0 && (
        <ol class="states" aria-label="States">
          {step.states.map((s) => <li><code>{s.state}</code>{s.chosen && <span class="muted"> ← {s.chosen}</span>}{s.completed && ' (completed)'}</li>)}
        </ol>
      )}
      {step.lanes && (
        <div class="lanes-box">
          <p class="lane-times" data-testid="lane-times">
            {step.lanes.length} lanes{step.durationMs !== undefined && ` · wall ${formatDuration(step.durationMs)}`}{step.sumMs !== undefined && ` · sum ${formatDuration(step.sumMs)}`}
          </p>
          <ol class="lanes" data-testid="lanes" aria-label={`${step.id}: steps run side by side`}>
            {step.lanes.map((id) => <StepRow {...props} id={id} />)}
          </ol>
        </div>
      )}
      {step.calls && (
        <ol class="calls" aria-label={`Calls made by ${step.id}`}>
          {step.calls.map((id) => <StepRow {...props} id={id} />)}
        </ol>
      )}
      {step.arguments !== undefined && (
        <details class="io">
          <summary>Arguments</summary>
          <JsonView value={step.arguments} label={`${step.id} arguments`} testid="arguments" />
        </details>
      )}
      {step.result !== undefined && step.kind !== 'parallel' && (
        <details class="io">
          <summary>Result</summary>
          <JsonView value={step.result} label={`${step.id} result`} testid="result" />
        </details>
      )}
    </li>
  );
}

/** The steps of the file in order (rollback steps are shown in their own section). */
export function Timeline(props: TimelineProps) {
  const rollbackSteps = new Set(props.view.rollback?.steps ?? []);
  return (
    <ol class="timeline" aria-label="Steps" data-testid="timeline">
      {props.view.order.filter((id) => !rollbackSteps.has(id)).map((id) => <StepRow {...props} id={id} />)}
    </ol>
  );
}
